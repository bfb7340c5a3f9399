import { describe, expect, it } from "vitest";
import { testDatabase } from "@/lib/db/testing/per-file";
import { estimateErrors, estimateFor, runCostsEur, storeEstimate } from "./estimate-history";

const bed = testDatabase();

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const DAG = "big_data_pipeline";
const group = (count: number) => [{ role: "CORE", instanceType: "m5.xlarge", count, market: "ON_DEMAND" }];

async function seed() {
  const run = (runId: string, state: string, conf: object, start: number, end: number) =>
    bed.db.prisma.pipelineRun.create({ data: { dagId: DAG, runId, state, conf, triggeredBy: "e@x", environment: "local", startedAt: t(start), endedAt: t(end) } });
  const a = await run("a", "success", { scale: 0.5 }, 0, 600);
  const b = await run("b", "success", {}, 1000, 1060);
  await run("c", "failed", { scale: 1 }, 2000, 2001);
  // Run a's cluster, found by its tags: 2 × m5.xlarge for 1800 s = 1 instance-hour on demand,
  // (0.214 + 0.048) USD × 0.87 = 0.2279 EUR. Only its latest capture counts.
  const cluster = { clusterId: "j-A", name: "a", instanceGroups: group(2), dagId: DAG, runId: "a", createdAt: t(0) };
  await bed.db.prisma.clusterSnapshot.create({ data: { ...cluster, state: "RUNNING", capturedAt: t(100) } });
  await bed.db.prisma.clusterSnapshot.create({ data: { ...cluster, state: "TERMINATED", endedAt: t(1800), capturedAt: t(1900) } });
  return { a, b };
}

describe("the estimator's history", () => {
  it("prices each run's clusters with the cost model, 0 for a run without one", async () => {
    const { a, b } = await seed();
    const costs = await runCostsEur(bed.db.prisma, [a, b], "eu-west-1");
    expect(Object.fromEntries(costs)).toEqual({ [a.id]: 0.2279, [b.id]: 0 });
  });

  it("estimates from the successful runs per unit of scale, the default scale for a conf without one", async () => {
    // Per unit: a 0.2279 / 0.5 = 0.4558 EUR and 600 / 0.5 = 1200 s; b (local default 0.01) 0 EUR and 6000 s.
    expect(await estimateFor(bed.db.prisma, DAG, { scale: 1 }, { region: "eu-west-1", mode: "local" })).toEqual({
      costEur: { low: 0, expected: 0.2279, high: 0.4558 },
      durationS: { low: 1200, expected: 3600, high: 6000 },
      basedOnRuns: 2,
    });
    expect(await estimateFor(bed.db.prisma, "no_such_dag", {}, { region: "eu-west-1", mode: "local" })).toBeNull();
  });

  it("sets the stored estimate against what the run cost and took", async () => {
    const a = await bed.db.prisma.pipelineRun.findFirstOrThrow({ where: { dagId: DAG, runId: "a" } });
    const stored = { costEur: { low: 0.1, expected: 0.2, high: 0.3 }, durationS: { low: 400, expected: 500, high: 900 }, basedOnRuns: 3 };
    await storeEstimate(bed.db.prisma, a.id, stored);
    await storeEstimate(bed.db.prisma, a.id, { ...stored, basedOnRuns: 9 }); // a replay keeps the first
    const points = await estimateErrors(bed.db.prisma, t(0), t(86_400), "eu-west-1");
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ runId: a.id, dagId: DAG });
    expect(points[0]!.costError).toBeCloseTo(0.0279 / 0.2279, 6);
    expect(points[0]!.durationError).toBeCloseTo(100 / 600, 6);
    expect((await bed.db.prisma.pipelineRun.findUniqueOrThrow({ where: { id: a.id } })).estimate).toMatchObject({ basedOnRuns: 3 });
  });
});
