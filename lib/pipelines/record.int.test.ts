import { describe, expect, it } from "vitest";
import { testDatabase } from "@/lib/db/testing/per-file";
import type { DagRun, TaskInstanceState } from "@/lib/platform/orchestrator/port";
import { recordRun, recordTaskInstances } from "./record";

const bed = testDatabase();

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const run = (runId: string, state: DagRun["state"], extra: Partial<DagRun> = {}): DagRun => ({
  dagId: "d",
  runId,
  state,
  logicalDate: null,
  runAfter: t(0),
  startedAt: null,
  endedAt: null,
  ...extra,
});

describe("recording runs", () => {
  it("adds a run it has not seen, attributed to the schedule or to Airflow", async () => {
    expect(await recordRun(bed.db.prisma, run("scheduled__2026-01-01", "running"), "local")).toBe(true);
    expect(await recordRun(bed.db.prisma, run("manual__cli", "queued"), "local")).toBe(true);
    const rows = await bed.db.prisma.pipelineRun.findMany({ where: { dagId: "d" }, orderBy: { runId: "asc" } });
    expect(rows.map((r) => [r.runId, r.triggeredBy, r.queuedAt?.toISOString()])).toEqual([
      ["manual__cli", "airflow", t(0).toISOString()],
      ["scheduled__2026-01-01", "schedule", t(0).toISOString()],
    ]);
  });

  it("moves a run forward and never back", async () => {
    await recordRun(bed.db.prisma, run("r1", "queued"), "local");
    expect(await recordRun(bed.db.prisma, run("r1", "running", { startedAt: t(1) }), "local")).toBe(true);
    expect(await recordRun(bed.db.prisma, run("r1", "queued"), "local")).toBe(false);
    expect(await recordRun(bed.db.prisma, run("r1", "success", { startedAt: t(1), endedAt: t(9) }), "local")).toBe(true);
    // A stale report (an earlier poll, a second portal task) after the final state changes nothing.
    expect(await recordRun(bed.db.prisma, run("r1", "running", { startedAt: t(5) }), "local")).toBe(false);
    expect(await recordRun(bed.db.prisma, run("r1", "failed", { endedAt: t(20) }), "local")).toBe(false);
    const row = await bed.db.prisma.pipelineRun.findUniqueOrThrow({ where: { dagId_runId: { dagId: "d", runId: "r1" } } });
    expect(row).toMatchObject({ state: "success", startedAt: t(1), endedAt: t(9) });
  });

  it("never duplicates a run reported twice", async () => {
    await recordRun(bed.db.prisma, run("r2", "running"), "local");
    await recordRun(bed.db.prisma, run("r2", "running"), "local");
    expect(await bed.db.prisma.pipelineRun.count({ where: { runId: "r2" } })).toBe(1);
  });
});

describe("recording task instances", () => {
  const ti = (state: TaskInstanceState["state"], startedAt: Date | null, endedAt: Date | null = null): TaskInstanceState => ({
    taskId: "work",
    mapIndex: -1,
    state,
    startedAt,
    endedAt,
  });

  it("records tries in order, keeps a final try final, and counts a later start as the next try", async () => {
    const { id } = await bed.db.prisma.pipelineRun.create({ data: { dagId: "d", runId: "tries", triggeredBy: "x", state: "running", environment: "local" } });
    await recordTaskInstances(bed.db.prisma, id, [ti(null, null)]);
    await recordTaskInstances(bed.db.prisma, id, [ti("running", t(1))]);
    await recordTaskInstances(bed.db.prisma, id, [ti("up_for_retry", t(1), t(3))]);
    // Airflow queues the retry with the old start date still on the row: the next try, without those dates.
    await recordTaskInstances(bed.db.prisma, id, [ti("queued", t(1), t(3))]);
    await recordTaskInstances(bed.db.prisma, id, [ti("running", t(10))]);
    await recordTaskInstances(bed.db.prisma, id, [ti("success", t(10), t(14))]);
    await recordTaskInstances(bed.db.prisma, id, [ti("running", t(10))]);
    const rows = await bed.db.prisma.taskInstance.findMany({ where: { pipelineRunId: id }, orderBy: { tryNumber: "asc" } });
    expect(rows.map((r) => [r.tryNumber, r.state, r.durationMs])).toEqual([
      [1, "up_for_retry", 2000],
      [2, "success", 4000],
    ]);
  });

  it("opens the next try when a cleared task waits again, keeping the failed try and its times", async () => {
    const { id } = await bed.db.prisma.pipelineRun.create({ data: { dagId: "d", runId: "cleared", triggeredBy: "x", state: "failed", environment: "local" } });
    await recordTaskInstances(bed.db.prisma, id, [ti("failed", t(1), t(5))], t(5));
    // `tasks clear`: no state, the old dates still on Airflow's row; then queued, running, success.
    await recordTaskInstances(bed.db.prisma, id, [ti(null, t(1), t(5))], t(20));
    await recordTaskInstances(bed.db.prisma, id, [ti("queued", t(1), t(5))], t(21));
    await recordTaskInstances(bed.db.prisma, id, [ti("running", t(22))], t(22));
    await recordTaskInstances(bed.db.prisma, id, [ti("success", t(22), t(25))], t(25));
    const rows = await bed.db.prisma.taskInstance.findMany({ where: { pipelineRunId: id }, orderBy: { tryNumber: "asc" } });
    expect(rows.map((r) => [r.tryNumber, r.state, r.queuedAt, r.startedAt, r.endedAt])).toEqual([
      [1, "failed", null, t(1), t(5)],
      [2, "success", t(20), t(22), t(25)],
    ]);
  });

  it("keeps when it first saw a try waiting as its queued time, and none for a try first seen running", async () => {
    const { id } = await bed.db.prisma.pipelineRun.create({ data: { dagId: "d", runId: "queued", triggeredBy: "x", state: "running", environment: "local" } });
    await recordTaskInstances(bed.db.prisma, id, [ti(null, null)], t(1));
    await recordTaskInstances(bed.db.prisma, id, [ti("scheduled", null)], t(2));
    await recordTaskInstances(bed.db.prisma, id, [ti("queued", null)], t(7));
    await recordTaskInstances(bed.db.prisma, id, [ti("running", t(9))], t(12));
    await recordTaskInstances(bed.db.prisma, id, [{ ...ti("running", t(3)), taskId: "fast" }], t(12));
    const rows = await bed.db.prisma.taskInstance.findMany({ where: { pipelineRunId: id }, orderBy: { taskId: "asc" } });
    expect(rows.map((r) => [r.taskId, r.queuedAt, r.startedAt])).toEqual([
      ["fast", null, t(3)],
      ["work", t(2), t(9)],
    ]);
  });
});
