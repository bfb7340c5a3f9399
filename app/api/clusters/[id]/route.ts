import { getCluster } from "@/lib/api/contracts/clusters";
import { handle } from "@/lib/api/handler";
import { mayTerminate } from "@/lib/clusters/access";
import { clusterDetail } from "@/lib/clusters/detail";
import { rowFor } from "@/lib/clusters/list";

export const dynamic = "force-dynamic";

export const GET = handle(getCluster, async ({ input: { params }, user }) => {
  const detail = await clusterDetail(params.id);
  return {
    cluster: rowFor(detail.row, user!.role),
    steps: detail.steps,
    metrics: detail.metrics,
    canTerminate: !detail.cluster.endedAt && (await mayTerminate(user!, detail.cluster.dagRun)),
  };
});
