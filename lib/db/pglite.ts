import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type PgliteServer = {
  /** A URL for `pg` / PrismaPg; pglite-socket accepts any user and password. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

/**
 * PGlite behind pglite-socket on 127.0.0.1. Without `dataDir` the database lives in memory
 * (a scratch database for migration diffs and tests). One connection at a time: PGlite is a
 * single-session Postgres, and larger pools against it hung or failed (docs/database.md).
 */
export async function startPgliteServer(options: { dataDir?: string; port?: number } = {}): Promise<PgliteServer> {
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 1 });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const port = Number(server.getServerConn().split(":").pop());
  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    // Closing PGlite flushes and releases the data dir, so the next start finds it consistent.
    stop: () => (stopped ??= server.stop().then(() => db.close())),
  };
}
