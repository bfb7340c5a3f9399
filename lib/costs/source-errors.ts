import { ApiError } from "@/lib/api/errors";
import { ClusterNotFoundError } from "@/lib/platform/clusters/port";

/** A source's failure as the API reports it: 404 for an unknown cluster, 502 when EMR/CloudWatch/Spark fails. */
export async function fromSource<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err instanceof ClusterNotFoundError) throw new ApiError("not_found", err.message);
    console.error(`[clusters] ${what} failed`, err);
    throw new ApiError("bad_gateway", `${what} failed: the cluster source did not answer as expected.`);
  }
}
