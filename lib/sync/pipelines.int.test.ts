import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { waitForFinalRun } from "@/lib/platform/orchestrator/contract";
import { localOrchestrator } from "@/lib/platform/orchestrator/local";
import { localAirflow } from "@/lib/platform/orchestrator/testing/local-airflow";
import { advisoryLock } from "./lock";
import { startSyncs, type RunningSyncs } from "./runner";
import { pipelinesSync } from "./pipelines";

// The sync against the real local Airflow and a real Postgres: Airflow is stopped while a run is
// in flight and started again; the history must converge on what Airflow says, without losing
// or duplicating runs.
let db: TestDatabase;
let syncs: RunningSyncs | undefined;
const home = () => inject("airflowPlatformHome");
const port = () => inject("airflowPort");

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await syncs?.stop();
  await db?.drop();
});

async function until<T>(what: string, get: () => Promise<T>, ok: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await get();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

it("converges after Airflow is stopped mid-run and started again", async () => {
  const commands: string[] = [];
  const orchestrator = localOrchestrator({
    repoRoot: path.resolve("."),
    platformHome: home(),
    airflowPort: port(),
    onCommand: (argv) => commands.push(argv.slice(0, 2).join(" ")),
  });
  const runId = `manual__sync_${Date.now()}`;
  // As the trigger route does: the row first, then Airflow.
  await db.prisma.pipelineRun.create({
    data: { dagId: "simple_addition", runId, triggeredBy: "engineer@test", state: "queued", conf: { n: 1 }, environment: "local", queuedAt: new Date() },
  });
  await orchestrator.trigger("simple_addition", runId, { n: 1 });

  const lines: string[] = [];
  syncs = startSyncs([pipelinesSync({ orchestrator, prisma: db.prisma, environment: "local", intervalMs: 1_000 })], {
    prisma: db.prisma,
    lockFor: (s) => advisoryLock(db.url, s),
    log: (line) => lines.push(line),
  });
  const state = () => db.prisma.syncState.findUnique({ where: { source: "airflow" } });
  // The first cycle lists every DAG and its tasks: several CLI calls of seconds each.
  await until("a first successful poll", state, (s) => !!s?.lastSuccessAt, 480_000);

  const airflow = localAirflow(home(), port());
  airflow.stop();
  try {
    const down = await until("the outage recorded", state, (s) => !!s?.unreachableSince, 240_000);
    expect(down!.lastError).toMatch(/not running/);
  } finally {
    airflow.start();
  }

  const final = await waitForFinalRun(orchestrator, "simple_addition", runId, 300_000);
  const row = await until(
    "the history converged",
    () => db.prisma.pipelineRun.findMany({ where: { runId }, include: { tasks: true } }),
    (rows) => rows[0]?.state === final.state && rows[0].tasks.filter((t) => t.state === "success").length >= (final.state === "success" ? 3 : 0),
    240_000,
  );
  expect(row).toHaveLength(1);
  expect(row[0]).toMatchObject({ triggeredBy: "engineer@test", conf: { n: 1 } });
  // The poll that wrote the final state records its success when it ends.
  await until("the outage cleared", state, (s) => s?.unreachableSince === null, 240_000);
  // The DAG list and its tasks reached the read model too.
  const dag = await db.prisma.dag.findUniqueOrThrow({ where: { dagId: "simple_addition" } });
  expect((dag.tasks as { taskId: string }[]).map((t) => t.taskId).sort()).toEqual(["addition_task", "end", "start"]);
  // The tasks of a DAG are asked for once (twice if the outage broke the first cycle), not every cycle.
  expect(lines.filter((l) => /CLI calls/.test(l)).length).toBeGreaterThanOrEqual(2);
  expect(commands.filter((c) => c === "tasks list").length).toBeLessThanOrEqual(4);
  await syncs.stop();
  syncs = undefined;

  // A cycle that recorded the run as ended and then died (the database restarted) before it read
  // the tasks: the run is neither new nor active any more, and the next cycle still reads them.
  const ended = await db.prisma.pipelineRun.findFirstOrThrow({ where: { runId } });
  await db.prisma.taskInstance.deleteMany({ where: { pipelineRunId: ended.id } });
  await pipelinesSync({ orchestrator, prisma: db.prisma, environment: "local", intervalMs: 1_000, fullEvery: 1 }).poll();
  expect(await db.prisma.taskInstance.count({ where: { pipelineRunId: ended.id } })).toBeGreaterThanOrEqual(3);
}, 1_200_000);
