import { triggerRun } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { getPlatform, requirePort } from "@/lib/platform";
import { triggerRun as trigger } from "@/lib/sync/airflow/actions";

export const POST = handle(triggerRun, async ({ input: { params, body }, user }) =>
  trigger(prisma, requirePort("orchestrator"), {
    dagId: params.dagId,
    conf: body.conf,
    idempotencyKey: body.idempotencyKey,
    user: user!,
    environment: getPlatform().mode,
  }),
);
