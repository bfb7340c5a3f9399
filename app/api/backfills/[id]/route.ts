import { getBackfill } from "@/lib/api/contracts/backfills";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { backfillDetailJson } from "@/lib/pipelines/backfill-history";

export const GET = handle(getBackfill, async ({ input: { params } }) => {
  const detail = await backfillDetailJson(prisma, params.id);
  if (!detail) throw new ApiError("not_found", `No backfill ${params.id}.`);
  return detail;
});
