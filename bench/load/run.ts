// Load bench of the built portal (bench/load/README.md): 50 signed-in readers (viewers; leads on Costs) on the Pipelines,
// Runs, run detail and Costs pages and their JSON API, 5 engineers triggering runs with retries,
// on a run history of 100,000 runs, against the embedded PGlite or Debian PostgreSQL 15.
//
//   npx tsx --conditions=react-server bench/load/run.ts --db embedded|postgres [--duration 300]
//     [--readers 50] [--engineers 5] [--trigger-pause 30] [--runs 100000] [--think 1-5]
//
// --think 1-5: each reader pauses 1 to 5 s (uniform) between an answer and its next request, as a
// person reading a page does (locust's `between(1, 5)`); --think 0: a closed loop with no pause
// (autocannon), which measures where the portal saturates rather than what a reader waits.
//
// Prints p50/p95/p99 per page and route, throughput, errors, and the runs lost or duplicated,
// checked against the run history and against Airflow.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { seedLocalAccounts } from "@/lib/auth/seed";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";
import { freePort } from "@/lib/db/testing/free-port";
import { airflowOrchestrator } from "@/lib/platform/orchestrator/airflow";
import { localCli } from "@/lib/platform/orchestrator/local-cli";
import { localAirflow } from "@/lib/platform/orchestrator/testing/local-airflow";
import { PORTAL_PASSWORD, signIn, startPortal } from "@/faults/portal";

const { values: flags } = parseArgs({
  options: {
    db: { type: "string", default: "embedded" },
    duration: { type: "string", default: "300" },
    readers: { type: "string", default: "50" },
    engineers: { type: "string", default: "5" },
    "trigger-pause": { type: "string", default: "30" },
    runs: { type: "string", default: "100000" },
    think: { type: "string", default: "1-5" },
  },
});
const count = (name: keyof typeof flags, min: number, max: number) => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer ${min}-${max}, got ${flags[name]}`);
  return n;
};
if (flags.db !== "embedded" && flags.db !== "postgres") throw new Error(`--db must be embedded or postgres, got ${flags.db}`);
const durationS = count("duration", 5, 3600);
const readers = count("readers", 1, 500);
const engineers = count("engineers", 0, 50);
const triggerPauseS = count("trigger-pause", 0, 600);
const historyRuns = count("runs", 0, 1_000_000);
const think = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(flags.think!);
if (!think || Number(think[2] ?? think[1]) < Number(think[1]) || Number(think[2] ?? think[1]) > 600) {
  throw new Error(`--think must be seconds (0 for a closed loop) or a range such as 1-5, at most 600, got ${flags.think}`);
}
const [thinkMinS, thinkMaxS] = [Number(think[1]), Number(think[2] ?? think[1])];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const say = (line: string) => console.log(`[load] ${line}`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const cleanups: (() => Promise<unknown> | unknown)[] = [];

/** The embedded default as `npm run up` serves it: scripts/db/pglite-server.ts with its data on disk. */
async function startEmbedded(home: string): Promise<{ url: string; port: number }> {
  const port = await freePort();
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/db/pglite-server.ts"], {
    env: { ...process.env, PLATFORM_HOME: home, EMBEDDED_PG_PORT: String(port) },
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanups.push(() => new Promise<void>((resolve) => (child.once("exit", () => resolve()), process.kill(-child.pid!, "SIGTERM"))));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => /ready on/.test(d.toString()) && resolve());
    child.once("exit", (code) => reject(new Error(`pglite-server exited (${code})`)));
  });
  return { url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`, port };
}

