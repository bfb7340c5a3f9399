import { describe, expect, it } from "vitest";
import type { DagRun } from "@/lib/platform/orchestrator/port";
import { planBackfill } from "./backfills";

const day = (d: number) => new Date(Date.UTC(2025, 0, d));
const run = (d: number, state: DagRun["state"], startedAt: Date | null = day(d), runId = `scheduled__${d}`): DagRun => ({
  dagId: "d",
  runId,
  state,
  logicalDate: day(d),
  runAfter: null,
  startedAt,
  endedAt: null,
});
const range = (reprocess: "none" | "failed" | "completed") => ({ from: day(1), to: day(5), reprocess });

describe("planning a backfill as Airflow will run it", () => {
  // The dry run lists 1, 2, 4, 5 (3 is in flight); 2 succeeded, 4 failed.
  const candidates = [day(1), day(2), day(4), day(5)];
  const runs = [run(2, "success"), run(3, "running"), run(4, "failed"), run(9, "failed")];

  it.each([
    ["none", [1, 5]],
    ["failed", [1, 4, 5]],
    ["completed", [1, 2, 4, 5]],
  ] as const)("with reprocess %s runs days %j, never the one in flight", (reprocess, days) => {
    const plan = planBackfill(candidates, runs, range(reprocess));
    expect(plan.map((p) => p.logicalDate.getUTCDate())).toEqual([1, 2, 3, 4, 5]);
    expect(plan.filter((p) => p.willRun).map((p) => p.logicalDate.getUTCDate())).toEqual(days);
    expect(plan[2]).toMatchObject({ willRun: false, existing: { state: "running" } });
  });

  it("judges a date by its latest run, one not started yet counting as the latest", () => {
    const rerun = [run(2, "failed", day(2)), run(2, "success", day(6), "backfill__2")];
    expect(planBackfill([day(2)], rerun, range("failed"))[0]).toMatchObject({ willRun: false, existing: { runId: "backfill__2", state: "success" } });
    const waiting = [run(2, "success", day(2)), run(2, "queued", null, "backfill__2")];
    expect(planBackfill([], waiting, range("completed"))[0]).toMatchObject({ willRun: false, existing: { state: "queued" } });
  });
});
