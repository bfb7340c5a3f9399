import path from "node:path";
import { expect, inject, it } from "vitest";
import { NotFound, Refused } from "@/lib/platform/errors";
import { testDatabase } from "@/lib/db/testing/per-file";
import { localOrchestrator } from "@/lib/platform/orchestrator/local";
import { backfillDetailJson } from "./backfill-history";
import { rerunFailed, setPaused, triggerRun } from "./actions";
import { createBackfill, previewBackfill } from "./backfills";
import { pipelinesSync } from "@/lib/sync/pipelines";

// Trigger, pause and backfill against the real local Airflow and a real Postgres.
const user = { id: "u1", email: "engineer@test" };
const orchestrator = () => localOrchestrator({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });

const bed = testDatabase(async (db) => {
  await db.prisma.user.create({ data: { id: user.id, email: user.email, role: "engineer" } });
  await db.prisma.dag.create({ data: { dagId: "simple_addition", paused: false, syncedAt: new Date() } });
});

const request = (key: string, conf: Record<string, unknown> = { n: 1 }, dagId = "simple_addition") => ({ dagId, conf, user, idempotencyKey: key, environment: "local" as const });

it("records the run with who and conf, and a replay of the same key starts nothing new", async () => {
  const first = await triggerRun(bed.db.prisma, orchestrator(), request("key-00000001"));
  const again = await triggerRun(bed.db.prisma, orchestrator(), request("key-00000001"));
  expect(again).toEqual(first);
  const rows = await bed.db.prisma.pipelineRun.findMany({ where: { dagId: "simple_addition" } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ runId: first.runId, triggeredBy: "engineer@test", conf: { n: 1 } });
  const airflowRuns = await orchestrator().runs("simple_addition");
  expect(airflowRuns.filter((r) => r.runId === first.runId)).toHaveLength(1);
}, 240_000);

it("refuses a DAG the history does not know with a 404 and leaves no trace", async () => {
  const before = await bed.db.prisma.pipelineRun.count();
  await expect(triggerRun(bed.db.prisma, orchestrator(), request("key-00000002", {}, "no_such_dag"))).rejects.toBeInstanceOf(NotFound);
  expect(await bed.db.prisma.pipelineRun.count()).toBe(before);
  expect(await bed.db.prisma.idempotencyKey.findUnique({ where: { userId_key: { userId: user.id, key: "key-00000002" } } })).toBeNull();
});

it("removes the recorded run when Airflow refuses, and frees the key", async () => {
  // Known to the history, unknown to Airflow: Airflow's refusal (the API answers it as a 502).
  await bed.db.prisma.dag.create({ data: { dagId: "gone_from_airflow", paused: false, syncedAt: new Date() } });
  const error = await triggerRun(bed.db.prisma, orchestrator(), request("key-00000003", {}, "gone_from_airflow")).catch((e) => e);
  expect(error).toBeInstanceOf(Refused);
  expect(await bed.db.prisma.pipelineRun.count({ where: { dagId: "gone_from_airflow" } })).toBe(0);
  expect(await bed.db.prisma.idempotencyKey.count({ where: { key: "key-00000003" } })).toBe(0);
}, 240_000);

it("pauses in Airflow and in the read model", async () => {
  expect(await setPaused(bed.db.prisma, orchestrator(), "simple_addition", true)).toEqual({ dagId: "simple_addition", paused: true });
  expect((await orchestrator().dags()).find((d) => d.dagId === "simple_addition")?.paused).toBe(true);
  await setPaused(bed.db.prisma, orchestrator(), "simple_addition", false);
  expect((await bed.db.prisma.dag.findUniqueOrThrow({ where: { dagId: "simple_addition" } })).paused).toBe(false);
}, 300_000);

// Month 4 of 2025 is this file's to backfill (the orchestrator contract suites backfill months 2 and 3).
const april = (d: number) => new Date(Date.UTC(2025, 3, d));
const range = { from: april(1), to: new Date(april(3).getTime() + 86_400_000 - 1), reprocess: "none" as const };
const backfillRequest = (key: string, over: Partial<typeof range> = {}) => ({ dagId: "simple_addition", range: { ...range, ...over }, maxActiveRuns: 2, user, idempotencyKey: key, environment: "local" as const });

