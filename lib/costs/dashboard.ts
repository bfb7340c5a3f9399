import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { getPlatform, lakeBucket } from "@/lib/platform";
import { priceRegionOf, type PriceRegion } from "./prices";
import { costReport, type CostReport } from "./report";

/** Prices for the estate's region. */
export const pricingRegion = (): PriceRegion => priceRegionOf(env.AWS_REGION);

/** The Costs dashboard's figures for a range, from Postgres only (the page asks lib/sync for fresh caches first). */
export function dashboardReport(from: Date, to: Date): Promise<CostReport> {
  return costReport({ prisma, from, to, region: pricingRegion(), mode: getPlatform().mode, environment: env.ESTATE_ENVIRONMENT, bucket: lakeBucket() });
}
