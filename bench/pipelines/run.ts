/**
 * Pipelines benchmark: prints figures, asserts nothing.
 *   npx tsx --conditions=react-server bench/pipelines/run.ts [--runs 100000] [--requests 50] [--with-airflow]
 *   (BENCH_AIRFLOW_PORT=<port> picks the local Airflow's port; default a free one)
 * 1. Processes spawned (Airflow CLI calls) while reading the Pipelines page's data (the server render and
 *    GET /api/dags share it) with 20 DAGs.
 * 2. Airflow CLI calls per sync cycle at 20 DAGs: first cycle, idle cycles, with active runs, a full cycle.
 * 3. p50/p95 latency of GET /api/runs' work (the keyset query and serialising; not the session lookup
 *    nor zod) over N runs in Debian's PostgreSQL 15.
 * 4. --with-airflow: sync lag from a run's end in a real local Airflow to its final state in Postgres.
 * 5. --with-airflow: big_data_pipeline at the local default (scale 0.01, one day) triggered through the
 *    Orchestrator, timed from the trigger to its final state in Postgres (the read model the portal
 *    shows), with each task's time and the wait before it (Airflow's latency between tasks).
 */
import childProcess from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migratedDatabase } from "../database";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";
import { freePort } from "@/lib/db/testing/free-port";
import { recordedAirflow } from "./recorded-airflow";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "100000" },
    requests: { type: "string", default: "50" },
    "with-airflow": { type: "boolean", default: false },
  },
});
const RUNS = Number(values.runs);
const REQUESTS = Number(values.requests);
if (!Number.isInteger(RUNS) || RUNS < 1000 || RUNS > 2_000_000) throw new Error("--runs must be an integer in [1000, 2000000]");
if (!Number.isInteger(REQUESTS) || REQUESTS < 5 || REQUESTS > 10_000) throw new Error("--requests must be an integer in [5, 10000]");
const DAGS = 20;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const say = (line: string) => console.log(`[bench] ${line}`);

// Every process the portal starts goes through child_process: counting spawns counts Airflow CLI calls.
let spawned = 0;
for (const name of ["spawn", "spawnSync", "execFile", "execFileSync", "exec", "execSync"] as const) {
  const original = childProcess[name] as (...args: unknown[]) => unknown;
  (childProcess as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    spawned++;
    return original(...args);
  };
}
syncBuiltinESMExports();

