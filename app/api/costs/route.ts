import { getCosts } from "@/lib/api/contracts/costs";
import { handle } from "@/lib/api/handler";
import { loadCostDashboard } from "@/lib/costs/dashboard";
import { totalsBy } from "@/lib/costs/totals";

export const dynamic = "force-dynamic";

export const GET = handle(getCosts, async ({ input: { query } }) => {
  const from = new Date(`${query.from}T00:00:00Z`);
  const to = new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000);
  const { report, clusters, costs } = await loadCostDashboard(from, to);
  return { groupBy: query.groupBy, totals: totalsBy(report, query.groupBy), report, freshness: { clusters, costs } };
});