/** 100,000 finished runs of the two DAGs with three task tries each, in two INSERT … SELECT statements. */
async function seedHistory(url: string, runs: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "PipelineRun" ("id","dagId","runId","conf","triggeredBy","state","logicalDate","queuedAt","startedAt","endedAt","environment","createdAt","updatedAt")
       SELECT 'bench' || g, CASE WHEN g % 2 = 0 THEN 'simple_addition' ELSE 'big_data_pipeline' END, 'scheduled__bench_' || g, '{}', 'schedule',
              CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'success' END, t, t, t, t + interval '3 minutes', 'local', t, t
       FROM generate_series(1, $1::int) g, LATERAL (SELECT now() - g * interval '5 minutes' AS t) x`,
      [runs],
    );
    await client.query(
      `INSERT INTO "TaskInstance" ("id","pipelineRunId","taskId","tryNumber","state","startedAt","endedAt","durationMs","updatedAt")
       SELECT r."id" || '_' || k, r."id", 'task_' || k, 1, r."state", r."startedAt", r."endedAt", 60000, r."updatedAt"
       FROM "PipelineRun" r, generate_series(1, 3) k WHERE r."runId" LIKE 'scheduled__bench_%'`,
    );
  } finally {
    await client.end();
  }
}

interface RouteFigures {
  route: string;
  requests: number;
  errors: number;
  non2xx: number;
  /** "429×12 500×3": the statuses of the non-2xx answers. */
  statuses: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

/** What one route's readers saw: the latency of every answer, the statuses that were not 2xx, and requests with no answer. */
class RouteTally {
  readonly latencies: number[] = [];
  readonly statuses = new Map<number, number>();
  errors = 0;
  answer(status: number, ms: number) {
    this.latencies.push(ms);
    if (status < 200 || status > 299) this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
  figures(route: string): RouteFigures {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const requests = sorted.length + this.errors;
    return {
      route,
      requests,
      errors: this.errors,
      non2xx: [...this.statuses.values()].reduce((a, b) => a + b, 0),
      statuses: [...this.statuses].map(([status, n]) => `${status}×${n}`).join(" "),
      p50: Math.round(percentile(sorted, 50)),
      p95: Math.round(percentile(sorted, 95)),
      p99: Math.round(percentile(sorted, 99)),
      rps: requests / durationS,
    };
  }
}

/** --think 0: one autocannon instance per route, `connections` readers each in a closed loop; latencies from every response. */
function hammerRoute(url: string, route: string, connections: number, cookie: string): Promise<RouteFigures> {
  const tally = new RouteTally();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: `${url}${route}`, connections, duration: durationS, headers: { cookie }, timeout: 30 },
      (error, result) => {
        if (error) return reject(error);
        tally.errors = result.errors + result.timeouts;
        resolve(tally.figures(route));
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => tally.answer(status, responseTime));
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const thinkMs = () => (thinkMinS + Math.random() * (thinkMaxS - thinkMinS)) * 1000;

/**
 * --think a-b: `readers` people on one route, each reading what it loaded for a-b s before the next
 * request (starting at a random point of that pause, so they do not arrive in step). The latency is
 * the whole answer, body included, as the browser waits for it.
 */
async function browseRoute(url: string, route: string, readers: number, cookie: string, until: number): Promise<RouteFigures> {
  const tally = new RouteTally();
  const reader = async () => {
    for (await pause(Math.random() * thinkMaxS * 1000); Date.now() < until; await pause(thinkMs())) {
      const began = performance.now();
      try {
        const res = await fetch(`${url}${route}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        tally.answer(res.status, performance.now() - began);
      } catch {
        tally.errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: readers }, reader));
  return tally.figures(route);
}

interface TriggerOutcome {
  key: string;
  runId: string | null;
  attempts: number;
  /** Every 2xx answer to the same key named the same run. */
  consistent: boolean;
  /** The status of each attempt, 0 for no answer (connection lost, timeout). */
  statuses: number[];
}

/** An engineer: triggers, retries on anything but a 2xx with the same key, and now and then re-sends a confirmed one (a lost answer). */
async function engineer(url: string, cookie: string, id: number, until: number, outcomes: TriggerOutcome[], latencies: number[]) {
  let n = 0;
  while (Date.now() < until) {
    const key = `bench-e${id}-${Date.now()}-${n++}`;
    const outcome: TriggerOutcome = { key, runId: null, attempts: 0, consistent: true, statuses: [] };
    const resend = n % 3 === 0;
    for (let attempt = 0; attempt < 6 && (outcome.runId === null || (resend && outcome.attempts < 2)); attempt++) {
      outcome.attempts++;
      const began = performance.now();
      try {
        const res = await fetch(`${url}/api/dags/simple_addition/runs`, {
          method: "POST",
          headers: { cookie, origin: url, "content-type": "application/json" },
          body: JSON.stringify({ conf: { engineer: id }, idempotencyKey: key }),
          signal: AbortSignal.timeout(60_000),
        });
        latencies.push(performance.now() - began);
        outcome.statuses.push(res.status);
        if (res.ok) {
          const body = (await res.json()) as { runId: string };
          if (outcome.runId !== null && outcome.runId !== body.runId) outcome.consistent = false;
          outcome.runId = body.runId;
          continue;
        }
        await res.arrayBuffer();
      } catch {
        latencies.push(performance.now() - began);
        outcome.statuses.push(0);
      }
      await pause(2_000);
    }
    outcomes.push(outcome);
    await pause(triggerPauseS * 1000);
  }
}

