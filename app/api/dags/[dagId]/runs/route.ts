import { triggerRun } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { assertConfFits } from "@/lib/pipelines/params";
import { getPlatform, requirePort } from "@/lib/platform";
import { triggerRun as trigger } from "@/lib/pipelines/actions";
import { estimateDeps, estimateFor, storeEstimate } from "@/lib/pipelines/estimate-history";

export const POST = handle(triggerRun, async ({ input: { params, body }, user }) => {
  // Refused before anything is recorded or sent; Airflow checks the Params again on trigger.
  assertConfFits(params.dagId, body.conf);
  // The estimate the form showed, kept so the run's page can set it against the actual figures.
  const estimate = await estimateFor(prisma, params.dagId, body.conf, estimateDeps());
  const run = await trigger(prisma, requirePort("orchestrator"), {
    dagId: params.dagId,
    conf: body.conf,
    idempotencyKey: body.idempotencyKey,
    user: user!,
    environment: getPlatform().mode,
  });
  await storeEstimate(prisma, run.id, estimate);
  return run;
});
