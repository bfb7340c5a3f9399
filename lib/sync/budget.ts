import { recordBudget } from "@/lib/budget/store";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Budget } from "@/lib/platform/budget/port";
import type { SyncSource } from "./runner";

/** The budget sync: the environment's budget for the current period, into BudgetSnapshot. */
export const BUDGET_SOURCE = "budget";

export async function syncBudget(deps: { prisma: PrismaClient; budget: Budget; now?: Date }): Promise<string> {
  const status = await deps.budget.status();
  const written = await recordBudget(deps.prisma, status, deps.now ?? new Date());
  return `budget ${status.name} for ${status.periodStart.toISOString().slice(0, 7)}${written ? "" : " (older than the cached capture, ignored)"}`;
}

export function budgetSync(deps: { prisma: PrismaClient; budget: Budget; intervalMs: number }): SyncSource {
  return { name: BUDGET_SOURCE, intervalMs: deps.intervalMs, poll: () => syncBudget(deps) };
}