it("plans, starts and follows a backfill as one group until every date has run", async () => {
  const planned = await previewBackfill(orchestrator(), "simple_addition", range);
  expect(planned).toEqual([1, 2, 3].map((d) => ({ logicalDate: april(d), willRun: true, existing: null })));

  const { id } = await createBackfill(bed.db.prisma, orchestrator(), backfillRequest("backfill-0001"));
  // A double click starts nothing new.
  expect(await createBackfill(bed.db.prisma, orchestrator(), backfillRequest("backfill-0001"))).toEqual({ id });
  expect(await bed.db.prisma.backfill.count()).toBe(1);

  const sync = pipelinesSync({ orchestrator: orchestrator(), prisma: bed.db.prisma, environment: "local", intervalMs: 1_000 });
  const deadline = Date.now() + 400_000;
  while (!(await bed.db.prisma.backfill.findUniqueOrThrow({ where: { id } })).completedAt) {
    if (Date.now() > deadline) throw new Error(`backfill not complete: ${JSON.stringify(await backfillDetailJson(bed.db.prisma, id))}`);
    await sync.poll();
  }
  const detail = (await backfillDetailJson(bed.db.prisma, id))!;
  expect(detail.backfill).toMatchObject({ total: 3, counts: { success: 3 }, requestedBy: "engineer@test" });
  expect(detail.dates.map((d) => d.run?.runId)).toEqual([1, 2, 3].map((d) => `backfill__${april(d).toISOString().replace(".000Z", "+00:00")}`));
  const runs = await bed.db.prisma.pipelineRun.findMany({ where: { backfillId: id } });
  expect(runs.map((r) => r.triggeredBy)).toEqual(["engineer@test", "engineer@test", "engineer@test"]);

  // Every date has run now: without reprocessing there is nothing to start, and the preview says why.
  await expect(createBackfill(bed.db.prisma, orchestrator(), backfillRequest("backfill-0002"))).rejects.toMatchObject({ kind: "invalid_input", message: /Nothing to run/ });
  expect(await bed.db.prisma.backfill.count()).toBe(1);
  const again = await previewBackfill(orchestrator(), "simple_addition", { ...range, reprocess: "failed" });
  expect(again.map((d) => [d.willRun, d.existing?.state])).toEqual([[false, "success"], [false, "success"], [false, "success"]]);
  const all = await previewBackfill(orchestrator(), "simple_addition", { ...range, reprocess: "completed" });
  expect(all.every((d) => d.willRun)).toBe(true);
}, 600_000);

it("refuses a DAG Airflow cannot backfill, and leaves no group behind", async () => {
  await bed.db.prisma.dag.upsert({ where: { dagId: "gone_from_airflow" }, create: { dagId: "gone_from_airflow", paused: false, syncedAt: new Date() }, update: {} });
  await expect(createBackfill(bed.db.prisma, orchestrator(), { ...backfillRequest("backfill-0003"), dagId: "gone_from_airflow" })).rejects.toBeInstanceOf(Refused);
  expect(await bed.db.prisma.backfill.count({ where: { dagId: "gone_from_airflow" } })).toBe(0);
}, 240_000);

it("refuses to re-run a run that has not failed, or has no logical date to target, before calling Airflow", async () => {
  const failedWithoutDate = await bed.db.prisma.pipelineRun.create({ data: { dagId: "simple_addition", runId: "manual__no_logical_date", triggeredBy: "airflow", state: "failed", environment: "local" } });
  const succeeded = await bed.db.prisma.pipelineRun.create({ data: { dagId: "simple_addition", runId: "manual__succeeded", triggeredBy: "airflow", state: "success", logicalDate: new Date(), environment: "local" } });
  const rerun = (id: string, key: string) => rerunFailed(bed.db.prisma, orchestrator(), { id, user, idempotencyKey: key });
  await expect(rerun(failedWithoutDate.id, "key-rerun-01")).rejects.toThrow(/no logical date/);
  await expect(rerun(succeeded.id, "key-rerun-02")).rejects.toThrow(/Only a failed run/);
  await expect(rerun("nosuchrun", "key-rerun-03")).rejects.toBeInstanceOf(NotFound);
  expect((await bed.db.prisma.pipelineRun.findUniqueOrThrow({ where: { id: failedWithoutDate.id } })).state).toBe("failed");
});
