import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PeriodSpend } from "@/lib/platform/budget/local";
import type { EstateEnvironment } from "@/lib/costs/estate";
import { EUR_PER_USD, PRICES_TAKEN_ON, type PriceRegion } from "@/lib/costs/prices";
import { costReport } from "@/lib/costs/report";

/**
 * What the local estate has cost this period, priced from its cost series as the Costs page prices
 * it (every figure estimated as on AWS), and a straight-line forecast to the period's end: the
 * fixed estate bills by the hour and the daily runs recur, so the month goes on as it began.
 */
export async function localPeriodSpend(
  deps: { prisma: PrismaClient; region: PriceRegion; environment: EstateEnvironment; bucket: string },
  period: { start: Date; end: Date; now: Date },
): Promise<PeriodSpend> {
  const report = await costReport({ prisma: deps.prisma, from: period.start, to: period.now, region: deps.region, mode: "local", environment: deps.environment, bucket: deps.bucket, now: period.now });
  const actualUsd = round(report.total / EUR_PER_USD);
  const elapsed = period.now.getTime() - period.start.getTime();
  // Less than an hour in, a straight line says nothing yet (AWS Budgets too waits for data).
  const forecastUsd = elapsed < 3_600_000 ? null : round((actualUsd * (period.end.getTime() - period.start.getTime())) / elapsed);
  return { actualUsd, forecastUsd, source: `local cost series priced as the ${deps.environment} estate with the price table of ${PRICES_TAKEN_ON} (${deps.region}), estimated as on AWS` };
}

const round = (x: number) => Math.round(x * 100) / 100;
