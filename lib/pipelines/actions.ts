import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { Conflict, NotFound, Unconfirmed } from "@/lib/platform/errors";
import type { DagRun, Orchestrator } from "@/lib/platform/orchestrator/port";
import { recordRun } from "./record";

/**
 * The Airflow run id of a trigger, derived from its idempotency claim: every retry of the same
 * request names the same run, so Airflow itself refuses a second one.
 */
export function runIdFor(userId: string, idempotencyKey: string, claimedAt: Date): string {
  const digest = createHash("sha256").update(`${userId}\n${idempotencyKey}`).digest("hex").slice(0, 8);
  return `manual__${claimedAt.toISOString()}_${digest}`;
}

export interface TriggerRequest {
  dagId: string;
  conf: Record<string, unknown>;
  user: { id: string; email: string };
  idempotencyKey: string;
  environment: "local" | "aws";
}

/** What a request holding a key knows of its claim. */
export interface Claim {
  /** When the key was first claimed: the same for every retry of the request. */
  createdAt: Date;
  /** True when an earlier attempt may have acted already: look before acting again. */
  takeover: boolean;
}

// Longer than any orchestrator call may take (120 s), so a live request is never taken over.
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Runs `act` once per (user, key): the key is claimed in Postgres before anything else, so a
 * double click or a retried request gets the first answer back and never acts twice. A definite
 * refusal releases the key, since nothing was started; an unconfirmed one (sent, no answer) keeps
 * it, and so does a request that died while holding it: the next retry, once the claim is
 * unconfirmed or older than the lease, takes it over and `act` looks before acting again.
 */
export async function oncePerKey<T extends Prisma.InputJsonValue>(
  db: PrismaClient,
  user: { id: string },
  idempotencyKey: string,
  route: string,
  act: (claim: Claim) => Promise<T>,
  now = () => new Date(),
): Promise<T> {
  const key = { userId_key: { userId: user.id, key: idempotencyKey } };
  const at = now();
  const claimed = await db.idempotencyKey.createMany({ data: [{ userId: user.id, key: idempotencyKey, route, createdAt: at, claimedAt: at }], skipDuplicates: true });
  let claim: Claim = { createdAt: at, takeover: false };
  if (claimed.count === 0) {
    const prior = await db.idempotencyKey.findUnique({ where: key });
    if (!prior) return oncePerKey(db, user, idempotencyKey, route, act, now); // released meanwhile
    if (prior.route !== route) throw new Conflict("This idempotency key was used for another request.");
    if (prior.response) return prior.response as T;
    const stale = prior.unconfirmedAt !== null || prior.claimedAt.getTime() < at.getTime() - CLAIM_LEASE_MS;
    // Two retries may see the same stale claim: the one whose UPDATE still finds it unchanged wins.
    const taken = stale && (await db.idempotencyKey.updateMany({ where: { userId: user.id, key: idempotencyKey, response: { equals: Prisma.DbNull }, claimedAt: prior.claimedAt }, data: { claimedAt: at, unconfirmedAt: null } })).count === 1;
    if (!taken) throw new Conflict("The same request is still being processed.");
    claim = { createdAt: prior.createdAt, takeover: true };
  }
  try {
    const response = await act(claim);
    await db.idempotencyKey.update({ where: key, data: { response } });
    return response;
  } catch (error) {
    if (error instanceof Unconfirmed) await db.idempotencyKey.update({ where: key, data: { unconfirmedAt: now() } });
    else await db.idempotencyKey.delete({ where: key }).catch(() => undefined);
    throw error;
  }
}

/**
 * Records the run at once (who, conf), then asks Airflow to start it with the run id of the
 * request. A retry that takes over an unconfirmed attempt first asks Airflow for that run.
 */
export async function triggerRun(db: PrismaClient, orchestrator: Orchestrator, req: TriggerRequest): Promise<{ id: string; runId: string }> {
  return oncePerKey(db, req.user, req.idempotencyKey, `POST /api/dags/${req.dagId}/runs`, async (claim) => {
    if (!(await db.dag.findUnique({ where: { dagId: req.dagId } }))) throw new NotFound(`No DAG ${req.dagId}.`);
    const runId = runIdFor(req.user.id, req.idempotencyKey, claim.createdAt);
    // Its logical date (unique per DAG in Airflow, like the run id) is what lets a re-run from
    // failure target exactly this run: Airflow 3 gives manual runs none otherwise. Taken from the
    // claim too, so a retry sends the same one.
    const logicalDate = claim.createdAt;
    const where = { dagId_runId: { dagId: req.dagId, runId } };
    const run = await db.pipelineRun.upsert({
      where,
      create: { dagId: req.dagId, runId, conf: req.conf as Prisma.InputJsonValue, triggeredBy: req.user.email, state: "queued", logicalDate, queuedAt: new Date(), environment: req.environment },
      // A retry takes up a run the sync ended because Airflow did not have it; recordRun moves it on.
      update: claim.takeover ? { state: "queued", endedAt: null, stateReason: null } : {},
    });
    const settled = claim.takeover ? await airflowRun(orchestrator, req.dagId, runId) : null;
    try {
      await recordRun(db, settled ?? (await orchestrator.trigger(req.dagId, runId, req.conf, logicalDate)), req.environment);
    } catch (error) {
      // A retry's trigger is refused when the attempt it took over started the run after all.
      const late = claim.takeover && !(error instanceof Unconfirmed) ? await airflowRun(orchestrator, req.dagId, runId).catch(() => null) : null;
      if (late) await recordRun(db, late, req.environment);
      // Airflow surely did not start it: the history must not show a run that never existed.
      else if (!(error instanceof Unconfirmed)) await db.pipelineRun.delete({ where: { id: run.id } });
      if (!late) throw error;
    }
    return { id: run.id, runId };
  });
}

/** The run as Airflow has it, or null when Airflow has no run of that id. */
async function airflowRun(orchestrator: Orchestrator, dagId: string, runId: string): Promise<DagRun | null> {
  return (await orchestrator.runs(dagId)).find((r) => r.runId === runId) ?? null;
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
