import type { Probe } from "../probe";

/** One alert of the budget: who is told when the actual or forecast spend passes a share of the limit. */
export interface BudgetAlert {
  kind: "ACTUAL" | "FORECASTED";
  comparison: "GREATER_THAN" | "LESS_THAN" | "EQUAL_TO";
  /** Percent of the limit, or USD when `absolute`. */
  threshold: number;
  absolute: boolean;
}

export interface BudgetStatus {
  name: string;
  limitUsd: number;
  /** Spent in the current period (month to date). */
  actualUsd: number;
  /** What the period will have cost at its end; null when the source cannot forecast yet. */
  forecastUsd: number | null;
  periodStart: Date;
  periodEnd: Date;
  alerts: BudgetAlert[];
  /** False when the figures are priced by the portal (local estate), not reported by AWS Budgets. */
  measured: boolean;
  /** Where the spend figures come from, for the page. */
  source: string;
}

/** The environment's monthly cost budget: AWS Budgets, or the configured local budget against the local cost series. */
export interface Budget extends Probe {
  status(): Promise<BudgetStatus>;
}
