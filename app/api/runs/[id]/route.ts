import { getRun } from "@/lib/api/contracts/pipelines";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { runDetailJson } from "@/lib/pipelines/run-history";

export const GET = handle(getRun, async ({ input: { params } }) => {
  const detail = await runDetailJson(prisma, params.id);
  if (!detail) throw new ApiError("not_found", "No such run in the history.");
  return detail;
});
