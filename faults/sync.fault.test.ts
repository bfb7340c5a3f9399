import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";
import { freePort } from "@/lib/db/testing/free-port";
import { testDatabase } from "@/lib/db/testing/per-file";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dagListJson } from "@/lib/pipelines/run-history";
import { isFinalRun } from "@/lib/pipelines/states";
import { advisoryLock, processLock } from "@/lib/sync/lock";
import { pollOnce, startSyncs } from "@/lib/sync/runner";
import { orchestrator, syncOf, uniqueRunId, waitFor } from "./estate";

// Faults between the sync and its two ends, Airflow's CLI and the run-history database, with
// every component real: the local Airflow of the suite, Debian PostgreSQL 15, PGlite served by
// scripts/db/pglite-server.ts in a process of its own.

describe("an Airflow CLI call that hangs past its timeout", () => {
  const bed = testDatabase();

  it("fails that poll only: the Pipelines page says why, nothing is written, and the next poll catches up", async () => {
    const runId = uniqueRunId("hang");
    await orchestrator().trigger("simple_addition", runId, { n: 1 });
    const log: string[] = [];
    const poll = (timeoutMs?: number) => pollOnce(syncOf(bed.db.prisma, timeoutMs), processLock(), bed.db.prisma, (l) => log.push(l));
    const withLog = (error: Error) => {
      throw new Error(`${error.message}\nthe sync's log:\n${log.join("\n")}`);
    };
    // 50 ms: every call outlives it and the transport kills its process group (no mock: a real timeout).
    // Before the call, `local.sh env` (10 s) may fail on a loaded machine: poll again until a call
    // was made and timed out.
    await waitFor("a poll whose CLI call timed out", async () => {
      await poll(50);
      return /poll failed .*stopped by SIGKILL \(timeout 50 ms\)/.test(log.at(-1) ?? "");
    }, 180_000, 0).catch(withLog);
    const banner = (await dagListJson(bed.db.prisma, { withTraceback: false })).sync;
    expect(banner.unreachableSince).not.toBeNull();
    // The page gives the time; the cause is in the server log, not shown to everyone.
    expect(banner.lastError).toMatch(/The last poll of Airflow failed at/);
    expect(await bed.db.prisma.pipelineRun.count()).toBe(0);

    // The next poll (a first cycle: every DAG's tasks and runs, minutes on a loaded machine) clears the banner.
    await poll();
    const after = (await dagListJson(bed.db.prisma, { withTraceback: false })).sync;
    if (after.unreachableSince !== null) withLog(new Error("the poll after the hang failed"));
    expect(await bed.db.prisma.pipelineRun.count({ where: { runId } })).toBe(1);
  }, 600_000);
});

/** A run-history database the case can restart the hard way, and the pool size the portal uses on it. */
interface RestartableDatabase {
  url: string;
  poolMax: number;
  embedded: boolean;
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The embedded default as `npm run up` runs it: scripts/db/pglite-server.ts, data on disk, killed with SIGKILL. */
async function pgliteProcess(): Promise<RestartableDatabase> {
  const home = mkdtempSync(path.join(tmpdir(), "builditall-faults-pglite-"));
  const port = await freePort();
  const start = async () => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db/pglite-server.ts"], {
      env: { ...process.env, PLATFORM_HOME: home, EMBEDDED_PG_PORT: String(port) },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (/ready on/.test(output)) resolve();
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      child.once("exit", (code) => reject(new Error(`pglite-server exited (${code}):\n${output}`)));
    });
    return async (signal: NodeJS.Signals) => {
      if (!groupAlive(child.pid!)) return;
      process.kill(-child.pid!, signal);
      await exited;
      // tsx runs the server in a child of its own: the group is gone once that one is too (or a zombie).
      await waitFor("pglite-server's process group to end", async () => !groupAlive(child.pid!), 10_000, 50).catch(() => undefined);
    };
  };
  let kill = await start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    poolMax: 1,
    embedded: true,
    async restart() {
      await kill("SIGKILL");
      kill = await start();
    },
    async stop() {
      await kill("SIGTERM");
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function debianPostgres(): Promise<RestartableDatabase> {
  const server = await startDebianPostgres();
  return { url: server.adminUrl, poolMax: 5, embedded: false, restart: server.restartImmediate, stop: server.stop };
}

describe.each([
  { name: "PGlite behind pglite-socket, SIGKILLed", start: pgliteProcess },
  { name: "Debian PostgreSQL, stopped immediate", start: debianPostgres },
])("the run-history database restarted in the middle of a sync: $name", ({ start }) => {
  let db: RestartableDatabase | undefined;
  let prisma: PrismaClient | undefined;
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.stop();
  });

  it("loses no run and no task state, records each once, and the sync recovers by itself", async () => {
    db = await start();
    await applyMigrations(db.url);
    prisma = createPrismaClient(db.url, db.poolMax);
    const client = prisma;
    const url = db.url;
    const log: string[] = [];
    const syncs = startSyncs([syncOf(client)], {
      prisma: client,
      lockFor: (source) => (db!.embedded ? processLock() : advisoryLock(url, source)),
      log: (line) => log.push(line),
      lockRetryMs: 500,
    });
    try {
      // Runs the sync must learn about (started in Airflow, as the schedule would).
      const runIds = [uniqueRunId("dbrestart"), uniqueRunId("dbrestart")];
      for (const runId of runIds) await orchestrator().trigger("simple_addition", runId, { n: 3 });
      // The sync's first cycle reads every DAG's structure: a dozen CLI calls, minutes on a loaded machine.
      const withLog = (error: Error) => {
        throw new Error(`${error.message}\nthe sync's log:\n${log.join("\n")}`);
      };
      await waitFor("the sync to record the first run", () => client.pipelineRun.findFirst({ where: { runId: { in: runIds } } }), 300_000).catch(withLog);

      const restartedAt = new Date();
      await db.restart();

      const rows = await waitFor(
        "both runs final, with their tasks, after the restart",
        async () => {
          const found = await client.pipelineRun.findMany({ where: { runId: { in: runIds } }, include: { tasks: true } });
          return found.length === 2 && found.every((r) => isFinalRun(r.state) && r.tasks.length > 0 && r.tasks.every((t) => t.state === "success")) && found;
        },
        300_000,
      ).catch(withLog);
      // Each run once, and every task Airflow has for it, in Airflow's final state.
      for (const row of rows) {
        const airflowTasks = await orchestrator().taskInstances("simple_addition", row.runId);
        expect(row.state).toBe("success");
        expect(row.tasks.map((t) => t.taskId).sort()).toEqual(airflowTasks.map((t) => t.taskId).sort());
      }
      expect(await client.pipelineRun.count({ where: { runId: { in: runIds } } })).toBe(2);
      // Whether a poll failed depends on where the restart fell: between two queries the pool
      // reconnects unnoticed (Debian's run did), inside one the poll fails (PGlite's did). Either way
      // the Pipelines page shows the sync healthy again.
      const state = await waitFor("a successful poll after the restart", async () => {
        const s = await client.syncState.findUnique({ where: { source: "airflow" } });
        return s && s.lastSuccessAt && s.lastSuccessAt > restartedAt && s.unreachableSince === null && s;
      }).catch(withLog);
      expect(state.unreachableSince).toBeNull();
    } finally {
      await syncs.stop();
    }
  }, 900_000);
});
