import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { Server, Socket } from "node:net";

export type PgliteServer = {
  /** A URL for `pg` / PrismaPg; pglite-socket accepts any user and password. */
  url: string;
  port: number;
  stop: () => Promise<void>;
};

/** How long a client waits for the one connection before it is refused. */
const CONNECTION_WAIT_MS = 30_000;
/** How long stopping waits for clients to disconnect before PGlite is closed anyway. */
const STOP_WAIT_MS = 5_000;

type SocketServerInternals = {
  server: Server | null;
  handlers: Set<unknown>;
  maxConnections: number;
  active: boolean;
  handleConnection(socket: Socket): Promise<void>;
};

/**
 * pglite-socket refuses a client that arrives while another is connected (Node drops it at
 * `server.maxConnections`, or the server answers "Too many connections"), even one whose
 * predecessor has just closed and is not yet released. Here a client waits for the connection
 * instead, so `db:migrate`, then `db:seed`, then the portal never trip over each other.
 */
class WaitingSocketServer extends PGLiteSocketServer {
  override async start(): Promise<void> {
    await super.start();
    const internals = this as unknown as SocketServerInternals;
    if (internals.server) internals.server.maxConnections = Number.POSITIVE_INFINITY;
    const admit = internals.handleConnection.bind(this);
    internals.handleConnection = async (socket: Socket) => {
      const deadline = Date.now() + CONNECTION_WAIT_MS;
      while (internals.active && internals.handlers.size >= internals.maxConnections && Date.now() < deadline && !socket.destroyed) {
        await new Promise((r) => setTimeout(r, 10));
      }
      // A client still waiting when the server stops would hold server.close() open.
      if (!internals.active) return void socket.destroy();
      return admit(socket);
    };
  }
}

let template: Promise<Blob> | undefined;

/**
 * A fresh in-memory cluster. Running initdb in WebAssembly takes seconds; loading a dump of a
 * freshly initialised cluster takes well under one (docs/database.md), so each process does it once.
 */
async function scratchDatabase(): Promise<PGlite> {
  template ??= PGlite.create().then(async (db) => {
    const dump = await db.dumpDataDir("none");
    await db.close();
    return dump;
  });
  return PGlite.create({ loadDataDir: await template });
}

/**
 * PGlite behind pglite-socket on 127.0.0.1. Without `dataDir` the database lives in memory
 * (a scratch database for migration diffs and tests). One connection at a time: PGlite is a
 * single-session Postgres, and larger pools against it hung or failed (docs/database.md).
 */
export async function startPgliteServer(options: { dataDir?: string; port?: number } = {}): Promise<PgliteServer> {
  const db = options.dataDir === undefined ? await scratchDatabase() : await PGlite.create(options.dataDir);
  const server = new WaitingSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 1 });
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
    stop: () =>
      (stopped ??= (async () => {
        // server.stop() waits for every client to go; one stuck mid-transaction must not keep
        // PGlite open. Closing PGlite flushes the data dir, so the next start finds it consistent.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([server.stop(), new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS)))]);
        clearTimeout(timer);
        await db.close();
      })()),
  };
}
