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
    const runId = newRunId();
    const run = await db.pipelineRun.create({
      data: {
        dagId: req.dagId,
        runId,
        conf: req.conf as Prisma.InputJsonValue,
        triggeredBy: req.user.email,
        state: "queued",
        queuedAt: new Date(),
        environment: req.environment,
      },
    });
    try {
      await recordRun(db, await orchestrator.trigger(req.dagId, runId, req.conf), req.environment);
    } catch (error) {
      // Airflow did not start it: the history must not show a run that never existed.
      await db.pipelineRun.delete({ where: { id: run.id } });
      throw error;
    }
    return { id: run.id, runId };
  });
}

/** Pauses or unpauses in Airflow, then in the read model (the sync would catch up anyway). */
export async function setPaused(db: PrismaClient, orchestrator: Orchestrator, dagId: string, paused: boolean) {
  if (!(await db.dag.findUnique({ where: { dagId } }))) throw new NotFound(`No DAG ${dagId}.`);
  await orchestrator.setPaused(dagId, paused);
  await db.dag.update({ where: { dagId }, data: { paused } });
  return { dagId, paused };
}