say("starting Debian PostgreSQL 15");
const postgres = await startDebianPostgres();
const home = await mkdtemp(path.join(tmpdir(), "bench-pipelines-"));
try {
  const url = await migratedDatabase(postgres.adminUrl, "bench");
  Object.assign(process.env, { DATABASE_URL: url, SYNC_ENABLED: "false", PLATFORM_HOME: home });

  const { prisma } = await import("@/lib/db");
  const history = await import("@/lib/pipelines/run-history");
  // What GET /api/runs does after the session check and zod (app/api/runs/route.ts); the route's
  // modules import next-auth, which does not load outside Next's bundler.
  const getRuns = async (search: string) => {
    const { cursor, limit, ...filters } = Object.fromEntries(new URLSearchParams(search));
    const page = await history.listRuns(prisma, history.filtersFrom(filters), { cursor, limit: Number(limit) });
    return JSON.parse(JSON.stringify({ items: page.items.map(history.runJson), nextCursor: page.nextCursor })) as { nextCursor: string | null };
  };

  say(`seeding ${DAGS} DAGs and ${RUNS} runs`);
  const t0 = process.hrtime.bigint();
  await prisma.$executeRaw`INSERT INTO "Dag" ("dagId", tags, paused, tasks, "edgesKnown", "syncedAt")
    SELECT 'dag_' || lpad(i::text, 2, '0'), ARRAY['bench'], false, '[{"taskId":"start","downstream":["work"]},{"taskId":"work","downstream":[]}]', true, now()
    FROM generate_series(0, ${DAGS - 1}) i`;
  await prisma.$executeRaw`INSERT INTO "PipelineRun" (id, "dagId", "runId", conf, "triggeredBy", state, "startedAt", "endedAt", environment, "createdAt", "updatedAt")
    SELECT 'r' || lpad(i::text, 8, '0'), 'dag_' || lpad((i % ${DAGS})::text, 2, '0'), 'manual__' || i, jsonb_build_object('scale', i % 7, 'note', 'n' || i),
      CASE WHEN i % 3 = 0 THEN 'schedule' ELSE 'user' || (i % 10) || '@local' END,
      CASE WHEN i % 11 = 0 THEN 'failed' ELSE 'success' END,
      now() - make_interval(mins => i), now() - make_interval(mins => i) + make_interval(secs => 30 + i % 300), 'local',
      now() - make_interval(mins => i), now()
    FROM generate_series(1, ${RUNS}) i`;
  await prisma.$executeRaw`ANALYZE "PipelineRun"`;
  say(`seeded in ${(ms(t0) / 1000).toFixed(1)} s`);

  // 1. A Pipelines page view: the page's data, which the server render and GET /api/dags both return.
  spawned = 0;
  JSON.stringify(await history.dagListJson(prisma, { withTraceback: true }));
  console.log(`\nAirflow CLI calls (processes spawned) per Pipelines page view, ${DAGS} DAGs: ${spawned}`);

  // 2. CLI calls per sync cycle, at 20 DAGs.
  const { airflowOrchestrator } = await import("@/lib/platform/orchestrator/airflow");
  const { pipelinesSync } = await import("@/lib/sync/pipelines");
  await prisma.dag.deleteMany();
  const airflow = recordedAirflow(DAGS);
  const sync = pipelinesSync({ orchestrator: airflowOrchestrator(airflow), prisma, environment: "local", intervalMs: 5_000, fullEvery: 12 });
  const cycle = async (label: string) => {
    const before = airflow.calls.length;
    await sync.poll();
    console.log(`  ${label.padEnd(44)} ${airflow.calls.length - before} calls`);
  };
  console.log(`\nAirflow CLI calls per sync cycle, ${DAGS} DAGs:`);
  await cycle("first cycle (lists and describes every DAG)");
  await cycle("idle cycle");
  for (let i = 0; i < 3; i++) {
    const runId = `manual__bench_${i}`;
    airflow.activeRuns.add(`dag_0${i}/${runId}`);
    await prisma.pipelineRun.create({ data: { dagId: `dag_0${i}`, runId, triggeredBy: "bench@local", state: "running", environment: "local" } });
  }
  await cycle("cycle with 3 active runs in 3 DAGs");
  for (let i = 3; i < 12; i++) await sync.poll();
  await cycle("13th cycle (full: list-runs of every DAG)");

  // 3. Run-history API latency.
  const deepCursor = await (async () => {
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) cursor = (await getRuns(`limit=50${cursor ? `&cursor=${cursor}` : ""}`)).nextCursor;
    return cursor!;
  })();
  const scenarios: [string, string][] = [
    ["first page, no filter", "limit=50"],
    ["page 101 (cursor)", `limit=50&cursor=${deepCursor}`],
    ["dagId + state", "limit=50&dagId=dag_07&state=failed"],
    ["triggeredBy + date range", `limit=50&triggeredBy=user3@local&from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`],
    ["conf contains (scan)", "limit=50&conf=n99999"],
    ["run id contains (scan)", "limit=50&runId=__4242"],
  ];
  console.log(`\nGET /api/runs over ${RUNS} runs (Debian PostgreSQL 15), ${REQUESTS} requests each:`);
  for (const [label, search] of scenarios) {
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = process.hrtime.bigint();
      await getRuns(search);
      samples.push(ms(t));
    }
    console.log(`  ${label.padEnd(28)} p50 ${pct(samples, 50).toFixed(1)} ms   p95 ${pct(samples, 95).toFixed(1)} ms`);
  }

  if (values["with-airflow"]) await syncLag(prisma, home);
  await prisma.$disconnect();
} finally {
  await postgres.stop();
  await rm(home, { recursive: true, force: true });
}

