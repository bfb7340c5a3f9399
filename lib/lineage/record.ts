import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { airflowFacet, facet, outputStatistics, partitionsFacet, qualityAssertions, STATE_RANK, type RunEvent } from "./event";

/** JSON with keys sorted at every level: the same event always hashes the same, however it was spelt. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const eventId = (event: RunEvent) => createHash("sha256").update(canonicalJson(event)).digest("hex");

const big = (n: number | undefined) => (n === undefined ? undefined : BigInt(n));

/**
 * Merges one event into the read model, in one transaction. An event already stored (same content)
 * changes nothing; events of a run may come in any order: the state only moves forward
 * (START < RUNNING < COMPLETE|FAIL|ABORT), the start time comes from START, the end from the final
 * event, and statistics and partitions from the COMPLETE event whenever it arrives.
 */
export async function recordEvent(db: PrismaClient, event: RunEvent, sourceKey: string | null = null): Promise<"stored" | "duplicate"> {
  const id = eventId(event);
  const at = new Date(event.eventTime);
  const runId = event.run.runId;
  return db.$transaction(async (tx) => {
    await tx.lineageRun.createMany({
      data: [{ runId, jobNamespace: event.job.namespace, jobName: event.job.name, state: event.eventType }],
      skipDuplicates: true,
    });
    // Serialises writers of the same run (the sync and the HTTP route may both hold its events).
    const [run] = await tx.$queryRaw<{ state: string }[]>`SELECT "state" FROM "LineageRun" WHERE "runId" = ${runId} FOR UPDATE`;
    const inserted = await tx.lineageEvent.createMany({
      data: [{ id, runId, eventType: event.eventType, eventTime: at, sourceKey, body: event as Prisma.InputJsonValue }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      if (sourceKey) await tx.lineageEvent.updateMany({ where: { id, sourceKey: null }, data: { sourceKey } });
      return "duplicate";
    }
    await updateRun(tx, event, run?.state ?? "OTHER", at);
    await recordDatasets(tx, event, at);
    return "stored";
  }, { timeout: 30_000, maxWait: 30_000 });
}

async function updateRun(tx: Prisma.TransactionClient, event: RunEvent, stored: string, at: Date) {
  const forward = STATE_RANK[event.eventType] > (STATE_RANK[stored as RunEvent["eventType"]] ?? 0);
  const airflow = facet(airflowFacet, event.run.facets, "builditall_airflow");
  const error = (event.run.facets?.errorMessage as { message?: unknown } | undefined)?.message;
  const current = await tx.lineageRun.findUniqueOrThrow({ where: { runId: event.run.runId } });
  await tx.lineageRun.update({
    where: { runId: event.run.runId },
    data: {
      ...(forward ? { state: event.eventType } : {}),
      ...(event.eventType === "START" || (!current.startedAt && event.eventType === "RUNNING") ? { startedAt: at } : {}),
      ...(["COMPLETE", "FAIL", "ABORT"].includes(event.eventType) ? { endedAt: at } : {}),
      ...(airflow && !current.dagId ? { dagId: airflow.dagId, dagRunId: airflow.runId, taskId: airflow.taskId } : {}),
      ...(typeof error === "string" ? { errorMessage: error.slice(0, 4000) } : {}),
    },
  });
}

type Io = { namespace: string; name: string; facets?: Record<string, unknown>; direction: "input" | "output"; extra?: Record<string, unknown> };

/** Datasets, edges and (for COMPLETE) versions in a few statements: a transform writes ~20 datasets. */
async function recordDatasets(tx: Prisma.TransactionClient, event: RunEvent, at: Date) {
  const runId = event.run.runId;
  const io: Io[] = [
    ...(event.inputs ?? []).map((d) => ({ ...d, direction: "input" as const, extra: d.inputFacets })),
    ...(event.outputs ?? []).map((d) => ({ ...d, direction: "output" as const, extra: d.outputFacets })),
  ];
  if (io.length === 0) return;
  await tx.dataset.createMany({ data: io.map((d) => ({ namespace: d.namespace, name: d.name })), skipDuplicates: true });
  const datasets = await tx.dataset.findMany({ where: { OR: io.map((d) => ({ namespace: d.namespace, name: d.name })) } });
  const idOf = new Map(datasets.map((d) => [`${d.namespace}\n${d.name}`, d.id]));
  const existing = new Set((await tx.lineageEdge.findMany({ where: { runId }, select: { datasetId: true, direction: true } })).map((e) => `${e.datasetId}/${e.direction}`));
  const edges = io.map((d) => {
    const stats = facet(outputStatistics, d.extra, "outputStatistics");
    const quality = facet(qualityAssertions, d.extra, "dataQualityAssertions");
    const fields = { rows: big(stats?.rowCount), bytes: big(stats?.size), files: stats?.fileCount, assertions: quality?.assertions };
    return { d, stats, datasetId: idOf.get(`${d.namespace}\n${d.name}`)!, fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  });
  await tx.lineageEdge.createMany({
    data: edges.filter((e) => !existing.has(`${e.datasetId}/${e.d.direction}`)).map((e) => ({ runId, datasetId: e.datasetId, direction: e.d.direction, ...e.fields })),
    skipDuplicates: true,
  });
  // Only what this event knows: a START after its COMPLETE leaves the statistics alone.
  for (const e of edges.filter((e) => existing.has(`${e.datasetId}/${e.d.direction}`) && Object.keys(e.fields).length > 0)) {
    await tx.lineageEdge.update({ where: { runId_datasetId_direction: { runId, datasetId: e.datasetId, direction: e.d.direction } }, data: e.fields });
  }
  for (const e of edges) {
    const schema = (e.d.facets?.schema as { fields?: unknown } | undefined)?.fields;
    if (Array.isArray(schema)) await tx.dataset.update({ where: { id: e.datasetId }, data: { schema: schema as Prisma.InputJsonValue } });
  }
  if (event.eventType !== "COMPLETE") return;
  const versions = edges
    .filter((e) => e.d.direction === "output")
    .flatMap((e) => {
      const partitions = facet(partitionsFacet, e.d.facets, "builditall_partitions")?.partitions;
      const written = partitions?.length ? partitions : [{ name: "", rows: e.stats?.rowCount, bytes: e.stats?.size }];
      return written.map((p) => ({ datasetId: e.datasetId, partition: p.name, runId, rows: big(p.rows), bytes: big(p.bytes), writtenAt: at }));
    });
  await tx.datasetVersion.createMany({ data: versions, skipDuplicates: true });
}
