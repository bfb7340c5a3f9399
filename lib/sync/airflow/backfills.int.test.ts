import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { localOrchestrator } from "@/lib/platform/orchestrator/local";
import { backfillDetailJson } from "../backfill-history";
import { createBackfill, previewBackfill } from "./backfills";
import { airflowSync } from "./sync";

// A backfill against the real local Airflow and a real Postgres, followed by the real sync.
// Month 4 of 2025 is this file's (the orchestrator contract suites backfill months 2 and 3).
let db: TestDatabase;
const user = { id: "u1", email: "engineer@test" };
const orchestrator = () => localOrchestrator({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });
const april = (d: number) => new Date(Date.UTC(2025, 3, d));
const range = { from: april(1), to: new Date(april(3).getTime() + 86_400_000 - 1), reprocess: "none" as const };
const request = (key: string, over: Partial<typeof range> = {}) => ({ dagId: "simple_addition", range: { ...range, ...over }, maxActiveRuns: 2, user, idempotencyKey: key, environment: "local" as const });

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({ data: { id: user.id, email: user.email, role: "engineer" } });
  await db.prisma.dag.create({ data: { dagId: "simple_addition", paused: false, syncedAt: new Date() } });
});
afterAll(async () => {
  await db?.drop();
});

it("plans, starts and follows a backfill as one group until every date has run", async () => {
  const planned = await previewBackfill(orchestrator(), "simple_addition", range);
  expect(planned).toEqual([1, 2, 3].map((d) => ({ logicalDate: april(d), willRun: true, existing: null })));

  const { id } = await createBackfill(db.prisma, orchestrator(), request("backfill-0001"));
  // A double click starts nothing new.
  expect(await createBackfill(db.prisma, orchestrator(), request("backfill-0001"))).toEqual({ id });
  expect(await db.prisma.backfill.count()).toBe(1);

  const sync = airflowSync({ orchestrator: orchestrator(), prisma: db.prisma, environment: "local", intervalMs: 1_000 });
  const deadline = Date.now() + 400_000;
  while (!(await db.prisma.backfill.findUniqueOrThrow({ where: { id } })).completedAt) {
    if (Date.now() > deadline) throw new Error(`backfill not complete: ${JSON.stringify(await backfillDetailJson(db.prisma, id))}`);
    await sync.poll();
  }
  const detail = (await backfillDetailJson(db.prisma, id))!;
  expect(detail.backfill).toMatchObject({ total: 3, counts: { success: 3 }, requestedBy: "engineer@test" });
  expect(detail.dates.map((d) => d.run?.runId)).toEqual([1, 2, 3].map((d) => `backfill__${april(d).toISOString().replace(".000Z", "+00:00")}`));
  const runs = await db.prisma.pipelineRun.findMany({ where: { backfillId: id } });
  expect(runs.map((r) => r.triggeredBy)).toEqual(["engineer@test", "engineer@test", "engineer@test"]);

  // Every date has run now: without reprocessing there is nothing to start, and the preview says why.
  await expect(createBackfill(db.prisma, orchestrator(), request("backfill-0002"))).rejects.toMatchObject({ code: "bad_request", message: /Nothing to run/ });
  expect(await db.prisma.backfill.count()).toBe(1);
  const again = await previewBackfill(orchestrator(), "simple_addition", { ...range, reprocess: "failed" });
  expect(again.map((d) => [d.willRun, d.existing?.state])).toEqual([[false, "success"], [false, "success"], [false, "success"]]);
  const all = await previewBackfill(orchestrator(), "simple_addition", { ...range, reprocess: "completed" });
  expect(all.every((d) => d.willRun)).toBe(true);
}, 600_000);

it("refuses a DAG Airflow cannot backfill, and leaves no group behind", async () => {
  await db.prisma.dag.create({ data: { dagId: "no_such_dag", paused: false, syncedAt: new Date() } });
  await expect(createBackfill(db.prisma, orchestrator(), { ...request("backfill-0003"), dagId: "no_such_dag" })).rejects.toMatchObject({ code: "bad_gateway" });
  expect(await db.prisma.backfill.count({ where: { dagId: "no_such_dag" } })).toBe(0);
}, 240_000);
