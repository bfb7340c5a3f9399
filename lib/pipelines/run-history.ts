import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { estimateVsActual } from "./estimate-history";
import { failureNotice } from "@/lib/platform/errors";
import { errorSummary } from "./import-errors";
import { runLineage } from "@/lib/lineage/read";

/**
 * Reads of the run history the Airflow sync keeps (pages and the JSON API read here, never
 * Airflow). Runs are paged newest first with a (createdAt, id) cursor over their index.
 */
export interface RunFilters {
  dagId?: string;
  state?: string;
  triggeredBy?: string;
  from?: Date;
  to?: Date;
  runId?: string;
  /** Text the run's conf contains (as JSON text). */
  conf?: string;
}

export interface RunRow {
  id: string;
  dagId: string;
  runId: string;
  state: string;
  triggeredBy: string;
  conf: unknown;
  logicalDate: Date | null;
  queuedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(at ?? "");
  return id && /^[a-z0-9]{1,64}$/.test(id) && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

function where(f: RunFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.dagId) parts.push(Prisma.sql`"dagId" = ${f.dagId}`);
  if (f.state) parts.push(Prisma.sql`state = ${f.state}`);
  if (f.triggeredBy) parts.push(Prisma.sql`"triggeredBy" = ${f.triggeredBy}`);
  if (f.from) parts.push(Prisma.sql`"createdAt" >= ${f.from}`);
  if (f.to) parts.push(Prisma.sql`"createdAt" < ${f.to}`);
  if (f.runId) parts.push(Prisma.sql`"runId" LIKE ${`%${escapeLike(f.runId)}%`}`);
  if (f.conf) parts.push(Prisma.sql`conf::text ILIKE ${`%${escapeLike(f.conf)}%`}`);
  return Prisma.join(parts, " AND ");
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listRuns(db: PrismaClient, filters: RunFilters, page: { cursor?: string; limit: number }) {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const cursorSql = after ? Prisma.sql`AND ("createdAt", id) < (${after.createdAt}, ${after.id})` : Prisma.empty;
  const rows = await db.$queryRaw<RunRow[]>`
    SELECT id, "dagId", "runId", state, "triggeredBy", conf, "logicalDate", "queuedAt", "startedAt", "endedAt", "createdAt"
    FROM "PipelineRun" WHERE ${where(filters)} ${cursorSql}
    ORDER BY "createdAt" DESC, id DESC LIMIT ${page.limit + 1}`;
  const items = rows.slice(0, page.limit);
  return { items, nextCursor: rows.length > page.limit ? encodeCursor(items.at(-1)!) : null };
}

export interface DagFigures {
  dagId: string;
  runs: number;
  succeeded: number;
  failed: number;
  medianDurationMs: number | null;
}

/** Success rate and median duration of finished runs, per DAG, over the same filters as the list. */
export async function runFigures(db: PrismaClient, filters: RunFilters): Promise<DagFigures[]> {
  const rows = await db.$queryRaw<{ dagId: string; runs: bigint; succeeded: bigint; failed: bigint; median: number | null }[]>`
    SELECT "dagId", count(*) AS runs,
      count(*) FILTER (WHERE state = 'success') AS succeeded,
      count(*) FILTER (WHERE state = 'failed') AS failed,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "endedAt" - "startedAt") * 1000)
        FILTER (WHERE state IN ('success', 'failed') AND "startedAt" IS NOT NULL AND "endedAt" IS NOT NULL) AS median
    FROM "PipelineRun" WHERE ${where(filters)} GROUP BY "dagId" ORDER BY "dagId"`;
  return rows.map((r) => ({
    dagId: r.dagId,
    runs: Number(r.runs),
    succeeded: Number(r.succeeded),
    failed: Number(r.failed),
    medianDurationMs: r.median === null ? null : Math.round(Number(r.median)),
  }));
}

/** The DAGs with their last runs (for the coloured squares) and the quality of their last run. */
export async function dagsWithRecentRuns(db: PrismaClient, perDag = 10) {
  const dags = await db.dag.findMany({ orderBy: { dagId: "asc" } });
  // One index range per DAG (PipelineRun_dagId_createdAt_id_idx), not a window over the whole history.
  const runs = await db.$queryRaw<(RunRow & { rank: bigint })[]>`
    SELECT r.* FROM "Dag" d CROSS JOIN LATERAL (
      SELECT id, "dagId", "runId", state, "triggeredBy", conf, "logicalDate", "queuedAt", "startedAt", "endedAt", "createdAt",
        row_number() OVER (ORDER BY "createdAt" DESC, id DESC) AS rank
      FROM "PipelineRun" p WHERE p."dagId" = d."dagId" ORDER BY "createdAt" DESC, id DESC LIMIT ${perDag}) r
    ORDER BY r."dagId", r.rank`;
  const lastRunIds = runs.filter((r) => Number(r.rank) === 1).map((r) => r.runId);
  const quality = await db.qualityReport.groupBy({ by: ["runId", "status"], where: { runId: { in: lastRunIds } }, _count: true });
  return dags.map((dag) => {
    const recent = runs.filter((r) => r.dagId === dag.dagId);
    const last = recent[0];
    const checks = quality.filter((q) => q.runId === last?.runId);
    const failed = checks.filter((q) => q.status === "fail").reduce((n, q) => n + q._count, 0);
    const total = checks.reduce((n, q) => n + q._count, 0);
    return { dag, recent, quality: total ? { checks: total, failed } : null };
  });
}

export async function dagDetail(db: PrismaClient, dagId: string, runs = 25) {
  const dag = await db.dag.findUnique({ where: { dagId } });
  if (!dag) return null;
  const recent = await db.pipelineRun.findMany({
    where: { dagId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: runs,
    include: { tasks: { orderBy: [{ taskId: "asc" }, { tryNumber: "asc" }] } },
  });
  return { dag, runs: recent };
}

export async function runDetail(db: PrismaClient, id: string) {
  const run = await db.pipelineRun.findUnique({
    where: { id },
    include: {
      tasks: { orderBy: [{ startedAt: { sort: "asc", nulls: "last" } }, { taskId: "asc" }, { tryNumber: "asc" }] },
      clusters: { orderBy: { capturedAt: "desc" }, take: 1 },
    },
  });
  if (!run) return null;
  const [dag, quality] = await Promise.all([
    db.dag.findUnique({ where: { dagId: run.dagId } }),
    db.qualityReport.findMany({ where: { runId: run.runId }, orderBy: [{ dataset: "asc" }, { check: "asc" }] }),
  ]);
  return { run, dag, quality };
}

export async function pipelinesSyncState(db: PrismaClient) {
  return db.syncState.findUnique({ where: { source: "airflow" } });
}

// The JSON API's shapes (lib/api/contracts/pipelines.ts), shared by the route handlers and the
// server-rendered first view of the pages, so both hand the same data to the client components.
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type SyncRow = Awaited<ReturnType<typeof pipelinesSyncState>>;
export const syncJson = (s: SyncRow) => ({
  lastSuccessAt: iso(s?.lastSuccessAt ?? null),
  unreachableSince: iso(s?.unreachableSince ?? null),
  // The source's own text stays in the server log.
  lastError: s?.lastError ? failureNotice("The last poll of Airflow", s.lastErrorAt) : null,
});

type DagRow = NonNullable<Awaited<ReturnType<typeof dagDetail>>>["dag"];
export const dagJson = (d: DagRow) => ({
  dagId: d.dagId,
  description: d.description,
  schedule: d.schedule,
  tags: d.tags,
  paused: d.paused,
  nextRunAt: iso(d.nextRunAt),
  tasks: d.tasks as { taskId: string; downstream: string[] }[],
  edgesKnown: d.edgesKnown,
  syncedAt: d.syncedAt.toISOString(),
  relativeFileloc: d.relativeFileloc,
});

type ImportErrorRow = Awaited<ReturnType<PrismaClient["dagImportError"]["findMany"]>>[number];
/** A broken DAG file: its error's last line for everyone, the whole traceback for engineers and above. */
export const importErrorJson = (e: ImportErrorRow, withTraceback: boolean) => ({
  filepath: e.filepath,
  bundleName: e.bundleName,
  summary: errorSummary(e.error),
  traceback: withTraceback ? e.error : null,
  since: e.since.toISOString(),
});

export const runJson = (r: RunRow) => ({
  id: r.id,
  dagId: r.dagId,
  runId: r.runId,
  state: r.state,
  triggeredBy: r.triggeredBy,
  conf: r.conf,
  logicalDate: iso(r.logicalDate),
  queuedAt: iso(r.queuedAt),
  startedAt: iso(r.startedAt),
  endedAt: iso(r.endedAt),
  createdAt: r.createdAt.toISOString(),
});

type TaskRow = NonNullable<Awaited<ReturnType<typeof runDetail>>>["run"]["tasks"][number];
export const taskJson = (t: TaskRow) => ({
  taskId: t.taskId,
  mapIndex: t.mapIndex,
  tryNumber: t.tryNumber,
  state: t.state,
  queuedAt: iso(t.queuedAt),
  startedAt: iso(t.startedAt),
  endedAt: iso(t.endedAt),
  durationMs: t.durationMs,
});

export async function dagListJson(db: PrismaClient, viewer: { withTraceback: boolean }) {
  const [rows, sync, importErrors] = await Promise.all([dagsWithRecentRuns(db), pipelinesSyncState(db), db.dagImportError.findMany({ orderBy: { filepath: "asc" } })]);
  const broken = new Set(importErrors.map((e) => e.filepath));
  return {
    items: rows.map((r) => ({ ...dagJson(r.dag), broken: r.dag.fileloc !== null && broken.has(r.dag.fileloc), recentRuns: r.recent.map(runJson), quality: r.quality })),
    importErrors: importErrors.map((e) => importErrorJson(e, viewer.withTraceback)),
    sync: syncJson(sync),
  };
}

export async function dagDetailJson(db: PrismaClient, dagId: string, viewer: { withTraceback: boolean }) {
  const [detail, sync] = await Promise.all([dagDetail(db, dagId), pipelinesSyncState(db)]);
  if (!detail) return null;
  const importError = detail.dag.fileloc ? await db.dagImportError.findUnique({ where: { filepath: detail.dag.fileloc } }) : null;
  return {
    dag: dagJson(detail.dag),
    importError: importError ? importErrorJson(importError, viewer.withTraceback) : null,
    runs: detail.runs.map((r) => ({ ...runJson(r), tasks: r.tasks.map(taskJson) })),
    sync: syncJson(sync),
  };
}

export async function runDetailJson(db: PrismaClient, id: string) {
  const [detail, sync] = await Promise.all([runDetail(db, id), pipelinesSyncState(db)]);
  if (!detail) return null;
  const cluster = detail.run.clusters[0];
  const [estimate, lineage] = await Promise.all([estimateVsActual(db, detail.run), runLineage(db, detail.run.dagId, detail.run.runId)]);
  return {
    run: { ...runJson(detail.run), stateReason: detail.run.stateReason, tasks: detail.run.tasks.map(taskJson) },
    dag: detail.dag ? dagJson(detail.dag) : null,
    cluster: cluster ? { clusterId: cluster.clusterId, name: cluster.name, state: cluster.state, capturedAt: cluster.capturedAt.toISOString() } : null,
    quality: detail.quality.map((q) => ({ dataset: q.dataset, check: q.check, severity: q.severity, status: q.status, observed: q.observed, expected: q.expected })),
    lineage,
    sync: syncJson(sync),
    estimate,
  };
}

export function filtersFrom(q: { dagId?: string; state?: string; triggeredBy?: string; from?: string; to?: string; runId?: string; conf?: string }): RunFilters {
  return { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
}
