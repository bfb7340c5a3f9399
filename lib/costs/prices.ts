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

const fixedOf = (region: PriceRegion): FixedPrices => {
  const services = table.regions[region].services;
  return {
    mwaa: services.mwaaEnvironmentHour["mw1.small"],
    rds: services.rdsInstanceHour["db.t4g.micro"],
    nat: 2 * services.natGatewayHour,
    vpn: 2 * services.clientVpnAssociationHour,
    s3GbMonth: services.s3StandardGbMonth,
  };
};

export const FIXED_PRICES: Record<PriceRegion, FixedPrices> = {
  "eu-west-1": fixedOf("eu-west-1"),
  "us-east-1": fixedOf("us-east-1"),
};

/** What a local Spark cluster is priced as: the instance type the pipeline asks EMR for (dags/builditall/emr.py). */
export const PRODUCTION_INSTANCE_TYPE = "m5.xlarge";

export function isPriceRegion(region: string): region is PriceRegion {
  return (PRICE_REGIONS as readonly string[]).includes(region);
}

export function instancePrice(region: PriceRegion, instanceType: string): InstancePrice {
  const found = INSTANCE_PRICES[region][instanceType];
  if (!found) {
    throw new Error(`no price for ${instanceType} in ${region} (lib/costs/prices.json, taken ${PRICES_TAKEN_ON})`);
  }
  return found;
}
