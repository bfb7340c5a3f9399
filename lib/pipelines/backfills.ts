import type { PrismaClient } from "@/lib/generated/prisma/client";
import { Conflict, InvalidInput, NotFound, Unconfirmed } from "@/lib/platform/errors";
import type { BackfillRange, DagRun, Orchestrator, RunState } from "@/lib/platform/orchestrator/port";
import { oncePerKey } from "./actions";
import { isFinalRun } from "./states";

/** A backfill is bounded: each date is a run (on AWS, an EMR cluster). */
export const MAX_BACKFILL_DATES = 90;

export interface PlannedDate {
  logicalDate: Date;
  willRun: boolean;
  /** The run Airflow already has for the date (the latest), if any. */
  existing: { runId: string; state: RunState } | null;
}

/**
 * What a backfill of the range would do, date by date: Airflow's rule for a date that already has
 * a run (models/backfill.py): one in flight is left alone; an ended one runs again only when the
 * reprocess behaviour asks for it ("failed": failed runs, "completed": any).
 */
export function planBackfill(candidates: Date[], runs: DagRun[], range: BackfillRange): PlannedDate[] {
  const inRange = runs.filter((r) => r.logicalDate && r.logicalDate >= range.from && r.logicalDate <= range.to);
  const latest = new Map<number, DagRun>();
  // Airflow takes the run started last, one not started yet first.
  const startOrder = (r: DagRun) => r.startedAt?.getTime() ?? Infinity;
  for (const run of inRange) {
    const at = run.logicalDate!.getTime();
    const seen = latest.get(at);
    if (!seen || startOrder(run) > startOrder(seen)) latest.set(at, run);
  }
  const dates = new Set([...candidates.map((d) => d.getTime()), ...[...latest.values()].filter((r) => !isFinalRun(r.state)).map((r) => r.logicalDate!.getTime())]);
  return [...dates]
    .sort((a, b) => a - b)
    .map((at) => {
      const run = latest.get(at);
      const again = run && isFinalRun(run.state) && (range.reprocess === "completed" || (range.reprocess === "failed" && run.state === "failed"));
      return { logicalDate: new Date(at), willRun: !run || !!again, existing: run ? { runId: run.runId, state: run.state } : null };
    });
}

/** Two CLI calls: the dry run for the dates, list-runs for what already ran. */
export async function previewBackfill(orchestrator: Orchestrator, dagId: string, range: BackfillRange): Promise<PlannedDate[]> {
  return planBackfill(await orchestrator.backfillDates(dagId, range), await orchestrator.runs(dagId), range);
}

export interface BackfillRequest {
  dagId: string;
  range: BackfillRange;
  maxActiveRuns: number;
  user: { id: string; email: string };
  idempotencyKey: string;
  environment: "local" | "aws";
}

/**
 * Plans the backfill, records it as one group, then asks Airflow for it. Runs Airflow clears to
 * run again are marked queued in the history at once: the one way a run's state goes back, since
 * the sync never writes a state backwards.
 */
