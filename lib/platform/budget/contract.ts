import { expect, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import type { Budget, BudgetAlert } from "./port";

/** The budget a factory sets up, as infra/modules/monitoring makes it: a monthly limit and two alerts. */
export const CONTRACT_BUDGET = {
  name: "contract-estate-monthly",
  limitUsd: 700,
  actualUsd: 123.45,
  forecastUsd: 456.78,
  alerts: [
    { kind: "FORECASTED", comparison: "GREATER_THAN", threshold: 100, absolute: false },
    { kind: "ACTUAL", comparison: "GREATER_THAN", threshold: 80, absolute: false },
  ] satisfies BudgetAlert[],
};

export function budgetContract(adapterName: string, factory: () => Promise<AdapterUnderTest<Budget>>): void {
  contractSuite("Budget", adapterName, factory, (budget) => {
    it("probes its source", async () => {
      expect(await budget().probe()).toMatch(/\S/);
    });

    it("gives the limit, the spend this month and the forecast, in USD", async () => {
      const s = await budget().status();
      expect(s).toMatchObject({ name: CONTRACT_BUDGET.name, limitUsd: 700, actualUsd: 123.45, forecastUsd: 456.78 });
      expect(s.source).toMatch(/\S/);
    });

    it("says the current period is this calendar month (UTC)", async () => {
      const s = await budget().status();
      const now = new Date();
      expect(s.periodStart.toISOString()).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
      expect(s.periodEnd.toISOString()).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString());
    });

    it("lists the alert thresholds, actual before forecast", async () => {
      expect((await budget().status()).alerts).toEqual([
        { kind: "ACTUAL", comparison: "GREATER_THAN", threshold: 80, absolute: false },
        { kind: "FORECASTED", comparison: "GREATER_THAN", threshold: 100, absolute: false },
      ]);
    });
  });
}
