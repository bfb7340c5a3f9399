import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { waitForFinalRun } from "@/lib/platform/orchestrator/contract";
import { localOrchestrator } from "@/lib/platform/orchestrator/local";
import { pipelinesSync } from "./pipelines";

// A cycle cut while it writes a run's tasks (the fault suite restarts the database in the middle
// of a sync): the run is recorded final already, so if part of its tasks were kept, no later cycle
// would read them again. Real Airflow, real Postgres; the cut is the database refusing a row.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

it("a cycle cut in the middle of a run's tasks keeps none of them, and the next cycle writes them all", async () => {
  const orchestrator = localOrchestrator({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });
  const runId = `manual__taskwrite_${Date.now()}`;
  await orchestrator.trigger("simple_addition", runId, { n: 2 });
  expect((await waitForFinalRun(orchestrator, "simple_addition", runId, 300_000)).state).toBe("success");
  const airflowTasks = await orchestrator.taskInstances("simple_addition", runId);
  expect(airflowTasks.length).toBeGreaterThan(1);

  // The database refuses this run's last task row: the rows before it are what a cut would leave.
  await db.prisma.$executeRaw`CREATE TABLE refused_task ("runId" text, "taskId" text)`;
  await db.prisma.$executeRaw`INSERT INTO refused_task VALUES (${runId}, ${airflowTasks.at(-1)!.taskId})`;
  await db.prisma.$executeRaw`CREATE FUNCTION refuse_task() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM refused_task r JOIN "PipelineRun" p ON p."runId" = r."runId" WHERE p.id = NEW."pipelineRunId" AND r."taskId" = NEW."taskId") THEN
        RAISE EXCEPTION 'the database went away';
      END IF;
      RETURN NEW;
    END $$`;
  await db.prisma.$executeRaw`CREATE TRIGGER refuse_task BEFORE INSERT ON "TaskInstance" FOR EACH ROW EXECUTE FUNCTION refuse_task()`;

  // Every cycle lists every DAG's runs, as the cycle after a restart may.
  const sync = pipelinesSync({ orchestrator, prisma: db.prisma, environment: "local", intervalMs: 1_000, fullEvery: 1 });
  await expect(sync.poll()).rejects.toThrow(/the database went away/);
  const run = await db.prisma.pipelineRun.findUniqueOrThrow({ where: { dagId_runId: { dagId: "simple_addition", runId } } });
  expect(run.state).toBe("success");
  expect(await db.prisma.taskInstance.count({ where: { pipelineRunId: run.id } })).toBe(0);

  await db.prisma.$executeRaw`DROP TRIGGER refuse_task ON "TaskInstance"`;
  await sync.poll();
  const tasks = await db.prisma.taskInstance.findMany({ where: { pipelineRunId: run.id } });
  expect(tasks.map((t) => t.taskId).sort()).toEqual(airflowTasks.map((t) => t.taskId).sort());
  expect(tasks.every((t) => t.state === "success")).toBe(true);
}, 900_000);
