import estate from "./estate.json";
import type { Service } from "./services";

/**
 * The always-on estate of each environment as infra's monthly estimate prices it (estate.json,
 * written by infra/tests/cost_estimate.py from the Terraform and prices.json, and checked to be
 * current by its test): the portal's fixed-cost estimate is that estate, not a guess of its own.
 */
export const ESTATE_ENVIRONMENTS = ["dev", "prod"] as const;
export type EstateEnvironment = (typeof ESTATE_ENVIRONMENTS)[number];

// Which dashboard service each Terraform module's fixed lines fall under.
const SERVICE_OF_MODULE: Record<string, Service> = {
  mwaa: "mwaa",
  rds: "rds",
  network: "network",
  vpn: "network",
  portal: "portal",
  kms: "portal",
  lake: "portal",
  monitoring: "portal",
};

export interface FixedService {
  usdPerHour: number;
  /** The priced lines, e.g. "MWAA mw1.micro", for the page to say what the figure is. */
  items: string[];
}

/** An environment's fixed cost per dashboard service, by the hour. */
export function fixedEstate(environment: EstateEnvironment): Map<Service, FixedService> {
  const env = estate.envs[environment];
  const services = new Map<Service, FixedService>();
  for (const line of env.fixed) {
    const service = SERVICE_OF_MODULE[line.module];
    if (!service) throw new Error(`lib/costs/estate.ts: no dashboard service for the ${line.module} module's fixed cost`);
    const s = services.get(service) ?? { usdPerHour: 0, items: [] };
    s.usdPerHour += line.usdPerMonth / estate.hoursPerMonth;
    s.items.push(line.item);
    services.set(service, s);
  }
  return services;
}

/** The environment's budget in infra (settings.tf), the local budget's default. */
export const estateBudgetUsd = (environment: EstateEnvironment): number => estate.envs[environment].budgetUsd;
export const ESTATE_PRICED_ON: string = estate.takenOn;
