import type { Cluster, InstanceGroup } from "@/lib/platform/clusters/port";
import { EUR_PER_USD, instancePrice, PRODUCTION_INSTANCE_TYPE, type Market, type PriceRegion } from "./prices";

/** EMR and EC2 bill Linux instances per second, with a one-minute minimum per instance. */
export const MINIMUM_BILLED_SECONDS = 60;

export function billedSeconds(start: Date, end: Date): number {
  const seconds = Math.ceil((end.getTime() - start.getTime()) / 1000);
  if (seconds < 0) throw new Error(`the end ${end.toISOString()} is before the start ${start.toISOString()}`);
  return Math.max(MINIMUM_BILLED_SECONDS, seconds);
}

export interface InstanceCost {
  /** USD actually charged: EC2 at the market's price plus the EMR charge. */
  cost: number;
  /** USD the same instance-hours would have cost on demand. */
  onDemandCost: number;
  instanceHours: number;
}

/** count instances of one type in one market for `seconds` (already billed seconds). */
export function instanceCost(region: PriceRegion, instanceType: string, market: Market, count: number, seconds: number): InstanceCost {
  if (!Number.isInteger(count) || count < 0) throw new Error(`instance count ${count} is not a whole number ≥ 0`);
  const price = instancePrice(region, instanceType);
  const instanceHours = (count * seconds) / 3600;
  const ec2 = market === "SPOT" ? price.spot : price.onDemand;
  return {
    cost: instanceHours * (ec2 + price.emr),
    onDemandCost: instanceHours * (price.onDemand + price.emr),
    instanceHours,
  };
}

export interface ClusterCost extends InstanceCost {
  /** What spot saved: on-demand cost minus cost. */
  spotSavings: number;
  /** The instance type each group was priced as (a local cluster is priced as production's). */
  pricedAs: string[];
  /** False while the cluster runs: the figure grows until it ends. */
  final: boolean;
}

const priceableType = (group: InstanceGroup) => (group.instanceType.startsWith("local.") ? PRODUCTION_INSTANCE_TYPE : group.instanceType);

/** A cluster's compute cost from creation to its end (or `now` while it runs), each group at its market's price. */
export function clusterCost(cluster: Pick<Cluster, "createdAt" | "endedAt" | "instanceGroups">, region: PriceRegion, now: Date): ClusterCost {
  const seconds = billedSeconds(cluster.createdAt, cluster.endedAt ?? now);
  const total: ClusterCost = { cost: 0, onDemandCost: 0, instanceHours: 0, spotSavings: 0, pricedAs: [], final: cluster.endedAt !== null };
  for (const group of cluster.instanceGroups) {
    const type = priceableType(group);
    const part = instanceCost(region, type, group.market, group.count, seconds);
    total.cost += part.cost;
    total.onDemandCost += part.onDemandCost;
    total.instanceHours += part.instanceHours;
    if (!total.pricedAs.includes(type)) total.pricedAs.push(type);
  }
  total.spotSavings = total.onDemandCost - total.cost;
  return total;
}

/** USD to the EUR every page, export and API shows, rounded once here so a run's cost is one number everywhere. */
export const toEur = (usd: number) => Math.round(usd * EUR_PER_USD * 10_000) / 10_000;
