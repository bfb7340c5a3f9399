import { getCosts } from "@/lib/api/contracts/costs";
import { handle } from "@/lib/api/handler";
import { loadCostDashboard } from "@/lib/costs/dashboard";
import { rangeDates } from "@/lib/costs/range";
import { totalsBy } from "@/lib/costs/totals";

export const dynamic = "force-dynamic";

export const GET = handle(getCosts, async ({ input: { query } }) => {
  const { from, to } = rangeDates(query.from, query.to);
  const { report, clusters, costs } = await loadCostDashboard(from, to);
  return { groupBy: query.groupBy, totals: totalsBy(report, query.groupBy), report, freshness: { clusters, costs } };
});
