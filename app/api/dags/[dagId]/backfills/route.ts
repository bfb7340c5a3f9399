import { createBackfill, toBackfillRange } from "@/lib/api/contracts/backfills";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { getPlatform, requirePort } from "@/lib/platform";
import { createBackfill as create } from "@/lib/pipelines/backfills";

export const POST = handle(createBackfill, async ({ input: { params, body }, user }) =>
  create(prisma, requirePort("orchestrator"), {
    dagId: params.dagId,
    range: toBackfillRange(body),
    maxActiveRuns: body.maxActiveRuns,
    idempotencyKey: body.idempotencyKey,
    user: user!,
    environment: getPlatform().mode,
  }),
);
