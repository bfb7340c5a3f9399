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
  /**
   * Wakes a source's loop at once and resolves when its poll is recorded (a poll under way counts):
   * true, or false when another portal task holds the source's lock (that task keeps it fresh).
   */
  pollNow(name: string): Promise<boolean>;
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

/** One poll and its record: what a loop runs each interval and what a one-off poll runs. Never throws. */
async function pollAndRecord(source: SyncSource, prisma: PrismaClient, log: (line: string) => void): Promise<void> {
  const began = Date.now();
  try {
    const summary = await source.poll();
    await recordPoll(prisma, source.name, { ok: true });
    log(`[sync ${source.name}] ${summary} in ${Date.now() - began} ms`);
  } catch (error) {
    const message = errorLine(error);
    log(`[sync ${source.name}] poll failed after ${Date.now() - began} ms: ${message}`);
    await recordPoll(prisma, source.name, { ok: false, error: message }).catch((e: Error) => log(`[sync ${source.name}] cannot record the failure: ${e.message}`));
  }
}

/**
 * One poll under the source's lock, for a process whose runner does not poll that source (syncs
 * disabled, a bench): false when another task holds the lock, so it polls instead.
 */
export async function pollOnce(source: SyncSource, lock: SourceLock, prisma: PrismaClient, log: (line: string) => void = console.log): Promise<boolean> {
  if (!(await lock.tryAcquire())) return false;
  try {
    await pollAndRecord(source, prisma, log);
  } finally {
    await lock.release();
  }
  return true;
}

/**
 * Runs every source's poll on its interval, each under its own lock, for as long as the server
 * lives. A failing source is recorded and polled again next interval; nothing here throws.
 */
export function startSyncs(sources: SyncSource[], options: RunnerOptions): RunningSyncs {
  const log = options.log ?? ((line: string) => console.log(line));
  const lockRetryMs = options.lockRetryMs ?? 15_000;
  let stopping = false;
  // Per source: how to cut its sleep short, and who waits for its next recorded poll.
  const loopsByName = new Map(sources.map((s) => [s.name, { wake: null as (() => void) | null, waiting: [] as ((polled: boolean) => void)[] }]));
  const settle = (name: string, polled: boolean) => {
    for (const resolve of loopsByName.get(name)?.waiting.splice(0) ?? []) resolve(polled);
  };
  const sleep = (name: string, ms: number) =>
    new Promise<void>((resolve) => {
      const state = loopsByName.get(name)!;
      const timer = setTimeout(() => state.wake?.(), ms);
      state.wake = () => {
        clearTimeout(timer);
        state.wake = null;
        resolve();
      };
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
        settle(source.name, false);
        await sleep(source.name, lockRetryMs);
        continue;
      }
      if (!polling) log(`[sync ${source.name}] this task polls every ${source.intervalMs} ms`);
      polling = true;
      await pollAndRecord(source, options.prisma, log);
      settle(source.name, true);
      await sleep(source.name, source.intervalMs);
    }
    settle(source.name, false);
    await lock.release();
  }

  const loops = sources.map((s) => loop(s));
  return {
    async stop() {
      stopping = true;
      for (const state of loopsByName.values()) state.wake?.();
      await Promise.all(loops);
    },
    pollNow(name) {
      const state = loopsByName.get(name);
      if (!state || stopping) return Promise.resolve(false);
      const done = new Promise<boolean>((resolve) => state.waiting.push(resolve));
      state.wake?.();
      return done;
    },
  };
}
