import "server-only";
import { estateBudgetUsd } from "@/lib/costs/estate";
import { priceRegionOf } from "@/lib/costs/prices";
import { prisma } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import { awsBudget } from "@/lib/platform/budget/aws";
import { localBudget } from "@/lib/platform/budget/local";
import type { Budget, BudgetAlert } from "@/lib/platform/budget/port";
import { withDomainErrors } from "@/lib/platform/errors";
import { lakeBucket } from "@/lib/platform";
import { localPeriodSpend } from "./spend";

/** The monitoring module's budget alerts (infra/modules/monitoring), which the local budget keeps too. */
const LOCAL_BUDGET_ALERTS: BudgetAlert[] = [
  { kind: "ACTUAL", comparison: "GREATER_THAN", threshold: 80, absolute: false },
  { kind: "FORECASTED", comparison: "GREATER_THAN", threshold: 100, absolute: false },
];

export const BUDGET_LABEL = "Budget (AWS Budgets)";

/**
 * The Budget port, built here rather than in lib/platform: the local adapter's spend is priced by
 * lib/costs, which itself reads through lib/platform, and lib/ folders depend one way.
 * Null in aws mode without AWS_ACCOUNT_ID (Budgets asks for the account on every call).
 */
function build(e: Env): Budget | null {
  if (e.PLATFORM_MODE === "aws") {
    if (!e.AWS_ACCOUNT_ID) return null;
    return withDomainErrors("AWS Budgets", awsBudget({ accountId: e.AWS_ACCOUNT_ID, budgetName: e.BUDGET_NAME, endpoint: e.AWS_ENDPOINT_URL }), ["status"]);
  }
  return localBudget({
    name: e.BUDGET_NAME,
    limitUsd: e.LOCAL_BUDGET_USD ?? estateBudgetUsd(e.ESTATE_ENVIRONMENT),
    alerts: LOCAL_BUDGET_ALERTS,
    spend: (period) => localPeriodSpend({ prisma, region: priceRegionOf(e.AWS_REGION), environment: e.ESTATE_ENVIRONMENT, bucket: lakeBucket() }, period),
  });
}

let port: Budget | null | undefined;

/** The environment's budget port, built once from configuration. */
export function budgetPort(): Budget | null {
  if (port === undefined) port = build(env);
  return port;
}
