import { startOfDay } from "@/lib/costs/range";
import { metricName, upsertSamples, type Sample } from "@/lib/costs/samples";
import { BILLING_SERVICES, LAKE_PREFIXES } from "@/lib/costs/services";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { PLATFORM_NAMESPACE, type MetricQuery, type Metrics } from "@/lib/platform/metrics/port";
import type { SyncSource } from "./runner";

/** The cost-sample sync: every series the dashboards use, in one batched Metrics call per poll. */
export const COSTS_SOURCE = "costs";

const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

/**
 * The pipeline's figures per DAG (dags/builditall/figures.py) the dashboards read. Its
 * `InstanceSeconds` (per market and instance type) are for CloudWatch: the portal prices a run from
 * its cluster's instance groups and timeline (the same usage, read through the Clusters port).
 */
export const PLATFORM_METRICS = [
  { metric: "RecordsProcessed", unit: "Count", measured: true },
  { metric: "ClusterDurationSeconds", unit: "Seconds", measured: true },
  { metric: "DagRunSucceeded", unit: "Count", measured: true },
  { metric: "DagRunFailed", unit: "Count", measured: true },
] as const;

/** How far back the first fill reads (the dashboards' longest range). */
export const BACKFILL_DAYS = 90;

/** Whole days to (re-)read: everything since the last success, or the backfill when there was none. */
export function daysToRead(lastSuccessAt: Date | null, now: Date): number {
  return lastSuccessAt ? Math.min(BACKFILL_DAYS, Math.ceil((now.getTime() - lastSuccessAt.getTime()) / DAY_MS) + 1) : BACKFILL_DAYS;
}

interface Series {
  query: MetricQuery;
  sample: Pick<Sample, "unit" | "measured">;
}

/** Every series, daily: what one dashboard needs and no more. */
export function costSeries(options: { bucket: string; dagIds: string[] }): Series[] {
  const daily = (id: string, namespace: string, metric: string, dimensions: Record<string, string>, stat: MetricQuery["stat"]) => ({
    id,
    namespace,
    metric,
    dimensions,
    stat,
    periodSeconds: DAY_SECONDS,
  });
  const series: Series[] = [];
  for (const dagId of options.dagIds) {
    for (const m of PLATFORM_METRICS) {
      series.push({ query: daily(`${m.metric}/${dagId}`, PLATFORM_NAMESPACE, m.metric, { DagId: dagId }, "Sum"), sample: m });
    }
  }
  for (const service of Object.keys(BILLING_SERVICES)) {
    // Month-to-date and cumulative: the day's maximum is the figure at the day's end.
    series.push({
      query: daily(`EstimatedCharges/${service}`, "AWS/Billing", "EstimatedCharges", { ServiceName: service, Currency: "USD" }, "Maximum"),
      sample: { unit: "USD", measured: true },
    });
  }
  const bucket = { BucketName: options.bucket, StorageType: "StandardStorage" };
  series.push({ query: daily("BucketSizeBytes", "AWS/S3", "BucketSizeBytes", bucket, "Average"), sample: { unit: "Bytes", measured: true } });
  for (const prefix of LAKE_PREFIXES) {
    series.push({
      query: daily(`BucketSizeBytes/${prefix}`, "AWS/S3", "BucketSizeBytes", { ...bucket, Prefix: prefix }, "Average"),
      sample: { unit: "Bytes", measured: true },
    });
  }
  return series;
}

export interface CostSyncResult {
  queries: number;
  samples: number;
  from: Date;
  to: Date;
}

/**
 * Reads `days` whole days up to `now` through the Metrics port (CloudWatch or the local runs' figures)
 * and caches them as cost samples. Today's partial day is refreshed on every poll.
 */
export async function syncCosts(deps: {
  prisma: PrismaClient;
  metrics: Metrics;
  bucket: string;
  now?: Date;
  days?: number;
}): Promise<CostSyncResult> {
  const now = deps.now ?? new Date();
  const days = deps.days ?? 2;
  if (!Number.isInteger(days) || days < 1 || days > 455) throw new Error(`cost sync: ${days} days is not between 1 and 455 (CloudWatch keeps daily points 455 days)`);
  const from = new Date(startOfDay(now).getTime() - (days - 1) * DAY_MS);
  const runs = await deps.prisma.pipelineRun.findMany({ distinct: ["dagId"], select: { dagId: true } });
  const dagIds = [...new Set(["big_data_pipeline", ...runs.map((r) => r.dagId)])].sort();
  const series = costSeries({ bucket: deps.bucket, dagIds });
  const results = await deps.metrics.query(
    series.map((s) => s.query),
    from,
    now,
  );
  const source = deps.metrics.adapter === "aws" ? "cloudwatch" : "local";
  const samples: Sample[] = results.flatMap((r, i) => {
    const { query, sample } = series[i]!;
    return r.points.map((p) => ({
      metric: metricName(query.namespace, query.metric),
      dimensions: query.dimensions,
      ts: startOfDay(p.at),
      value: p.value,
      unit: sample.unit,
      source,
      measured: sample.measured,
    }));
  });
  await upsertSamples(deps.prisma, samples);
  return { queries: series.length, samples: samples.length, from, to: now };
}

/** The background sync: one batched Metrics call every `intervalMs`. */
export function costsSync(deps: { prisma: PrismaClient; metrics: Metrics; bucket: string; intervalMs: number }): SyncSource {
  return {
    name: COSTS_SOURCE,
    intervalMs: deps.intervalMs,
    async poll() {
      const state = await deps.prisma.syncState.findUnique({ where: { source: COSTS_SOURCE } });
      const now = new Date();
      const r = await syncCosts({ ...deps, now, days: daysToRead(state?.lastSuccessAt ?? null, now) });
      return `${r.samples} cost sample(s) from ${r.queries} series since ${r.from.toISOString().slice(0, 10)}`;
    },
  };
}
