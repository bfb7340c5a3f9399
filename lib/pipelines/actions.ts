import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { Conflict, NotFound } from "@/lib/platform/errors";
import type { Orchestrator } from "@/lib/platform/orchestrator/port";
import { recordRun } from "./record";

/** A run id the portal chooses, so the run is in Postgres before Airflow answers. */
export function newRunId(now = new Date()): string {
  return `manual__${now.toISOString()}_${randomBytes(4).toString("hex")}`;
}

export interface TriggerRequest {
  dagId: string;
  conf: Record<string, unknown>;
  user: { id: string; email: string };
  idempotencyKey: string;
  environment: "local" | "aws";
}

/**
 * Runs `act` once per (user, key): the key is claimed in Postgres before anything else, so a
 * double click or a retried request gets the first answer back and never acts twice. A failed
 * request releases its key, since nothing was started.
 */
export async function oncePerKey<T extends Prisma.InputJsonValue>(
  db: PrismaClient,
  user: { id: string },
  idempotencyKey: string,
  route: string,
  act: () => Promise<T>,
): Promise<T> {
  const key = { userId_key: { userId: user.id, key: idempotencyKey } };
  const claimed = await db.idempotencyKey.createMany({ data: [{ userId: user.id, key: idempotencyKey, route }], skipDuplicates: true });
  if (claimed.count === 0) {
    const prior = await db.idempotencyKey.findUnique({ where: key });
    if (prior?.route !== route) throw new Conflict("This idempotency key was used for another request.");
    if (prior.response) return prior.response as T;
    throw new Conflict("The same request is still being processed.");
  }
  try {
    const response = await act();
    await db.idempotencyKey.update({ where: key, data: { response } });
    return response;
  } catch (error) {
    await db.idempotencyKey.delete({ where: key }).catch(() => undefined);
    throw error;
  }
}

/** Records the run at once (who, conf), then asks Airflow to start it with that run id. */
export async function triggerRun(db: PrismaClient, orchestrator: Orchestrator, req: TriggerRequest): Promise<{ id: string; runId: string }> {
  return oncePerKey(db, req.user, req.idempotencyKey, `POST /api/dags/${req.dagId}/runs`, async () => {
    if (!(await db.dag.findUnique({ where: { dagId: req.dagId } }))) throw new NotFound(`No DAG ${req.dagId}.`);
    // A logical date of its own (unique per DAG in Airflow, like the run id) is what lets a
    // re-run from failure target exactly this run: Airflow 3 gives manual runs none otherwise.
    const now = new Date();
    const runId = newRunId(now);
    const run = await db.pipelineRun.create({
      data: {
        dagId: req.dagId,
        runId,
        conf: req.conf as Prisma.InputJsonValue,
        triggeredBy: req.user.email,
        state: "queued",
        logicalDate: now,
        queuedAt: now,
        environment: req.environment,
      },
    });
    try {
      await recordRun(db, await orchestrator.trigger(req.dagId, runId, req.conf, now), req.environment);
    } catch (error) {
      // Airflow did not start it: the history must not show a run that never existed.
      await db.pipelineRun.delete({ where: { id: run.id } });
      throw error;
    }
    return { id: run.id, runId };
  });
}

export interface RerunRequest {
  /** The run's id in the history (PipelineRun.id). */
  id: string;
  user: { id: string; email: string };
  idempotencyKey: string;
}

/**
 * Re-run from failure: Airflow clears the failed tasks (and those they held back) of this one run,
 * found by its logical date, and runs them again in the same run with new try numbers. The run is
 * marked queued at once so the sync watches it again; its earlier tries stay in the history.
 */
export async function rerunFailed(db: PrismaClient, orchestrator: Orchestrator, req: RerunRequest): Promise<{ id: string; runId: string }> {
  return oncePerKey(db, req.user, req.idempotencyKey, `POST /api/runs/${req.id}/rerun`, async () => {
    const run = await db.pipelineRun.findUnique({ where: { id: req.id } });
    if (!run) throw new NotFound(`No run ${req.id}.`);
    if (run.state !== "failed") throw new Conflict(`Only a failed run can be re-run from failure; this one is ${run.state}.`);
    if (!run.logicalDate) {
      throw new Conflict(
        "This run has no logical date, so Airflow's CLI cannot clear it without clearing other runs: re-run it from the Airflow UI, or run it again with the same conf.",
      );
    }
    await orchestrator.clearFailed(run.dagId, run.logicalDate);
    // The only other way back besides a backfill's reprocess: Airflow has just put the run back to queued.
    await db.pipelineRun.updateMany({ where: { id: run.id, state: "failed" }, data: { state: "queued", endedAt: null } });
    return { id: run.id, runId: run.runId };
  });
}

/** Pauses or unpauses in Airflow, then in the read model (the sync would catch up anyway). */
export async function setPaused(db: PrismaClient, orchestrator: Orchestrator, dagId: string, paused: boolean) {
  if (!(await db.dag.findUnique({ where: { dagId } }))) throw new NotFound(`No DAG ${dagId}.`);
  await orchestrator.setPaused(dagId, paused);
  await db.dag.update({ where: { dagId }, data: { paused } });
  return { dagId, paused };
}
