import { triggerRun } from "@/lib/api/contracts/pipelines";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { confErrors, dagParams } from "@/lib/pipelines/params";
import { getPlatform, requirePort } from "@/lib/platform";
import { triggerRun as trigger } from "@/lib/pipelines/actions";

export const POST = handle(triggerRun, async ({ input: { params, body }, user }) => {
  // Refused before anything is recorded or sent; Airflow checks the Params again on trigger.
  const problems = confErrors(dagParams(params.dagId), body.conf);
  if (problems.length > 0) {
    throw new ApiError("bad_request", `The conf does not fit the DAG's Params: ${problems.join("; ")}.`);
  }
  return trigger(prisma, requirePort("orchestrator"), {
    dagId: params.dagId,
    conf: body.conf,
    idempotencyKey: body.idempotencyKey,
    user: user!,
    environment: getPlatform().mode,
  });
});
