import { rerunRun } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { requirePort } from "@/lib/platform";
import { rerunFailed } from "@/lib/pipelines/actions";

export const POST = handle(rerunRun, async ({ input: { params, body }, user }) =>
  rerunFailed(prisma, requirePort("orchestrator"), { id: params.id, idempotencyKey: body.idempotencyKey, user: user! }),
);
