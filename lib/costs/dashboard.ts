import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { getPlatform, lakeBucket } from "@/lib/platform";
import { isPriceRegion, type PriceRegion } from "./prices";
import { costReport, type CostReport } from "./report";

/** Prices for the estate's region; the local estate is priced as production (eu-west-1, infra/). */
export function pricingRegion(): PriceRegion {
  const region = env.AWS_REGION;
  return region && isPriceRegion(region) ? region : "eu-west-1";
}

/** The Costs dashboard's figures for a range, from Postgres only (the page asks lib/sync for fresh caches first). */
export function dashboardReport(from: Date, to: Date): Promise<CostReport> {
  return costReport({ prisma, from, to, region: pricingRegion(), mode: getPlatform().mode, bucket: lakeBucket() });
}
