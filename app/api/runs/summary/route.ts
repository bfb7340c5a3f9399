import { runsSummary } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { filtersFrom, runFigures } from "@/lib/pipelines/run-history";

export const GET = handle(runsSummary, async ({ input: { query } }) => ({ items: await runFigures(prisma, filtersFrom(query)) }));
