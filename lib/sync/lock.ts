import pg from "pg";

/** Who may poll a source: exactly one portal task at a time. */
export interface SourceLock {
  /** True when this task holds the lock (already, or newly acquired). */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * A Postgres advisory lock on a connection of its own, held across polls: Postgres releases it
 * when that session ends, so when a portal task dies another one takes the source over.
 */
export function advisoryLock(databaseUrl: string, source: string): SourceLock {
  let client: pg.Client | null = null;
  let held = false;

  const drop = () => {
    held = false;
    client = null;
  };

  return {
    async tryAcquire() {
      if (held && client) return true;
      if (!client) {
        const c = new pg.Client({ connectionString: databaseUrl, application_name: `builditall sync ${source}` });
        // A broken connection means the lock is gone too: try again on the next poll.
        c.on("error", drop);
        c.on("end", drop);
        await c.connect();
        client = c;
      }
      const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [
        `builditall.sync.${source}`,
      ]);
      held = result.rows[0]?.locked === true;
      return held;
    },
    async release() {
      const c = client;
      drop();
      await c?.end().catch(() => undefined);
    },
  };
}

/**
 * For the embedded PGlite of a local estate: it serves one connection at a time, so a session
 * held for a lock would starve the portal. A local estate runs one portal process; the lock is
 * that process's (docs/pipelines.md).
 */
export function processLock(): SourceLock {
  return { tryAcquire: async () => true, release: async () => undefined };
}
