import { BudgetPanel } from "@/components/costs/budget";
import { CostDashboard } from "@/components/costs/dashboard";
import { EstimateAccuracy } from "@/components/costs/estimate-accuracy";
import { PortPage } from "@/components/ui/port-page";
import { dashboardReport, pricingRegion } from "@/lib/costs/dashboard";
import { budgetPort } from "@/lib/budget";
import { budgetView } from "@/lib/budget/store";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { rangeDates, rangeOf } from "@/lib/costs/range";
import { totalsBy } from "@/lib/costs/totals";
import { getPlatform, portAvailability } from "@/lib/platform";
import { freshBudget, freshCostCaches } from "@/lib/sync/fresh";
import { estimateErrors } from "@/lib/pipelines/estimate-history";

export const metadata = { title: "Costs" };
export const dynamic = "force-dynamic";

const DEFAULT_DAYS = 30;
const ESTIMATE_DAYS = 90;
const DAY_MS = 86_400_000;

export default async function CostsPage() {
  let initial = null;
  let budget = null;
  if (getPlatform().metrics && getPlatform().clusters) {
    const range = rangeOf(DEFAULT_DAYS);
    const dates = rangeDates(range.from, range.to);
    const freshness = await freshCostCaches();
    const report = await dashboardReport(dates.from, dates.to);
    initial = { groupBy: "service" as const, adjusted: null, totals: totalsBy(report, "service"), report, freshness };
  }
  // After the cost samples: locally the budget's spend is priced from them.
  if (budgetPort()) {
    const freshness = await freshBudget();
    budget = { budget: await budgetView(prisma, env.BUDGET_NAME), freshness };
  }
  const now = new Date();
  const estimates = await estimateErrors(prisma, new Date(now.getTime() - ESTIMATE_DAYS * DAY_MS), now, pricingRegion());
  return (
    <PortPage port={portAvailability("metrics")} title="Costs" description="What the platform costs, where the money goes, what the optimisations save.">
      <div className="space-y-8">
        {budget && <BudgetPanel body={budget} />}
        {initial && <CostDashboard initial={initial} initialDays={DEFAULT_DAYS} />}
        <EstimateAccuracy points={estimates} days={ESTIMATE_DAYS} />
      </div>
    </PortPage>
  );
}
