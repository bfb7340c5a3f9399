import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordPoll } from "@/lib/sync/runner";

/**
 * The read-through side of the cluster and cost caches. The background syncs keep SyncState fresh;
 * when they are behind (or not running), the first view past the staleness bound refreshes the
 * cache itself, once per process at a time, and a failed refresh serves the cache as it is.
 */
export interface Freshness {
  /** When the cache was last filled from its source; null when never. */
  lastSuccessAt: string | null;
  maxAgeSeconds: number;
  /** True when this view filled the cache (the source was called). */
  refreshed: boolean;
  /** Why the last refresh failed, when the cache is served stale. */
  error: string | null;
}

const inFlight = new Map<string, Promise<void>>();

export async function refreshIfStale(
  prisma: PrismaClient,
  source: string,
  maxAgeSeconds: number,
  refresh: (lastSuccessAt: Date | null) => Promise<unknown>,
): Promise<Freshness> {
  const state = await prisma.syncState.findUnique({ where: { source } });
  const last = state?.lastSuccessAt ?? null;
  const fresh = last !== null && Date.now() - last.getTime() <= maxAgeSeconds * 1000;
  if (fresh) return { lastSuccessAt: last.toISOString(), maxAgeSeconds, refreshed: false, error: null };

  let running = inFlight.get(source);
  if (!running) {
    running = (async () => {
      const at = new Date();
      try {
        await refresh(last);
        await recordPoll(prisma, source, { ok: true }, at);
      } catch (err) {
        await recordPoll(prisma, source, { ok: false, error: (err as Error).message }, at);
        throw err;
      }
    })().finally(() => inFlight.delete(source));
    inFlight.set(source, running);
  }
  try {
    await running;
    const after = await prisma.syncState.findUnique({ where: { source } });
    return { lastSuccessAt: after?.lastSuccessAt?.toISOString() ?? null, maxAgeSeconds, refreshed: true, error: null };
  } catch (err) {
    return { lastSuccessAt: last?.toISOString() ?? null, maxAgeSeconds, refreshed: true, error: (err as Error).message };
  }
}