async function main() {
  const home = mkdtempSync(path.join(tmpdir(), "builditall-load-"));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  const readersSay = thinkMaxS > 0 ? `${readers} readers (${thinkMinS}-${thinkMaxS} s between requests)` : `${readers} readers (closed loop)`;
  say(`database: ${flags.db}; ${readersSay}, ${engineers} engineers (a trigger every ${triggerPauseS} s each), ${durationS} s; load average ${load()}`);

  let database: { databaseUrl?: string; embeddedPgPort?: number };
  let url: string;
  if (flags.db === "embedded") {
    const embedded = await startEmbedded(home);
    database = { embeddedPgPort: embedded.port };
    url = embedded.url;
  } else {
    const server = await startDebianPostgres();
    cleanups.push(() => server.stop());
    database = { databaseUrl: server.adminUrl };
    url = server.adminUrl;
  }
  await applyMigrations(url);
  const prisma = createPrismaClient(url, 1);
  await seedLocalAccounts(prisma, { password: PORTAL_PASSWORD, resetPasswords: false });
  // One account per engineer: the API limits each user to 60 changes a minute.
  const passwordHash = await hashPassword(PORTAL_PASSWORD);
  for (let i = 1; i <= engineers; i++) await prisma.user.create({ data: { email: `engineer${i}@bench`, role: "engineer", passwordHash } });
  await prisma.$disconnect();
  let began = Date.now();
  await seedHistory(url, historyRuns);
  say(`seeded ${historyRuns} runs (${historyRuns * 3} task tries) in ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const airflowPort = await freePort();
  const airflow = localAirflow(home, airflowPort);
  cleanups.unshift(() => airflow.stop());
  began = Date.now();
  airflow.start();
  say(`local Airflow on 127.0.0.1:${airflowPort} in ${((Date.now() - began) / 1000).toFixed(1)} s`);

  // The portal's default sync interval, as an estate runs it.
  const portal = await startPortal({ ...database, platformHome: home, airflowPort, syncIntervalMs: 5_000 });
  cleanups.unshift(() => portal.stop());
  const viewer = await signIn(portal.url, "viewer@local");
  // Costs are for leads (COSTS_ROLE): their readers sign in as lead, the others as viewer.
  const lead = await signIn(portal.url, "lead@local");
  const cookieFor = (route: string) => (route.includes("costs") ? lead : viewer);
  const engineerCookies: string[] = [];
  for (let i = 1; i <= engineers; i++) engineerCookies.push(await signIn(portal.url, `engineer${i}@bench`));
  // Triggers need the DAG in the read model: wait for the sync's first cycle.
  for (let listed = false; !listed; await pause(1_000)) {
    const res = await fetch(`${portal.url}/api/dags`, { headers: { cookie: viewer } });
    listed = res.ok && ((await res.json()) as { items: { dagId: string }[] }).items.some((d) => d.dagId === "simple_addition");
  }
  const sampleRun = `bench${Math.max(1, Math.floor(historyRuns / 2))}`;

  const routes = ["/pipelines", "/runs", `/runs/${sampleRun}`, "/costs", "/api/dags", "/api/runs?limit=50", `/api/runs/${sampleRun}`, `/api/costs?from=${day(-30)}&to=${day(0)}`];
  // Warm each route once (the first render of a page compiles nothing under next start, but fills caches).
  for (const route of routes) await fetch(`${portal.url}${route}`, { headers: { cookie: cookieFor(route) } }).then((r) => r.arrayBuffer());

  say(`running for ${durationS} s; load average ${load()}`);
  const loadBefore = load();
  const until = Date.now() + durationS * 1000;
  const outcomes: TriggerOutcome[] = [];
  const triggerLatencies: number[] = [];
  const perRoute = routes.map((_, i) => Math.floor(readers / routes.length) + (i < readers % routes.length ? 1 : 0));
  const [figures] = await Promise.all([
    Promise.all(
      routes.map((route, i) => {
        if (perRoute[i] === 0) return null;
        const cookie = cookieFor(route);
        return thinkMaxS > 0 ? browseRoute(portal.url, route, perRoute[i]!, cookie, until) : hammerRoute(portal.url, route, perRoute[i]!, cookie);
      }),
    ),
    Promise.all(Array.from({ length: engineers }, (_, i) => engineer(portal.url, engineerCookies[i]!, i + 1, until, outcomes, triggerLatencies))),
  ]);
  const loadAfter = load();

  // Runs lost or duplicated: every confirmed trigger once in the history and once in Airflow.
  const confirmed = outcomes.filter((o) => o.runId !== null);
  const runIds = confirmed.map((o) => o.runId!);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const history = (await client.query<{ runId: string; n: string }>(`SELECT "runId", count(*) AS n FROM "PipelineRun" WHERE "triggeredBy" LIKE 'engineer%@bench' GROUP BY "runId"`)).rows;
  await client.end();
  const inHistory = new Map(history.map((r) => [r.runId, Number(r.n)]));
  const airflowRuns = await airflowOrchestrator(localCli({ repoRoot: path.resolve("."), platformHome: home, airflowPort })).runs("simple_addition");
  const inAirflow = new Map<string, number>();
  for (const r of airflowRuns) inAirflow.set(r.runId, (inAirflow.get(r.runId) ?? 0) + 1);
  const lost = runIds.filter((id) => inHistory.get(id) !== 1 || inAirflow.get(id) !== 1).length;
  // A key the client never saw confirmed (its retries kept getting 409 while the first attempt ran)
  // still has its one run: a duplicate is a row beyond one per request sent, or an Airflow run the
  // history lacks.
  const manualInAirflow = airflowRuns.filter((r) => r.runId.startsWith("manual__"));
  const duplicated = Math.max(0, history.length - outcomes.length) + manualInAirflow.filter((r) => !inHistory.has(r.runId)).length;
  const unconfirmed = outcomes.length - confirmed.length;

  console.log(`\n## ${flags.db === "embedded" ? "Embedded PGlite (pglite-socket)" : "Debian PostgreSQL 15"}: ${readersSay}, ${engineers} engineers, ${durationS} s`);
  console.log(`load average (1/5/15 min) before: ${loadBefore}, after: ${loadAfter}; ${historyRuns} runs in the history\n`);
  console.log("| route | requests | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const f of figures.filter((x): x is RouteFigures => x !== null)) {
    console.log(`| ${f.route} | ${f.requests} | ${f.rps.toFixed(1)} | ${f.p50} | ${f.p95} | ${f.p99} | ${f.errors} | ${f.non2xx}${f.statuses ? ` (${f.statuses})` : ""} |`);
  }
  const sortedTriggers = triggerLatencies.sort((a, b) => a - b);
  const total = figures.reduce((s, f) => s + (f?.requests ?? 0), 0);
  console.log(`| POST /api/dags/simple_addition/runs | ${sortedTriggers.length} | ${(sortedTriggers.length / durationS).toFixed(2)} | ${percentile(sortedTriggers, 50).toFixed(0)} | ${percentile(sortedTriggers, 95).toFixed(0)} | ${percentile(sortedTriggers, 99).toFixed(0)} | | |`);
  console.log(`\nreads: ${total} in ${durationS} s = ${(total / durationS).toFixed(1)} req/s`);
  console.log(`triggers: ${outcomes.length} requests (${outcomes.reduce((s, o) => s + o.attempts, 0)} attempts), ${confirmed.length} confirmed, ${unconfirmed} never confirmed, ${outcomes.filter((o) => !o.consistent).length} answered inconsistently`);
  const statuses = new Map<number, number>();
  for (const status of outcomes.flatMap((o) => o.statuses)) statuses.set(status, (statuses.get(status) ?? 0) + 1);
  console.log(`trigger answers: ${[...statuses].map(([status, n]) => `${status === 0 ? "no answer" : status}: ${n}`).join(", ")}`);
  console.log(`runs lost: ${lost}; runs duplicated: ${duplicated} (${outcomes.length} requests; history: ${history.length} engineer runs; Airflow: ${manualInAirflow.length} manual runs)`);
}

const cleanUp = async () => {
  for (const cleanup of cleanups.splice(0)) await Promise.resolve(cleanup()).catch((e: Error) => console.error(`[load] cleanup: ${e.message}`));
};
// Ctrl-C or a timeout stops what the bench started (its Airflow, portal and database run in sessions of their own).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
try {
  await main();
} finally {
  await cleanUp();
}
