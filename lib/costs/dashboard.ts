import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { getPlatform, lakeBucket, requirePort } from "@/lib/platform";
import { syncClusters, CLUSTERS_SOURCE } from "@/lib/sync/clusters";
import { COSTS_SOURCE, daysToRead, syncCosts } from "@/lib/sync/costs";
import { refreshIfStale, type Freshness } from "./cache";
import { isPriceRegion, type PriceRegion } from "./prices";
import { costReport, type CostReport } from "./report";


/** Prices for the estate's region; the local estate is priced as production (eu-west-1, infra/). */
export function pricingRegion(): PriceRegion {
  const region = env.AWS_REGION;
  return region && isPriceRegion(region) ? region : "eu-west-1";
}

/** Cluster snapshots, fresh within CLUSTER_CACHE_MAX_AGE_SECONDS. */
export function freshClusters(): Promise<Freshness> {
  const clusters = requirePort("clusters");
  return refreshIfStale(prisma, CLUSTERS_SOURCE, env.CLUSTER_CACHE_MAX_AGE_SECONDS, () => syncClusters({ prisma, clusters }));
}

/** Cost samples, fresh within COST_CACHE_MAX_AGE_SECONDS: one batched Metrics call when stale, none otherwise. */
export function freshCostSamples(): Promise<Freshness> {
  const metrics = requirePort("metrics");
  return refreshIfStale(prisma, COSTS_SOURCE, env.COST_CACHE_MAX_AGE_SECONDS, (last) =>
    syncCosts({ prisma, metrics, bucket: lakeBucket(), days: daysToRead(last, new Date()) }),
  );
}

export async function loadCostDashboard(from: Date, to: Date): Promise<{ report: CostReport; clusters: Freshness; costs: Freshness }> {
  const clusters = await freshClusters();
  const costs = await freshCostSamples();
  const report = await costReport({ prisma, from, to, region: pricingRegion(), mode: getPlatform().mode, bucket: lakeBucket() });
  return { report, clusters, costs };
}