/** 4. A real local Airflow: the sync loop at its default interval; lag = Postgres final − Airflow end. */
async function syncLag(prisma: import("@/lib/generated/prisma/client").PrismaClient, platformHome: string) {
  const { localAirflow } = await import("@/lib/platform/orchestrator/testing/local-airflow");
  const { localOrchestrator } = await import("@/lib/platform/orchestrator/local");
  const { pipelinesSync } = await import("@/lib/sync/pipelines");
  const { startSyncs } = await import("@/lib/sync/runner");
  const { processLock } = await import("@/lib/sync/lock");
  // BENCH_AIRFLOW_PORT: a port of one's own on a machine shared by several sessions.
  const port = process.env.BENCH_AIRFLOW_PORT ? Number(process.env.BENCH_AIRFLOW_PORT) : await freePort();
  const airflow = localAirflow(platformHome, port);
  say(`starting a local Airflow on 127.0.0.1:${port}`);
  airflow.start();
  try {
    const orchestrator = localOrchestrator({ repoRoot: path.resolve("."), platformHome, airflowPort: port });
    const syncs = startSyncs([pipelinesSync({ orchestrator, prisma, environment: "local", intervalMs: 5_000 })], { prisma, lockFor: processLock, log: say });
    const lags: number[] = [];
    for (let i = 0; i < 2; i++) {
      const runId = `manual__lag_${i}_${Date.now()}`;
      await prisma.pipelineRun.create({ data: { dagId: "simple_addition", runId, triggeredBy: "bench@local", state: "queued", environment: "local" } });
      await orchestrator.trigger("simple_addition", runId, {});
      for (;;) {
        const row = await prisma.pipelineRun.findUniqueOrThrow({ where: { dagId_runId: { dagId: "simple_addition", runId } } });
        if (row.state === "success" || row.state === "failed") {
          lags.push(Date.now() - row.endedAt!.getTime());
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    console.log(`\nSync lag, Airflow run end → final state in Postgres (interval 5 s): ${lags.map((l) => `${(l / 1000).toFixed(1)} s`).join(", ")}`);
    await pipelineRun(prisma, orchestrator);
    await syncs.stop();
  } finally {
    airflow.stop();
  }
}

/** 5. big_data_pipeline at the local default: trigger → final state in the read model, per task. */
async function pipelineRun(
  prisma: import("@/lib/generated/prisma/client").PrismaClient,
  orchestrator: { trigger: (dagId: string, runId: string, conf: Record<string, unknown>) => Promise<unknown> },
) {
  const dagId = "big_data_pipeline";
  const runId = `manual__bench_${Date.now()}`;
  await prisma.pipelineRun.create({ data: { dagId, runId, triggeredBy: "bench@local", state: "queued", environment: "local" } });
  const loadAtStart = (await import("node:os")).loadavg();
  const t0 = Date.now();
  await orchestrator.trigger(dagId, runId, {});
  let row;
  for (;;) {
    row = await prisma.pipelineRun.findUniqueOrThrow({ where: { dagId_runId: { dagId, runId } }, include: { tasks: true } });
    if (row.state === "success" || row.state === "failed") break;
    if (Date.now() - t0 > 20 * 60_000) throw new Error(`${dagId} did not finish in 20 minutes (state ${row.state})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const total = (Date.now() - t0) / 1000;
  const loadAtEnd = (await import("node:os")).loadavg();
  console.log(`\n${dagId} at the local default, trigger → ${row.state} in Postgres: ${total.toFixed(1)} s`);
  const tasks = [...row.tasks].filter((t) => t.startedAt).sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
  let previousEnd = t0;
  for (const task of tasks) {
    const wait = (task.startedAt!.getTime() - previousEnd) / 1000;
    const took = task.endedAt ? (task.endedAt.getTime() - task.startedAt!.getTime()) / 1000 : NaN;
    console.log(`  ${task.taskId.padEnd(26)} waited ${wait.toFixed(1).padStart(6)} s   ran ${took.toFixed(1).padStart(6)} s   ${task.state}`);
    if (task.endedAt) previousEnd = Math.max(previousEnd, task.endedAt.getTime());
  }
  const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
  console.log(`  load average (1, 5, 15 min) at the trigger: ${fmt(loadAtStart)}; at the end: ${fmt(loadAtEnd)}`);
}
