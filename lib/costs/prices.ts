import table from "./prices.json";

/**
 * The price table the estimates use, kept in the repository so an estimate can be reproduced:
 * prices.json, the one table the portal and the estate's monthly estimate (infra/tests/cost_estimate.py)
 * read. AWS list prices in USD, Linux, as known on TAKEN_ON; spot is a typical share of on demand
 * (the real spot price moves hourly). Re-read and bump takenOn in prices.json when they change.
 */
export const PRICES_TAKEN_ON: string = table.takenOn;

/** USD → EUR, the ECB reference rate of PRICES_TAKEN_ON (rounded). */
export const EUR_PER_USD: number = table.eurPerUsd;

export const PRICE_REGIONS = ["eu-west-1", "us-east-1"] as const;
export type PriceRegion = (typeof PRICE_REGIONS)[number];

export type Market = "ON_DEMAND" | "SPOT";

export interface InstancePrice {
  /** EC2 on demand, USD per instance-hour. */
  onDemand: number;
  /** EC2 spot, typical, USD per instance-hour. */
  spot: number;
  /** The EMR charge on top of EC2, USD per instance-hour, the same on spot and on demand. */
  emr: number;
}

const price = ({ onDemand, emr }: { onDemand: number; emr: number }): InstancePrice => ({
  onDemand,
  spot: Math.round(onDemand * table.spotShare * 10_000) / 10_000,
  emr,
});

const instancesOf = (region: PriceRegion): Record<string, InstancePrice> =>
  Object.fromEntries(Object.entries(table.regions[region].instances).map(([type, p]) => [type, price(p)]));

export const INSTANCE_PRICES: Record<PriceRegion, Record<string, InstancePrice>> = {
  "eu-west-1": instancesOf("eu-west-1"),
  "us-east-1": instancesOf("us-east-1"),
};

/** S3 Standard, USD per GB-month (the lake's storage, priced from its measured size). */
export const S3_STANDARD_GB_MONTH: Record<PriceRegion, number> = {
  "eu-west-1": table.regions["eu-west-1"].services.s3StandardGbMonth,
  "us-east-1": table.regions["us-east-1"].services.s3StandardGbMonth,
};

/** What a local Spark cluster is priced as: the instance type the pipeline asks EMR for (dags/builditall/emr.py). */
export const PRODUCTION_INSTANCE_TYPE = "m5.xlarge";

export function isPriceRegion(region: string): region is PriceRegion {
  return (PRICE_REGIONS as readonly string[]).includes(region);
}

/** The prices of the estate's region; the local estate (no region, or one the table lacks) is priced as production, eu-west-1 (infra/). */
export function priceRegionOf(region: string | undefined): PriceRegion {
  return region && isPriceRegion(region) ? region : "eu-west-1";
}

export function instancePrice(region: PriceRegion, instanceType: string): InstancePrice {
  const found = INSTANCE_PRICES[region][instanceType];
  if (!found) {
    throw new Error(`no price for ${instanceType} in ${region} (lib/costs/prices.json, taken ${PRICES_TAKEN_ON})`);
  }
  return found;
}
