import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { checkKey, checkPrefix } from "@/lib/platform/lake/validate";

/** How the portal names the datasets of a bucket (the jobs' namespace, etl/lineage.py). */
export const namespaceOf = (bucket: string) => `s3://${bucket}`;
const num = (n: bigint | null) => (n === null ? null : Number(n));
type Assertion = { assertion: string; success: boolean; severity?: string };

/** "passed" | "failed" (a critical check failed) | "warnings" | null (not checked) from a quality run's assertions. */
export function qualityVerdict(assertions: unknown): "passed" | "failed" | "warnings" | null {
  if (!Array.isArray(assertions) || assertions.length === 0) return null;
  const failed = (assertions as Assertion[]).filter((a) => !a.success);
  if (failed.some((a) => a.severity !== "warning")) return "failed";
  return failed.length ? "warnings" : "passed";
}

/**
 * The dataset and partition an object key belongs to, by the lake's layout: the path before the
 * first `key=value` folder is the dataset, the `key=value` folders the partition
 * (curated/orders/order_date=2025-12-07/part-0.parquet → curated/orders, order_date=2025-12-07).
 * An object of an unpartitioned dataset sits in its folder (curated/stores/part-0.parquet).
 */
export function locate(key: string): { dataset: string; partition: string | null } {
  // A folder (the lake browser's prefix, ending with "/") locates like an object inside it.
  const folders = (key.endsWith("/") ? checkPrefix(key) : checkKey(key)).split("/");
  const file = folders.pop() || null;
  const first = folders.findIndex((f) => f.includes("="));
  if (first < 0) return { dataset: folders.join("/") || (file ?? ""), partition: null };
  const partition = folders.slice(first).filter((f) => f.includes("="));
  return { dataset: folders.slice(0, first).join("/"), partition: partition.join("/") };
}

/** The run's quality verdict for a dataset: the quality job of the same Airflow run that checked it. */
async function verdicts(db: PrismaClient, datasetId: string, dagRuns: { dagId: string; dagRunId: string }[]) {
  if (dagRuns.length === 0) return new Map<string, ReturnType<typeof qualityVerdict>>();
  const checks = await db.lineageEdge.findMany({
    where: { datasetId, direction: "input", assertions: { not: Prisma.DbNull }, run: { OR: dagRuns.map((r) => ({ dagId: r.dagId, dagRunId: r.dagRunId })) } },
    select: { assertions: true, run: { select: { dagId: true, dagRunId: true } } },
  });
  return new Map(checks.map((c) => [`${c.run.dagId}\n${c.run.dagRunId}`, qualityVerdict(c.assertions)]));
}

/** Which runs wrote the object's partition (or its unpartitioned dataset), newest first. */
export async function producersOf(db: PrismaClient, bucket: string, key: string) {
  const { dataset, partition } = locate(key);
  const found = await db.dataset.findUnique({ where: { namespace_name: { namespace: namespaceOf(bucket), name: dataset } } });
  if (!found) return { dataset, partition, producers: [] };
  const versions = await db.datasetVersion.findMany({
    where: { datasetId: found.id, ...(partition !== null ? { partition } : { partition: "" }) },
    orderBy: { writtenAt: "desc" },
    take: 20,
    include: { run: true },
  });
  const dagRuns = versions.flatMap((v) => (v.run.dagId && v.run.dagRunId ? [{ dagId: v.run.dagId, dagRunId: v.run.dagRunId }] : []));
  const [quality, portalRuns] = await Promise.all([
    verdicts(db, found.id, dagRuns),
    db.pipelineRun.findMany({ where: { OR: dagRuns.length ? dagRuns.map((r) => ({ dagId: r.dagId, runId: r.dagRunId })) : [{ id: "" }] } }),
  ]);
  const portal = new Map(portalRuns.map((r) => [`${r.dagId}\n${r.runId}`, r]));
  return {
    dataset,
    partition,
    producers: versions.map((v) => {
      const dagKey = `${v.run.dagId}\n${v.run.dagRunId}`;
      const run = portal.get(dagKey);
      return {
        dagId: v.run.dagId,
        runId: v.run.dagRunId,
        job: v.run.jobName,
        lineageRunId: v.runId,
        endedAt: (v.run.endedAt ?? v.writtenAt).toISOString(),
        rows: num(v.rows),
        bytes: num(v.bytes),
        qualityStatus: quality.get(dagKey) ?? null,
        portalRunId: run?.id ?? null,
        triggeredBy: run?.triggeredBy ?? null,
      };
    }),
  };
}

