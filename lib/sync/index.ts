import "server-only";
import { env, isEmbeddedDatabase, databaseUrl } from "@/lib/env";
import { prisma } from "@/lib/db";
import { getPlatform, lakeBucket } from "@/lib/platform";
import { pipelinesSync } from "./pipelines";
import { clustersSync } from "./clusters";
import { costsSync } from "./costs";
import { advisoryLock, processLock } from "./lock";
import { startSyncs, type RunningSyncs, type SyncSource } from "./runner";

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
  // Polled at half the views' staleness bound, so a view rarely has to refresh the cache itself.
  if (platform.clusters) sources.push(clustersSync({ prisma, clusters: platform.clusters, intervalMs: (env.CLUSTER_CACHE_MAX_AGE_SECONDS * 1000) / 2 }));
  if (platform.metrics) sources.push(costsSync({ prisma, metrics: platform.metrics, bucket: lakeBucket(), intervalMs: (env.COST_CACHE_MAX_AGE_SECONDS * 1000) / 2 }));
  return sources;
}

let running: RunningSyncs | null = null;

/** Started once per server process, from instrumentation.ts; not while `next build` runs, nor when disabled. */
export function startPortalSyncs(): RunningSyncs | null {
  if (running || !env.SYNC_ENABLED || env.NEXT_PHASE === "phase-production-build") return running;
  const url = databaseUrl();
  const embedded = isEmbeddedDatabase();
  running = startSyncs(syncSources(), { prisma, lockFor: (source) => (embedded ? processLock() : advisoryLock(url, source)) });
  return running;
}
