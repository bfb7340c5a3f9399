import { previewBackfill, toBackfillRange } from "@/lib/api/contracts/backfills";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { requirePort } from "@/lib/platform";
import { MAX_BACKFILL_DATES, previewBackfill as preview } from "@/lib/pipelines/backfills";
import { timesRuns } from "@/lib/pipelines/estimate";
import { estimateDeps, estimateFor } from "@/lib/pipelines/estimate-history";

export const POST = handle(previewBackfill, async ({ input: { params, body } }) => {
  if (!(await prisma.dag.findUnique({ where: { dagId: params.dagId } }))) throw new ApiError("not_found", `No DAG ${params.dagId}.`);
  const dates = await preview(requirePort("orchestrator"), params.dagId, toBackfillRange(body));
  const willRun = dates.filter((d) => d.willRun).length;
  // A backfill's runs take the Params' defaults (an empty conf), one after another by default.
  const perRun = await estimateFor(prisma, params.dagId, {}, estimateDeps());
  return {
    dates: dates.map((d) => ({ ...d, logicalDate: d.logicalDate.toISOString() })),
    willRun,
    limit: MAX_BACKFILL_DATES,
    estimate: timesRuns(perRun, willRun),
  };
});
