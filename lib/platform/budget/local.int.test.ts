import { expect, it } from "vitest";
import { budgetContract, CONTRACT_BUDGET } from "./contract";
import { localBudget } from "./local";

budgetContract("local", async () => ({
  adapter: localBudget({
    name: CONTRACT_BUDGET.name,
    limitUsd: CONTRACT_BUDGET.limitUsd,
    alerts: CONTRACT_BUDGET.alerts,
    // The estate's priced cost series (lib/budget/spend.ts in the portal) stands here as its result.
    spend: async () => ({ actualUsd: CONTRACT_BUDGET.actualUsd, forecastUsd: CONTRACT_BUDGET.forecastUsd, source: "contract figures" }),
  }),
}));

it("local: asks the cost series for this month up to now", async () => {
  const now = new Date("2026-12-02T17:00:00Z");
  const asked: unknown[] = [];
  const budget = localBudget({
    name: "b",
    limitUsd: 10,
    alerts: [],
    now: () => now,
    spend: async (period) => {
      asked.push(period);
      return { actualUsd: 1, forecastUsd: 2, source: "s" };
    },
  });
  expect(await budget.status()).toMatchObject({ measured: false, source: "s" });
  expect(asked).toEqual([{ start: new Date("2026-12-01T00:00:00Z"), end: new Date("2027-01-01T00:00:00Z"), now }]);
});

it("local: refuses a limit that is not a positive amount", () => {
  expect(() => localBudget({ name: "b", limitUsd: 0, alerts: [], spend: async () => ({ actualUsd: 0, forecastUsd: 0, source: "" }) })).toThrow(/positive/);
});
