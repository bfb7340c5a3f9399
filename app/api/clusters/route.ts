import { listClusters } from "@/lib/api/contracts/clusters";
import { handle } from "@/lib/api/handler";
import { clusterRows, rowFor, rowJson } from "@/lib/clusters/list";
import { freshClusters } from "@/lib/sync/fresh";

export const dynamic = "force-dynamic";

export const GET = handle(listClusters, async ({ input: { query }, user }) => {
  const freshness = await freshClusters();
  const rows = await clusterRows({ days: query.days });
  return { items: rows.map((r) => rowFor(rowJson(r), user!.role)), freshness };
});
