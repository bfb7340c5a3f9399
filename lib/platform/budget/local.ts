import { sortAlerts } from "./aws";
import { monthOf } from "./period";
import type { Budget, BudgetAlert, BudgetStatus } from "./port";

/** What the local estate cost over a period so far, and what it will have cost at the period's end. */
export interface PeriodSpend {
  actualUsd: number;
  forecastUsd: number | null;
  /** How the figures were priced, for the page. */
  source: string;
}

export interface LocalBudgetOptions {
  name: string;
  limitUsd: number;
  alerts: BudgetAlert[];
  /** Prices the local cost series for [start, now) and forecasts to `end` (lib/costs). */
  spend: (period: { start: Date; end: Date; now: Date }) => Promise<PeriodSpend>;
  now?: () => Date;
}

/** The local estate has no AWS Budgets: the configured budget, held against the estate's own cost series. */
export function localBudget(options: LocalBudgetOptions): Budget {
  if (!(options.limitUsd > 0)) throw new Error(`local budget: the limit must be a positive amount of USD, not ${options.limitUsd}`);
  const now = options.now ?? (() => new Date());
  return {
    adapter: "local",

    async probe() {
      return `Local budget ${options.name}, held against the local cost series`; // no figures: viewers see the Status page
    },

    async status(): Promise<BudgetStatus> {
      const at = now();
      const period = monthOf(at);
      const spend = await options.spend({ ...period, now: at });
      return {
        name: options.name,
        limitUsd: options.limitUsd,
        actualUsd: spend.actualUsd,
        forecastUsd: spend.forecastUsd,
        periodStart: period.start,
        periodEnd: period.end,
        alerts: sortAlerts(options.alerts),
        measured: false,
        source: spend.source,
      };
    },
  };
}
