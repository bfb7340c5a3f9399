import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SourceLock } from "./lock";
import { errorLine } from "@/lib/platform/errors";

/** One background sync: polls its source and writes what it learns to Postgres. */
export interface SyncSource {
  /** The SyncState key, e.g. "airflow". */
  name: string;
  intervalMs: number;
  /** One cycle; returns a one-line summary for the log. Throws when the source cannot be reached. */
  poll(): Promise<string>;
}

export interface RunnerOptions {
  prisma: PrismaClient;
  lockFor: (source: string) => SourceLock;
  log?: (line: string) => void;
  /** How long a task without the lock waits before asking again; 15 s unless a test needs less. */
  lockRetryMs?: number;
}

export interface RunningSyncs {
  stop(): Promise<void>;
}

/** Records the outcome of one poll: success clears "unreachable since", a failure keeps its first time. */
export async function recordPoll(prisma: PrismaClient, source: string, outcome: { ok: true } | { ok: false; error: string }, at = new Date()) {
  if (outcome.ok) {
    await prisma.syncState.upsert({
      where: { source },
      create: { source, lastSuccessAt: at },
      update: { lastSuccessAt: at, unreachableSince: null },
    });
    return;
  }
  const lastError = outcome.error.slice(0, 1000);
  const previous = await prisma.syncState.findUnique({ where: { source } });
  await prisma.syncState.upsert({
    where: { source },
    create: { source, lastErrorAt: at, lastError, unreachableSince: at },
    update: { lastErrorAt: at, lastError, unreachableSince: previous?.unreachableSince ?? at },
  });
}

/**
 * Runs every source's poll on its interval, each under its own lock, for as long as the server
 * lives. A failing source is recorded and polled again next interval; nothing here throws.
 */
export function startSyncs(sources: SyncSource[], options: RunnerOptions): RunningSyncs {
  const log = options.log ?? ((line: string) => console.log(line));
  const lockRetryMs = options.lockRetryMs ?? 15_000;
  let stopping = false;
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  async function loop(source: SyncSource) {
    const lock = options.lockFor(source.name);
    let polling = false;
    while (!stopping) {
      let acquired = false;
      try {
        acquired = await lock.tryAcquire();
      } catch (error) {
        log(`[sync ${source.name}] cannot reach Postgres for the lock: ${(error as Error).message}`);
      }
      if (!acquired) {
        if (polling) log(`[sync ${source.name}] lost the lock; another portal task polls`);
        polling = false;
        await sleep(lockRetryMs);
        continue;
      }
      if (!polling) log(`[sync ${source.name}] this task polls every ${source.intervalMs} ms`);
      polling = true;
      const began = Date.now();
      try {
        const summary = await source.poll();
        await recordPoll(options.prisma, source.name, { ok: true });
        log(`[sync ${source.name}] ${summary} in ${Date.now() - began} ms`);
      } catch (error) {
        const message = errorLine(error);
        log(`[sync ${source.name}] poll failed after ${Date.now() - began} ms: ${message}`);
        await recordPoll(options.prisma, source.name, { ok: false, error: message }).catch((e: Error) =>
          log(`[sync ${source.name}] cannot record the failure: ${e.message}`),
        );
      }
      await sleep(source.intervalMs);
    }
    await lock.release();
  }

  const loops = sources.map((s) => loop(s));
  return {
    async stop() {
      stopping = true;
      for (const wake of wakers) wake();
      await Promise.all(loops);
    },
  };
}
