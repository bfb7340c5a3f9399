// npm run db:server — the embedded Postgres: PGlite with its data in <PLATFORM_HOME>/pg, served
// by pglite-socket on 127.0.0.1:<EMBEDDED_PG_PORT>. Prints "ready" when it listens; SIGINT or
// SIGTERM closes PGlite so the data dir stays consistent.
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { startPgliteServer } from "@/lib/db/pglite";
import { holdPidLock } from "@/lib/db/pid-lock";
import { env } from "@/lib/env";

const log = (line: string) => console.log(`[pglite] ${line}`);
const home = path.resolve(env.PLATFORM_HOME);
const dataDir = path.join(home, "pg");

await mkdir(dataDir, { recursive: true });
// Two PGlite processes on one data dir would corrupt it.
const lock = await holdPidLock(path.join(home, "pg.pid"));
const fresh = (await readdir(dataDir)).length === 0;
log(`${fresh ? "initialising" : "opening"} ${dataDir}`);
const server = await startPgliteServer({ dataDir, port: env.EMBEDDED_PG_PORT }).catch(async (error: Error) => {
  await lock.release();
  console.error(`[pglite] cannot start on 127.0.0.1:${env.EMBEDDED_PG_PORT}: ${error.message}`);
  process.exit(1);
});
log(`ready on 127.0.0.1:${server.port}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing PGlite`);
    server
      .stop()
      .then(() => lock.release())
      .then(
        () => {
          log("stopped");
          process.exit(0);
        },
        (error: Error) => {
          console.error(`[pglite] stopping failed: ${error.message}`);
          process.exit(1);
        },
      );
  });
}
