import type { PrismaClient } from "@/lib/generated/prisma/client";

// Backfills as the pages and the API read them, from Postgres only.
type Group = Awaited<ReturnType<PrismaClient["backfill"]["findFirstOrThrow"]>>;
type GroupRun = { id: string; runId: string; state: string; logicalDate: Date | null; startedAt: Date | null; endedAt: Date | null };

/** Each of the group's dates with the run that carries it (null until the sync has seen one). */
function datesOf(group: Group, runs: GroupRun[]) {
  const byDate = new Map(runs.map((r) => [r.logicalDate?.getTime(), r]));
  return group.logicalDates.map((d) => ({ logicalDate: d, run: byDate.get(d.getTime()) ?? null }));
}

function summaryJson(group: Group, runs: GroupRun[]) {
  const counts: Record<string, number> = {};
  for (const { run } of datesOf(group, runs)) counts[run?.state ?? "pending"] = (counts[run?.state ?? "pending"] ?? 0) + 1;
  return {
    id: group.id,
    dagId: group.dagId,
    from: group.fromDate.toISOString(),
    to: group.toDate.toISOString(),
    reprocess: group.reprocess,
    maxActiveRuns: group.maxActiveRuns,
    requestedBy: group.requestedBy,
    createdAt: group.createdAt.toISOString(),
    completedAt: group.completedAt?.toISOString() ?? null,
    total: group.logicalDates.length,
    counts,
  };
}

const RUN_FIELDS = { id: true, runId: true, state: true, logicalDate: true, startedAt: true, endedAt: true } as const;

export async function listBackfillsJson(db: PrismaClient, dagId?: string, take = 50) {
  const groups = await db.backfill.findMany({ where: dagId ? { dagId } : {}, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, include: { runs: { select: RUN_FIELDS } } });
  return { items: groups.map((g) => summaryJson(g, g.runs)) };
}

export async function backfillDetailJson(db: PrismaClient, id: string) {
  const group = await db.backfill.findUnique({ where: { id }, include: { runs: { select: RUN_FIELDS } } });
  if (!group) return null;
  return {
    backfill: summaryJson(group, group.runs),
    dates: datesOf(group, group.runs).map(({ logicalDate, run }) => ({
      logicalDate: logicalDate.toISOString(),
      run: run && { id: run.id, runId: run.runId, state: run.state, startedAt: run.startedAt?.toISOString() ?? null, endedAt: run.endedAt?.toISOString() ?? null },
    })),
  };
}
