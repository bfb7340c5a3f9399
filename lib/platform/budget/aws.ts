import { BudgetsClient, DescribeBudgetCommand, DescribeNotificationsForBudgetCommand } from "@aws-sdk/client-budgets";
import { NotFound } from "../errors";
import { monthOf } from "./period";
import type { Budget, BudgetAlert, BudgetStatus } from "./port";

export interface AwsBudgetOptions {
  /** The account that owns the budget (Budgets asks for it on every call). */
  accountId: string;
  /** The monitoring module's budget, `<name>-monthly`. */
  budgetName: string;
  /** A protocol peer (moto server) instead of AWS. */
  endpoint?: string;
}

// Budgets is a global service answered in us-east-1, whatever the estate's region.
const BUDGETS_REGION = "us-east-1";

const usd = (spend: { Amount?: string; Unit?: string } | undefined): number | null => {
  if (!spend?.Amount) return null;
  if (spend.Unit && spend.Unit !== "USD") throw new Error(`budget amounts in ${spend.Unit}, not USD`);
  return Number(spend.Amount);
};

/** AWS Budgets: DescribeBudget (limit, spend, forecast) and DescribeNotificationsForBudget (the alerts). */
export function awsBudget(options: AwsBudgetOptions): Budget {
  const client = new BudgetsClient({ region: BUDGETS_REGION, endpoint: options.endpoint });
  const ids = { AccountId: options.accountId, BudgetName: options.budgetName };

  async function describe() {
    try {
      const out = await client.send(new DescribeBudgetCommand(ids));
      return out.Budget!;
    } catch (err) {
      if ((err as Error).name === "NotFoundException") throw new NotFound(`No budget ${options.budgetName} in account ${options.accountId}.`, { cause: err });
      throw err;
    }
  }

  return {
    adapter: "aws",

    async probe() {
      const b = await describe();
      return `AWS Budgets answers: ${b.BudgetName} (${b.TimeUnit?.toLowerCase()})`; // no figures: viewers see the Status page
    },

    async status(): Promise<BudgetStatus> {
      const [b, n] = await Promise.all([describe(), client.send(new DescribeNotificationsForBudgetCommand(ids))]);
      const period = b.TimeUnit === "MONTHLY" || !b.TimePeriod?.Start || !b.TimePeriod.End ? monthOf(new Date()) : { start: b.TimePeriod.Start, end: b.TimePeriod.End };
      const alerts: BudgetAlert[] = (n.Notifications ?? []).map((x) => ({
        kind: x.NotificationType === "FORECASTED" ? "FORECASTED" : "ACTUAL",
        comparison: (x.ComparisonOperator ?? "GREATER_THAN") as BudgetAlert["comparison"],
        threshold: x.Threshold ?? 0,
        absolute: x.ThresholdType === "ABSOLUTE_VALUE",
      }));
      return {
        name: b.BudgetName!,
        limitUsd: usd(b.BudgetLimit) ?? 0,
        actualUsd: usd(b.CalculatedSpend?.ActualSpend) ?? 0,
        forecastUsd: usd(b.CalculatedSpend?.ForecastedSpend),
        periodStart: period.start,
        periodEnd: period.end,
        alerts: sortAlerts(alerts),
        measured: true,
        source: "AWS Budgets (Cost Explorer data, refreshed by AWS up to three times a day)",
      };
    },
  };
}

/** Actual before forecast, then by threshold: both adapters list alerts alike. */
export function sortAlerts(alerts: BudgetAlert[]): BudgetAlert[] {
  return [...alerts].sort((a, b) => a.kind.localeCompare(b.kind) || a.threshold - b.threshold);
}
