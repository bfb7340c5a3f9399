import { describe, expect, it } from "vitest";
import { testDatabase } from "@/lib/db/testing/per-file";
import { dagsWithRecentRuns } from "./run-history";

const bed = testDatabase();

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe("the Pipelines list's read of the history", () => {
  it("gives each known DAG its newest runs, newest first, and the quality checks of its last run", async () => {
    const db = bed.db.prisma;
    await db.dag.createMany({
      data: ["alpha", "beta", "idle"].map((dagId) => ({ dagId, paused: false, syncedAt: at(0) })),
    });
    // alpha: 12 runs a minute apart plus two runs created at the same instant (the id breaks the tie);
    // beta: 3 runs; a DAG Airflow no longer lists keeps its runs but has no row on the page.
    const runs = [
      ...Array.from({ length: 12 }, (_, i) => ({ id: `a${String(i).padStart(2, "0")}`, dagId: "alpha", runId: `r${i}`, createdAt: at(i) })),
      { id: "a98", dagId: "alpha", runId: "tie-1", createdAt: at(20) },
      { id: "a99", dagId: "alpha", runId: "tie-2", createdAt: at(20) },
      ...Array.from({ length: 3 }, (_, i) => ({ id: `b${i}`, dagId: "beta", runId: `r${i}`, createdAt: at(30 + i) })),
      { id: "g0", dagId: "gone", runId: "r0", createdAt: at(40) },
    ];
    await db.pipelineRun.createMany({
      data: runs.map((r) => ({ ...r, triggeredBy: "schedule", state: "success", environment: "local" as const })),
    });
    await db.qualityReport.createMany({
      data: [
        { runId: "tie-2", dataset: "sales", check: "rows", severity: "error", status: "pass" },
        { runId: "tie-2", dataset: "sales", check: "nulls", severity: "error", status: "fail" },
        { runId: "r11", dataset: "sales", check: "rows", severity: "error", status: "fail" },
      ],
    });

    const rows = await dagsWithRecentRuns(db);

    expect(rows.map((r) => r.dag.dagId)).toEqual(["alpha", "beta", "idle"]);
    const [alpha, beta, idle] = rows;
    expect(alpha!.recent.map((r) => r.id)).toEqual(["a99", "a98", "a11", "a10", "a09", "a08", "a07", "a06", "a05", "a04"]);
    expect(alpha!.quality).toEqual({ checks: 2, failed: 1 });
    expect(beta!.recent.map((r) => r.id)).toEqual(["b2", "b1", "b0"]);
    expect(beta!.quality).toBeNull();
    expect(idle!.recent).toEqual([]);
  });
});
