/**
 * The price table the estimates use, kept in the repository so an estimate can be reproduced.
 * AWS list prices in USD, Linux, read from the AWS pricing pages on TAKEN_ON; spot is a typical
 * 35 % of on demand (the real spot price moves hourly). Re-read and bump TAKEN_ON when they change.
 */
export const PRICES_TAKEN_ON = "2025-06-30";

/** USD → EUR, the ECB reference rate of PRICES_TAKEN_ON (rounded). */
export const EUR_PER_USD = 0.87;

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

const SPOT_SHARE = 0.35;
const price = (onDemand: number, emr: number): InstancePrice => ({
  onDemand,
  spot: Math.round(onDemand * SPOT_SHARE * 10_000) / 10_000,
  emr,
});

export const INSTANCE_PRICES: Record<PriceRegion, Record<string, InstancePrice>> = {
  "eu-west-1": {
    "m5.xlarge": price(0.214, 0.048),
    "m5.2xlarge": price(0.428, 0.096),
    "r5.xlarge": price(0.282, 0.063),
    "c5.xlarge": price(0.192, 0.052),
  },
  "us-east-1": {
    "m5.xlarge": price(0.192, 0.048),
    "m5.2xlarge": price(0.384, 0.096),
    "r5.xlarge": price(0.252, 0.063),
    "c5.xlarge": price(0.17, 0.052),
  },
};

/** The platform's always-on services (infra/), USD per hour for the whole estate, and S3 per GB-month. */
export interface FixedPrices {
  /** MWAA mw1.small environment. */
  mwaa: number;
  /** RDS db.t4g.micro, single AZ. */
  rds: number;
  /** Two NAT gateways (one per AZ), hourly charge only. */
  nat: number;
  /** Client VPN: two subnet associations. */
  vpn: number;
  /** S3 Standard, USD per GB-month. */
  s3GbMonth: number;
}

export const FIXED_PRICES: Record<PriceRegion, FixedPrices> = {
  "eu-west-1": { mwaa: 0.54, rds: 0.018, nat: 2 * 0.048, vpn: 2 * 0.1, s3GbMonth: 0.023 },
  "us-east-1": { mwaa: 0.49, rds: 0.016, nat: 2 * 0.045, vpn: 2 * 0.1, s3GbMonth: 0.023 },
};

/** What a local Spark cluster is priced as: the instance type the pipeline asks EMR for (dags/builditall/emr.py). */
export const PRODUCTION_INSTANCE_TYPE = "m5.xlarge";

export function isPriceRegion(region: string): region is PriceRegion {
  return (PRICE_REGIONS as readonly string[]).includes(region);
}

export function instancePrice(region: PriceRegion, instanceType: string): InstancePrice {
  const found = INSTANCE_PRICES[region][instanceType];
  if (!found) {
    throw new Error(`no price for ${instanceType} in ${region} (lib/costs/prices.ts, taken ${PRICES_TAKEN_ON})`);
  }
  return found;
}
