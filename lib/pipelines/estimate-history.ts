import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { clusterCost, toEur } from "@/lib/costs/model";
import { pricingRegion } from "@/lib/costs/dashboard";
import type { PriceRegion } from "@/lib/costs/prices";
import { getPlatform } from "@/lib/platform";
import type { InstanceGroup } from "@/lib/platform/clusters/port";
import { confUnits, DEFAULT_SCALE, ESTIMATE_HISTORY_RUNS, estimateRun, relativeError, type Estimate, type EstimatePoint } from "./estimate";
import { dagParams } from "./params";

/**
 * The estimator's history from the read model: a run's duration is its PipelineRun's start to end,
 * its cost its clusters' (their latest snapshot each) priced by the one cost model, as the Costs
 * pages price them. A run without a cluster (a DAG that starts none) costs 0.
 */
interface RunRef {
  id: string;
  dagId: string;
  runId: string;
  endedAt: Date | null;
}

/** EUR of each run's clusters, by run id (the PipelineRun's cuid). */
export async function runCostsEur(db: PrismaClient, runs: RunRef[], region: PriceRegion, now = new Date()): Promise<Map<string, number>> {
  const costs = new Map(runs.map((r) => [r.id, 0]));
  if (runs.length === 0) return costs;
  const snapshots = await db.clusterSnapshot.findMany({
    where: { OR: [{ pipelineRunId: { in: runs.map((r) => r.id) } }, ...runs.map((r) => ({ dagId: r.dagId, runId: r.runId }))] },
    orderBy: { capturedAt: "desc" },
  });
  const byId = new Map(runs.map((r) => [r.id, r]));
  const byKey = new Map(runs.map((r) => [`${r.dagId}\n${r.runId}`, r]));
  const seen = new Set<string>();
  for (const s of snapshots) {
    if (seen.has(s.clusterId) || !s.createdAt) continue;
    seen.add(s.clusterId);
    const run = (s.pipelineRunId ? byId.get(s.pipelineRunId) : undefined) ?? byKey.get(`${s.dagId}\n${s.runId}`);
    if (!run) continue;
    // A cluster still up when its run ended is priced to the run's end: what the run used.
    const endedAt = s.endedAt ?? run.endedAt ?? now;
    const usd = clusterCost({ createdAt: s.createdAt, endedAt, instanceGroups: s.instanceGroups as unknown as InstanceGroup[] }, region, now).cost;
    costs.set(run.id, (costs.get(run.id) ?? 0) + usd);
  }
  for (const [id, usd] of costs) costs.set(id, toEur(usd));
  return costs;
}

/** This estate's prices and default scale. */
export const estimateDeps = () => ({ region: pricingRegion(), mode: getPlatform().mode });

const seconds = (r: { startedAt: Date | null; endedAt: Date | null }) => (r.startedAt && r.endedAt ? (r.endedAt.getTime() - r.startedAt.getTime()) / 1000 : null);

/** What a run of `dagId` with `conf` is expected to cost and take, or null with no successful run yet. */
export async function estimateFor(db: PrismaClient, dagId: string, conf: unknown, deps: { region: PriceRegion; mode: "local" | "aws" }): Promise<Estimate | null> {
  const hasScale = dagParams(dagId).some((p) => p.name === "scale");
  const units = (c: unknown) => confUnits(c, hasScale, DEFAULT_SCALE[deps.mode]);
  const runs = await db.pipelineRun.findMany({
    where: { dagId, state: "success", startedAt: { not: null }, endedAt: { not: null } },
    orderBy: { endedAt: "desc" },
    take: ESTIMATE_HISTORY_RUNS,
    select: { id: true, dagId: true, runId: true, conf: true, startedAt: true, endedAt: true },
  });
  const costs = await runCostsEur(db, runs, deps.region);
  const history = runs.map((r) => ({ units: units(r.conf), durationS: seconds(r)!, costEur: costs.get(r.id) ?? 0 }));
  return estimateRun(history, units(conf));
}

/** Keeps the estimate shown before a run was triggered on its row; a replayed trigger keeps the first. */
export async function storeEstimate(db: PrismaClient, id: string, estimate: Estimate | null): Promise<void> {
  if (estimate) await db.pipelineRun.updateMany({ where: { id, estimate: { equals: Prisma.DbNull } }, data: { estimate: estimate as unknown as Prisma.InputJsonValue } });
}

/** A run's stored estimate and, once it has ended, what it cost and took. */
export async function estimateVsActual(db: PrismaClient, run: RunRef & { state: string; startedAt: Date | null; estimate: unknown }) {
  const ended = (run.state === "success" || run.state === "failed") && seconds(run) !== null;
  const costs = ended ? await runCostsEur(db, [run], pricingRegion()) : null;
  return {
    expected: (run.estimate ?? null) as Estimate | null,
    actual: ended ? { costEur: costs!.get(run.id) ?? 0, durationS: Math.round(seconds(run)!) } : null,
  };
}

/** How far each successful run ended in [from, to) was from the estimate stored when it was triggered, oldest first. */
export async function estimateErrors(db: PrismaClient, from: Date, to: Date, region: PriceRegion): Promise<EstimatePoint[]> {
  const runs = await db.pipelineRun.findMany({
    where: { state: "success", endedAt: { gte: from, lt: to }, startedAt: { not: null }, NOT: { estimate: { equals: Prisma.DbNull } } },
    orderBy: { endedAt: "asc" },
    take: 1000,
    select: { id: true, dagId: true, runId: true, startedAt: true, endedAt: true, estimate: true },
  });
  const costs = await runCostsEur(db, runs, region);
  return runs.map((r) => {
    const estimate = r.estimate as unknown as Estimate;
    return {
      runId: r.id,
      dagId: r.dagId,
      endedAt: r.endedAt!.toISOString(),
      costError: relativeError(estimate.costEur.expected, costs.get(r.id) ?? 0),
      durationError: relativeError(estimate.durationS.expected, seconds(r)!),
    };
  });
}
