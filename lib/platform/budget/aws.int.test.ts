import { BudgetsClient, CreateBudgetCommand } from "@aws-sdk/client-budgets";
import { expect, inject, it } from "vitest";
import { NotFound } from "../errors";
import { applyMotoCredentials } from "../testing/moto-global-setup";
import { awsBudget } from "./aws";
import { budgetContract, CONTRACT_BUDGET } from "./contract";

// moto's default account.
const ACCOUNT = "123456789012";

budgetContract("aws (Budgets on moto server)", async () => {
  applyMotoCredentials();
  const endpoint = inject("motoEndpoint");
  const client = new BudgetsClient({ region: "us-east-1", endpoint });
  const amount = (x: number) => ({ Amount: String(x), Unit: "USD" });
  // AWS computes CalculatedSpend itself; moto keeps what it is given, which stands in for a month's data.
  await client.send(
    new CreateBudgetCommand({
      AccountId: ACCOUNT,
      Budget: {
        BudgetName: CONTRACT_BUDGET.name,
        BudgetType: "COST",
        TimeUnit: "MONTHLY",
        BudgetLimit: amount(CONTRACT_BUDGET.limitUsd),
        CalculatedSpend: { ActualSpend: amount(CONTRACT_BUDGET.actualUsd), ForecastedSpend: amount(CONTRACT_BUDGET.forecastUsd) },
      },
      NotificationsWithSubscribers: CONTRACT_BUDGET.alerts.map((a) => ({
        Notification: { NotificationType: a.kind, ComparisonOperator: a.comparison, Threshold: a.threshold, ThresholdType: "PERCENTAGE" },
        Subscribers: [{ SubscriptionType: "EMAIL", Address: "alerts@example.com" }],
      })),
    }),
  );
  return { adapter: awsBudget({ accountId: ACCOUNT, budgetName: CONTRACT_BUDGET.name, endpoint }) };
});

it("aws: a budget that does not exist is NotFound, named", async () => {
  applyMotoCredentials();
  const budget = awsBudget({ accountId: ACCOUNT, budgetName: "no-such-budget", endpoint: inject("motoEndpoint") });
  await expect(budget.status()).rejects.toThrow(NotFound);
  await expect(budget.status()).rejects.toThrow(/no-such-budget/);
});
