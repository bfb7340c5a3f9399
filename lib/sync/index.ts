import "server-only";
import { env, isEmbeddedDatabase, databaseUrl } from "@/lib/env";
import { prisma } from "@/lib/db";
import { getPlatform, lakeBucket } from "@/lib/platform";
import { pipelinesSync } from "./pipelines";
import { clustersSync } from "./clusters";
import { costsSync } from "./costs";
import { alarmsSync } from "./alarms";
import { budgetSync } from "./budget";
import { lineageSync } from "./lineage";
import { budgetPort } from "@/lib/budget";
import { advisoryLock, processLock } from "./lock";
import { pollOnce, startSyncs, type RunningSyncs, type SyncSource } from "./runner";

/** Every background sync of the portal; a source whose adapter is missing is left out. */
export function syncSources(): SyncSource[] {
  const platform = getPlatform();
  const sources: SyncSource[] = [];
  if (platform.orchestrator) {
    sources.push(
      pipelinesSync({
        orchestrator: platform.orchestrator,
        prisma,
        environment: platform.mode,
        intervalMs: env.AIRFLOW_SYNC_INTERVAL_MS,
        lake: platform.lake ? { lake: platform.lake, bucket: lakeBucket() } : undefined,
      }),
    );
  }
  if (platform.lake) sources.push(lineageSync({ prisma, lake: platform.lake, bucket: lakeBucket(), intervalMs: env.AIRFLOW_SYNC_INTERVAL_MS }));
  // Polled at half the views' staleness bound, so a view rarely has to refresh the cache itself.
  if (platform.clusters) sources.push(clustersSync({ prisma, clusters: platform.clusters, intervalMs: (env.CLUSTER_CACHE_MAX_AGE_SECONDS * 1000) / 2 }));
  if (platform.metrics) sources.push(costsSync({ prisma, metrics: platform.metrics, bucket: lakeBucket(), intervalMs: (env.COST_CACHE_MAX_AGE_SECONDS * 1000) / 2 }));
  if (platform.alarms) sources.push(alarmsSync({ prisma, alarms: platform.alarms, intervalMs: (env.ALARM_CACHE_MAX_AGE_SECONDS * 1000) / 2 }));
  const budget = budgetPort();
  if (budget) sources.push(budgetSync({ prisma, budget, intervalMs: (env.COST_CACHE_MAX_AGE_SECONDS * 1000) / 2 }));
  return sources;
}

let running: RunningSyncs | null = null;

/** The lock a source is polled under: Postgres's advisory lock, or the process's own on PGlite. */
function lockFor(source: string) {
  return isEmbeddedDatabase() ? processLock() : advisoryLock(databaseUrl(), source);
}

/** Started once per server process, from instrumentation.ts; not while `next build` runs, nor when disabled. */
export function startPortalSyncs(): RunningSyncs | null {
  if (running || !env.SYNC_ENABLED || env.NEXT_PHASE === "phase-production-build") return running;
  running = startSyncs(syncSources(), { prisma, lockFor });
  return running;
}

const oneOffs = new Map<string, Promise<boolean>>();

/**
 * Polls a source now, for a view that found its cache past the staleness bound: through this
 * process's runner when it runs, else once under the source's lock (one at a time per source).
 * False when another portal task holds the lock (it polls) or the source has no adapter.
 */
export function pollNow(name: string): Promise<boolean> {
  if (running) return running.pollNow(name);
  let pending = oneOffs.get(name);
  if (!pending) {
    const source = syncSources().find((s) => s.name === name);
    pending = source ? pollOnce(source, lockFor(name), prisma).finally(() => oneOffs.delete(name)) : Promise.resolve(false);
    if (source) oneOffs.set(name, pending);
  }
  return pending;
}
