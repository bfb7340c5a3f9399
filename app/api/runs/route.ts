import { listRuns } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { filtersFrom, listRuns as readRuns, runJson } from "@/lib/pipelines/run-history";

export const GET = handle(listRuns, async ({ input: { query } }) => {
  const { cursor, limit, ...filters } = query;
  const page = await readRuns(prisma, filtersFrom(filters), { cursor, limit });
  return { items: page.items.map(runJson), nextCursor: page.nextCursor };
});
