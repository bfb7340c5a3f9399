import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { BudgetAlert, BudgetStatus } from "@/lib/platform/budget/port";

/** Caches the budget's figures for its period; an older capture never replaces a newer one. */
export async function recordBudget(prisma: PrismaClient, status: BudgetStatus, capturedAt: Date): Promise<boolean> {
  const key = { name: status.name, periodStart: status.periodStart };
  const stored = await prisma.budgetSnapshot.findUnique({ where: { name_periodStart: key } });
  if (stored && stored.capturedAt > capturedAt) return false;
  const data = {
    periodEnd: status.periodEnd,
    limitUsd: new Prisma.Decimal(status.limitUsd.toFixed(2)),
    actualUsd: new Prisma.Decimal(status.actualUsd.toFixed(2)),
    forecastUsd: status.forecastUsd === null ? null : new Prisma.Decimal(status.forecastUsd.toFixed(2)),
    alerts: status.alerts.map((a) => ({ ...a })),
    measured: status.measured,
    source: status.source,
    capturedAt,
  };
  await prisma.budgetSnapshot.upsert({ where: { name_periodStart: key }, create: { ...key, ...data }, update: data });
  return true;
}

/** The budget of the latest period cached, or null before the first sync. */
export async function readBudget(prisma: PrismaClient, name: string): Promise<(BudgetStatus & { capturedAt: Date }) | null> {
  const row = await prisma.budgetSnapshot.findFirst({ where: { name }, orderBy: { periodStart: "desc" } });
  if (!row) return null;
  return {
    name: row.name,
    limitUsd: Number(row.limitUsd),
    actualUsd: Number(row.actualUsd),
    forecastUsd: row.forecastUsd === null ? null : Number(row.forecastUsd),
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    alerts: row.alerts as unknown as BudgetAlert[],
    measured: row.measured,
    source: row.source,
    capturedAt: row.capturedAt,
  };
}

/** The cached budget as the API and the page's first render send it (dates as ISO strings), or null before the first sync. */
export async function budgetView(prisma: PrismaClient, name: string) {
  const b = await readBudget(prisma, name);
  return b && { ...b, periodStart: b.periodStart.toISOString(), periodEnd: b.periodEnd.toISOString(), capturedAt: b.capturedAt.toISOString() };
}
