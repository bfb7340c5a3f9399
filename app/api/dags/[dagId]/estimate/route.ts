import { estimateRun } from "@/lib/api/contracts/pipelines";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { estimateDeps, estimateFor } from "@/lib/pipelines/estimate-history";
import { assertConfFits } from "@/lib/pipelines/params";

export const POST = handle(estimateRun, async ({ input: { params, body } }) => {
  if (!(await prisma.dag.findUnique({ where: { dagId: params.dagId }, select: { dagId: true } }))) throw new ApiError("not_found", `No DAG ${params.dagId}.`);
  // The same check as a trigger's, so no estimate is given for a conf that could not be sent.
  assertConfFits(params.dagId, body.conf);
  return { estimate: await estimateFor(prisma, params.dagId, body.conf, estimateDeps()) };
});