/** What each job of an Airflow run read and wrote (the run page). */
export async function runLineage(db: PrismaClient, dagId: string, dagRunId: string) {
  const runs = await db.lineageRun.findMany({
    where: { dagId, dagRunId },
    orderBy: [{ startedAt: "asc" }, { runId: "asc" }],
    include: { edges: { include: { dataset: true }, orderBy: { dataset: { name: "asc" } } }, versions: { select: { datasetId: true, partition: true } } },
  });
  return runs.map((r) => ({
    runId: r.runId,
    job: r.jobName,
    state: r.state,
    startedAt: r.startedAt?.toISOString() ?? null,
    endedAt: r.endedAt?.toISOString() ?? null,
    errorMessage: r.errorMessage,
    datasets: r.edges.map((e) => ({
      namespace: e.dataset.namespace,
      name: e.dataset.name,
      direction: e.direction as "input" | "output",
      rows: num(e.rows),
      bytes: num(e.bytes),
      partitions: r.versions.filter((v) => v.datasetId === e.datasetId && v.partition).map((v) => v.partition),
      quality: qualityVerdict(e.assertions),
    })),
  }));
}

/** Every dataset with its latest write (the datasets list). */
export async function listDatasets(db: PrismaClient) {
  const datasets = await db.dataset.findMany({ orderBy: [{ namespace: "asc" }, { name: "asc" }], take: 1000 });
  const latest = await Promise.all(datasets.map((d) => db.datasetVersion.findFirst({ where: { datasetId: d.id }, orderBy: { writtenAt: "desc" }, select: { writtenAt: true } })));
  return datasets.map((d, i) => ({ namespace: d.namespace, name: d.name, lastWrittenAt: latest[i]?.writtenAt.toISOString() ?? null }));
}

const HISTORY_RUNS = 400;

/** One dataset: schema, history of writes per run, quality trend, its neighbours in the graph. */
export async function datasetDetail(db: PrismaClient, namespace: string, name: string) {
  const dataset = await db.dataset.findUnique({ where: { namespace_name: { namespace, name } } });
  if (!dataset) return null;
  const writes = await db.lineageEdge.findMany({
    where: { datasetId: dataset.id, direction: "output", run: { state: "COMPLETE" } },
    include: { run: { include: { versions: { where: { datasetId: dataset.id }, select: { partition: true } } } } },
    orderBy: { run: { endedAt: "desc" } },
    take: HISTORY_RUNS,
  });
  const checks = await db.lineageEdge.findMany({
    where: { datasetId: dataset.id, direction: "input", assertions: { not: Prisma.DbNull } },
    include: { run: true },
    orderBy: { run: { endedAt: "desc" } },
    take: HISTORY_RUNS,
  });
  const producerRuns = await db.lineageEdge.findMany({ where: { datasetId: dataset.id, direction: "output" }, select: { runId: true }, distinct: ["runId"], take: HISTORY_RUNS });
  const consumerRuns = await db.lineageEdge.findMany({ where: { datasetId: dataset.id, direction: "input" }, select: { runId: true }, distinct: ["runId"], take: HISTORY_RUNS });
  const neighbours = async (runIds: string[], direction: string) =>
    (
      await db.lineageEdge.findMany({
        where: { runId: { in: runIds }, direction, datasetId: { not: dataset.id } },
        select: { dataset: { select: { namespace: true, name: true } }, run: { select: { jobName: true } } },
        distinct: ["datasetId"],
      })
    ).map((e) => ({ namespace: e.dataset.namespace, name: e.dataset.name, job: e.run.jobName }));
  const [upstream, downstream] = await Promise.all([neighbours(producerRuns.map((r) => r.runId), "input"), neighbours(consumerRuns.map((r) => r.runId), "output")]);
  return {
    namespace: dataset.namespace,
    name: dataset.name,
    schema: Array.isArray(dataset.schema) ? (dataset.schema as { name: string; type?: string }[]).map((f) => ({ name: String(f.name), type: f.type ? String(f.type) : null })) : null,
    writes: writes.map((w) => ({
      lineageRunId: w.runId,
      job: w.run.jobName,
      dagId: w.run.dagId,
      runId: w.run.dagRunId,
      endedAt: w.run.endedAt?.toISOString() ?? null,
      rows: num(w.rows),
      bytes: num(w.bytes),
      partitions: w.run.versions.map((v) => v.partition).filter(Boolean),
    })),
    quality: checks.map((c) => {
      const list = Array.isArray(c.assertions) ? (c.assertions as Assertion[]) : [];
      return { lineageRunId: c.runId, dagId: c.run.dagId, runId: c.run.dagRunId, endedAt: c.run.endedAt?.toISOString() ?? null, checks: list.length, failed: list.filter((a) => !a.success).length, verdict: qualityVerdict(list) };
    }),
    upstream,
    downstream,
  };
}
