import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CLUSTER_ID } from "../clusters/port";
import { aggregate, PLATFORM_NAMESPACE, type MetricQuery, type Metrics } from "./port";

/**
 * The local estate's metrics, from what its runs leave in the lake:
 * - `BuildItAll/Platform`: the datums each pipeline run writes to `logs/metrics/<dag>/<run>.json`
 *   (CloudWatch PutMetricData shape, dags/builditall/figures.py);
 * - `AWS/S3` `BucketSizeBytes`: the lake's size now, measured (with a `Prefix` dimension: one
 *   top-level prefix, which S3's own metric cannot give);
 * - `AWS/ElasticMapReduce` (`JobFlowId`): a running cluster's Spark master, read live.
 * History beyond "now" for the last two is what the cost sync stores in Postgres.
 */
export interface LocalMetricsOptions {
  /** The lake directory, `<PLATFORM_HOME>/lake/<bucket>`. */
  lakeRoot: string;
  bucket: string;
}

export interface Datum {
  MetricName: string;
  Dimensions?: { Name: string; Value: string }[];
  Timestamp: string;
  Value: number;
  Unit?: string;
}

const sameDimensions = (wanted: Record<string, string>, got: { Name: string; Value: string }[] = []) =>
  got.length === Object.keys(wanted).length && got.every((d) => wanted[d.Name] === d.Value);

async function walk(dir: string, onFile: (file: string) => Promise<void>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await walk(full, onFile);
    else if (e.isFile()) await onFile(full);
  }
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  await walk(dir, async (file) => {
    total += (await stat(file)).size;
  });
  return total;
}

/** What the Spark master's JSON endpoint says, as EMR's CloudWatch metrics name it. */
async function masterMetrics(lakeRoot: string, clusterId: string): Promise<Record<string, number> | null> {
  if (!CLUSTER_ID.test(clusterId)) return null;
  let master: string | undefined;
  try {
    master = JSON.parse(await readFile(path.join(lakeRoot, "logs", "emr", clusterId, "processes.json"), "utf8")).master_ui;
  } catch {
    return null;
  }
  if (!master || !/^http:\/\/127\.0\.0\.1:\d+$/.test(master)) return null;
  try {
    const res = await fetch(`${master}/json/`, { signal: AbortSignal.timeout(2000) });
    const m = (await res.json()) as { aliveworkers?: number; cores?: number; coresused?: number; memory?: number; memoryused?: number; activeapps?: unknown[] };
    const apps = m.activeapps?.length ?? 0;
    const memory = m.memory ?? 0;
    const used = m.memoryused ?? 0;
    return {
      IsIdle: apps === 0 ? 1 : 0,
      AppsRunning: apps,
      CoreNodesRunning: m.aliveworkers ?? 0,
      ContainerAllocated: m.coresused ?? 0,
      MemoryAllocatedMB: used,
      MemoryAvailableMB: memory - used,
      YARNMemoryAvailablePercentage: memory ? (100 * (memory - used)) / memory : 0,
    };
  } catch {
    return null; // a stopped master has no metrics
  }
}

/** Every datum the local runs published to `<lake>/logs/metrics/` in the platform's namespace. */
export async function platformDatums(lakeRoot: string): Promise<Datum[]> {
  const all: Datum[] = [];
  await walk(path.join(lakeRoot, "logs", "metrics"), async (file) => {
    if (!file.endsWith(".json")) return;
    const doc = JSON.parse(await readFile(file, "utf8")) as { Namespace?: string; MetricData?: Datum[] };
    if (doc.Namespace === PLATFORM_NAMESPACE) all.push(...(doc.MetricData ?? []));
  });
  return all;
}

export function localMetrics(options: LocalMetricsOptions): Metrics {
  const metricsDir = path.join(options.lakeRoot, "logs", "metrics");

  async function answer(q: MetricQuery, from: Date, to: Date, datums: () => Promise<Datum[]>, now: Date) {
    // A reading taken now counts for the range even when the caller's `to` is a moment earlier.
    const at = (value: number) => [{ at: new Date(Math.min(now.getTime(), to.getTime() - 1)), value }];
    if (q.namespace === PLATFORM_NAMESPACE) {
      const matching = (await datums()).filter((d) => d.MetricName === q.metric && sameDimensions(q.dimensions, d.Dimensions));
      return {
        unit: matching[0]?.Unit ?? null,
        points: aggregate(q, matching.map((d) => ({ at: new Date(d.Timestamp), value: d.Value })), from, to),
      };
    }
    if (q.namespace === "AWS/S3" && q.metric === "BucketSizeBytes" && q.dimensions.BucketName === options.bucket) {
      const prefix = q.dimensions.Prefix;
      if (prefix !== undefined && !/^[a-z0-9_-]+\/$/.test(prefix)) return { unit: "Bytes", points: [] };
      const bytes = await bytesUnder(prefix ? path.join(options.lakeRoot, prefix) : options.lakeRoot);
      return { unit: "Bytes", points: aggregate(q, at(bytes), from, to) };
    }
    if (q.namespace === "AWS/ElasticMapReduce" && q.dimensions.JobFlowId) {
      const live = await masterMetrics(options.lakeRoot, q.dimensions.JobFlowId);
      const value = live?.[q.metric];
      return { unit: null, points: value === undefined ? [] : aggregate(q, at(value), from, to) };
    }
    return { unit: null, points: [] };
  }

  return {
    adapter: "local",

    async probe() {
      let runs = 0;
      await walk(metricsDir, async () => {
        runs += 1;
      });
      return `${runs} run metric file(s) in ${metricsDir}`;
    },

    async query(queries, from, to) {
      if (to <= from) throw new Error("metrics: the end of the range must be after its start");
      const now = new Date();
      let cached: Promise<Datum[]> | undefined;
      const datums = () => (cached ??= platformDatums(options.lakeRoot)); // one read of the lake per call
      return Promise.all(queries.map(async (q) => ({ id: q.id, ...(await answer(q, from, to, datums, now)) })));
    },
  };
}
