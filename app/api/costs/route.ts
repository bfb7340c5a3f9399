import { getCosts, MAX_RANGE_DAYS } from "@/lib/api/contracts/costs";
import { handle } from "@/lib/api/handler";
import { dashboardReport } from "@/lib/costs/dashboard";
import { rangeDates } from "@/lib/costs/range";
import { totalsBy } from "@/lib/costs/totals";
import { freshCostCaches } from "@/lib/sync/fresh";

export const dynamic = "force-dynamic";

export const GET = handle(getCosts, async ({ input: { query } }) => {
  const { from, to, adjusted } = rangeDates(query.from, query.to, MAX_RANGE_DAYS);
  const freshness = await freshCostCaches();
  const report = await dashboardReport(from, to);
  return { groupBy: query.groupBy, adjusted, totals: totalsBy(report, query.groupBy), report, freshness };
});
