import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { CLUSTERS_SOURCE } from "./clusters";
import { COSTS_SOURCE } from "./costs";
import { ALARMS_SOURCE } from "./alarms";
import { BUDGET_SOURCE } from "./budget";
import { pollNow } from "./index";
import { failureNotice } from "@/lib/platform/errors";

/**
 * The read side of the cluster and cost caches. The syncs keep SyncState fresh; when they are
 * behind (or not running here), the first view past the staleness bound asks the runner to poll
 * now, under the source's lock, and serves the cache as it then is (stale, with the error, when
 * the poll failed).
 */
export interface Freshness {
  /** When the cache was last filled from its source; null when never. */
  lastSuccessAt: string | null;
  maxAgeSeconds: number;
  /** True when this view had the source polled. */
  refreshed: boolean;
  /** Why the last poll failed, when the cache is served stale. */
  error: string | null;
}

export async function freshWithin(
  db: PrismaClient,
  source: string,
  maxAgeSeconds: number,
  poll: () => Promise<boolean>,
): Promise<Freshness> {
  const state = await db.syncState.findUnique({ where: { source } });
  const last = state?.lastSuccessAt ?? null;
  if (last !== null && Date.now() - last.getTime() <= maxAgeSeconds * 1000) {
    return { lastSuccessAt: last.toISOString(), maxAgeSeconds, refreshed: false, error: null };
  }
  const refreshed = await poll();
  const after = await db.syncState.findUnique({ where: { source } });
  const failedLast = after?.lastErrorAt && (!after.lastSuccessAt || after.lastErrorAt > after.lastSuccessAt);
  return { lastSuccessAt: after?.lastSuccessAt?.toISOString() ?? null, maxAgeSeconds, refreshed, error: failedLast ? failureNotice(`The last poll of ${source}`, after.lastErrorAt) : null };
}

/** Cluster snapshots, fresh within CLUSTER_CACHE_MAX_AGE_SECONDS. */
export function freshClusters(): Promise<Freshness> {
  return freshWithin(prisma, CLUSTERS_SOURCE, env.CLUSTER_CACHE_MAX_AGE_SECONDS, () => pollNow(CLUSTERS_SOURCE));
}

/** Cost samples, fresh within COST_CACHE_MAX_AGE_SECONDS: one batched Metrics call when stale, none otherwise. */
export function freshCostSamples(): Promise<Freshness> {
  return freshWithin(prisma, COSTS_SOURCE, env.COST_CACHE_MAX_AGE_SECONDS, () => pollNow(COSTS_SOURCE));
}

/** What the Costs dashboard reads: cluster snapshots (per-run estimates) and cost samples, in turn. */
export async function freshCostCaches(): Promise<{ clusters: Freshness; costs: Freshness }> {
  const clusters = await freshClusters();
  return { clusters, costs: await freshCostSamples() };
}

/** The estate's alarm states, fresh within ALARM_CACHE_MAX_AGE_SECONDS. */
export function freshAlarms(): Promise<Freshness> {
  return freshWithin(prisma, ALARMS_SOURCE, env.ALARM_CACHE_MAX_AGE_SECONDS, () => pollNow(ALARMS_SOURCE));
}

/** The budget, fresh within COST_CACHE_MAX_AGE_SECONDS (locally it is priced from the cost samples: fresh those first). */
export function freshBudget(): Promise<Freshness> {
  return freshWithin(prisma, BUDGET_SOURCE, env.COST_CACHE_MAX_AGE_SECONDS, () => pollNow(BUDGET_SOURCE));
}