export async function createBackfill(db: PrismaClient, orchestrator: Orchestrator, req: BackfillRequest): Promise<{ id: string }> {
  return oncePerKey(db, req.user, req.idempotencyKey, `POST /api/dags/${req.dagId}/backfills`, async (claim) => {
    if (!(await db.dag.findUnique({ where: { dagId: req.dagId } }))) throw new NotFound(`No DAG ${req.dagId}.`);
    const earlier = claim.takeover ? await unconfirmedBackfill(db, orchestrator, req, claim.createdAt) : null;
    if (earlier) return earlier;
    const planned = await previewBackfill(orchestrator, req.dagId, req.range);
    if (planned.length === 0) throw new InvalidInput("No logical date of this DAG falls in the range (its schedule or start date leaves none).");
    const toRun = planned.filter((d) => d.willRun);
    if (toRun.length === 0) throw new InvalidInput("Nothing to run: every logical date in the range already has a run (reprocess failed or completed runs to run them again).");
    if (toRun.length > MAX_BACKFILL_DATES) throw new InvalidInput(`The range has ${toRun.length} logical dates to run; a backfill runs at most ${MAX_BACKFILL_DATES}.`);
    const group = await db.backfill.create({
      data: {
        dagId: req.dagId,
        fromDate: req.range.from,
        toDate: req.range.to,
        reprocess: req.range.reprocess,
        maxActiveRuns: req.maxActiveRuns,
        logicalDates: toRun.map((d) => d.logicalDate),
        requestedBy: req.user.email,
        environment: req.environment,
      },
    });
    try {
      await orchestrator.backfill(req.dagId, req.range, req.maxActiveRuns);
    } catch (error) {
      // Unconfirmed: Airflow may have the backfill; the group stays for the retry to settle.
      if (!(error instanceof Unconfirmed)) await db.backfill.delete({ where: { id: group.id } });
      throw error;
    }
    const cleared = toRun.flatMap((d) => (d.existing ? [d.existing.runId] : []));
    await db.pipelineRun.updateMany({
      where: { dagId: req.dagId, runId: { in: cleared }, environment: req.environment },
      data: { state: "queued", endedAt: null, backfillId: group.id },
    });
    return { id: group.id };
  });
}

/**
 * The group an unconfirmed attempt of this request left, settled: Airflow has it when runs of its
 * dates appeared since, or when Airflow refuses a second backfill of the DAG while it runs;
 * otherwise it is asked for again. Null when the attempt left no group (it failed before).
 */
async function unconfirmedBackfill(db: PrismaClient, orchestrator: Orchestrator, req: BackfillRequest, since: Date): Promise<{ id: string } | null> {
  const group = await db.backfill.findFirst({
    where: { dagId: req.dagId, requestedBy: req.user.email, fromDate: req.range.from, toDate: req.range.to, environment: req.environment, createdAt: { gte: since } },
  });
  if (!group) return null;
  const dates = new Set(group.logicalDates.map((d) => d.getTime()));
  // A run of one of its dates that had not started before the request was made by this backfill.
  const ours = (r: DagRun) => r.runId.startsWith("backfill__") && r.logicalDate !== null && dates.has(r.logicalDate.getTime()) && (r.startedAt ?? since) >= since;
  if ((await orchestrator.runs(req.dagId)).some(ours)) return { id: group.id };
  try {
    await orchestrator.backfill(req.dagId, req.range, req.maxActiveRuns);
  } catch (error) {
    if (error instanceof Conflict) return { id: group.id };
    if (!(error instanceof Unconfirmed)) await db.backfill.delete({ where: { id: group.id } });
    throw error;
  }
  return { id: group.id };
}

/**
 * After the sync has recorded a DAG's runs: each open backfill claims the runs Airflow made for
 * its dates (as made by whoever asked for it), and is complete once every date's run has ended.
 * Returns how many backfills completed.
 */
export async function trackBackfills(db: PrismaClient, environment: "local" | "aws", now = new Date()): Promise<number> {
  let completed = 0;
  for (const group of await openBackfills(db, environment)) {
    await db.pipelineRun.updateMany({
      where: { dagId: group.dagId, environment, runId: { startsWith: "backfill__" }, logicalDate: { in: group.logicalDates }, createdAt: { gte: group.createdAt } },
      data: { backfillId: group.id, triggeredBy: group.requestedBy },
    });
    const ended = await db.pipelineRun.count({ where: { backfillId: group.id, state: { in: ["success", "failed"] } } });
    if (ended >= group.logicalDates.length) {
      await db.backfill.update({ where: { id: group.id }, data: { completedAt: now } });
      completed++;
    }
  }
  return completed;
}

export function openBackfills(db: PrismaClient, environment: "local" | "aws") {
  return db.backfill.findMany({ where: { completedAt: null, environment } });
}
