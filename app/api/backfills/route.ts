import { listBackfills } from "@/lib/api/contracts/backfills";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { listBackfillsJson } from "@/lib/pipelines/backfill-history";

export const GET = handle(listBackfills, async ({ input: { query } }) => listBackfillsJson(prisma, query.dagId));
