import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { DagRun, TaskInstanceState } from "@/lib/platform/orchestrator/port";
import { isFinalTry, runStatesBefore } from "./states";

type Db = PrismaClient | Prisma.TransactionClient;

/** Who started a run the portal did not: Airflow's schedule, or someone outside the portal. */
export function startedOutsideBy(runId: string): string {
  return runId.startsWith("scheduled__") ? "schedule" : runId.startsWith("backfill__") ? "backfill" : "airflow";
}

/**
 * Writes what Airflow says of a run. A run the history lacks is added; a known one only moves
 * forward (one conditional UPDATE, so a late or repeated report can never undo a final state).
 * Returns whether the row changed.
 */
export async function recordRun(db: Db, run: DagRun, environment: "local" | "aws"): Promise<boolean> {
  const created = await db.pipelineRun.createMany({
    data: [
      {
        dagId: run.dagId,
        runId: run.runId,
        triggeredBy: startedOutsideBy(run.runId),
        state: run.state,
        logicalDate: run.logicalDate,
        queuedAt: run.runAfter,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        environment,
      },
    ],
    skipDuplicates: true,
  });
  if (created.count > 0) return true;
  const updated = await db.pipelineRun.updateMany({
    where: { dagId: run.dagId, runId: run.runId, state: { in: runStatesBefore(run.state) } },
    data: {
      state: run.state,
      ...(run.logicalDate ? { logicalDate: run.logicalDate } : {}),
      ...(run.startedAt ? { startedAt: run.startedAt } : {}),
      ...(run.endedAt ? { endedAt: run.endedAt } : {}),
    },
  });
  return updated.count > 0;
}

const durationMs = (t: TaskInstanceState) => (t.startedAt && t.endedAt ? t.endedAt.getTime() - t.startedAt.getTime() : null);

/**
 * Writes a run's task instances. The CLI reports no try number, so the next try is recognised
 * after a try that ended (a final state or up_for_retry): the task is waiting again (a retry, or a
 * clear: re-run from failure) or reports a later start. A repeated report of a try is no new try. A try in a final
 * state is never rewritten: each try is its own row. Nor does the CLI report when a task was
 * queued: a try's queued time is when the sync first saw it waiting (scheduled or queued, or no
 * state yet after a clear), to within one sync interval.
 */
export async function recordTaskInstances(db: Db, pipelineRunId: string, tasks: TaskInstanceState[], now = new Date()): Promise<number> {
  const existing = await db.taskInstance.findMany({ where: { pipelineRunId }, orderBy: { tryNumber: "desc" } });
  const latest = new Map<string, (typeof existing)[number]>();
  for (const row of existing) {
    const key = `${row.taskId}#${row.mapIndex}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  let changes = 0;
  for (const t of tasks) {
    const last = latest.get(`${t.taskId}#${t.mapIndex}`);
    const waiting = t.state === "scheduled" || t.state === "queued";
    const startedLater = t.startedAt && last?.startedAt && t.startedAt > last.startedAt;
    const nextTry = last && isFinalTry(last.state) && (waiting || t.state === null || startedLater);
    // A task waiting again (retry, clear) still carries its previous try's dates: they are not this try's.
    const fields = waiting || t.state === null
      ? { state: t.state, startedAt: null, endedAt: null, durationMs: null }
      : { state: t.state, startedAt: t.startedAt, endedAt: t.endedAt, durationMs: durationMs(t) };
    if (!last || nextTry) {
      await db.taskInstance.createMany({
        data: [{ pipelineRunId, taskId: t.taskId, mapIndex: t.mapIndex, tryNumber: (last?.tryNumber ?? 0) + 1, ...fields, queuedAt: waiting || (nextTry && t.state === null) ? now : null }],
        skipDuplicates: true,
      });
      changes++;
    } else if (!isFinalTry(last.state) && t.state !== null) {
      const same = last.state === t.state && last.startedAt?.getTime() === t.startedAt?.getTime() && last.endedAt?.getTime() === t.endedAt?.getTime();
      if (!same) {
        // The condition on state repeats the check in SQL: a concurrent writer that just finalised the try wins.
        const queued = waiting && !last.queuedAt ? { queuedAt: now } : {};
        const { count } = await db.taskInstance.updateMany({ where: { id: last.id, state: last.state }, data: { ...fields, ...queued } });
        changes += count;
      }
    }
  }
  return changes;
}
