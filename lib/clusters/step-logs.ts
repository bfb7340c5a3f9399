import { NotFound } from "@/lib/platform/errors";
import type { Clusters } from "@/lib/platform/clusters/port";
import type { StepLogRef } from "@/lib/platform/logs/port";

/** A step's log as the cluster's source reports its folder; the request names only the cluster, step and stream. */
export async function stepLogRef(clusters: Clusters, clusterId: string, stepId: string, stream: StepLogRef["stream"]): Promise<StepLogRef> {
  const step = (await clusters.steps(clusterId)).find((s) => s.id === stepId);
  if (!step) throw new NotFound(`Cluster ${clusterId} has no step ${stepId}.`);
  if (!step.logUri) throw new NotFound("The cluster keeps no logs (no log URI).");
  return { logUri: step.logUri, stream };
}
