import { previewBackfill, toBackfillRange } from "@/lib/api/contracts/backfills";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { requirePort } from "@/lib/platform";
import { MAX_BACKFILL_DATES, previewBackfill as preview } from "@/lib/pipelines/backfills";

export const POST = handle(previewBackfill, async ({ input: { params, body } }) => {
  if (!(await prisma.dag.findUnique({ where: { dagId: params.dagId } }))) throw new ApiError("not_found", `No DAG ${params.dagId}.`);
  const dates = await preview(requirePort("orchestrator"), params.dagId, toBackfillRange(body));
  return {
    dates: dates.map((d) => ({ ...d, logicalDate: d.logicalDate.toISOString() })),
    willRun: dates.filter((d) => d.willRun).length,
    limit: MAX_BACKFILL_DATES,
  };
});
