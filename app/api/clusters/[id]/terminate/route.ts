import { ApiError } from "@/lib/api/errors";
import { terminateCluster } from "@/lib/api/contracts/clusters";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { mayTerminate } from "@/lib/clusters/access";
import { requirePort } from "@/lib/platform";
import { syncClusters } from "@/lib/sync/clusters";

export const dynamic = "force-dynamic";

export const POST = handle(terminateCluster, async ({ input: { params, body }, user }) => {
  // Well-formed but naming another cluster: the confirmation conflicts with the target.
  if (body.confirm !== params.id) throw new ApiError("conflict", "The confirmation names another cluster: send this cluster's own id as `confirm`.");
  const clusters = requirePort("clusters");
  const cluster = await clusters.describe(params.id);
  if (!(await mayTerminate(user!, cluster.dagRun))) {
    throw new ApiError("forbidden", "Engineers may terminate the clusters of their own runs only; ask a lead.");
  }
  if (cluster.endedAt) throw new ApiError("conflict", `${params.id} is already ${cluster.state}.`);
  await clusters.terminate(params.id);
  const after = await clusters.describe(params.id);
  // The list reads snapshots: capture the change now rather than at the next poll.
  await syncClusters({ prisma, clusters }).catch((err: Error) => console.error("[clusters] snapshot after terminate failed", err));
  return { id: after.id, state: after.state };
});
