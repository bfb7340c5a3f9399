import type { Probe } from "../probe";

export const STATS = ["Sum", "Average", "Maximum", "Minimum", "SampleCount"] as const;

export interface MetricQuery {
  /** Caller's name for the series, echoed in the result. */
  id: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: (typeof STATS)[number];
  periodSeconds: number;
}

export interface MetricSeries {
  id: string;
  unit: string | null;
  /** One point per period that has data, oldest first, at the period's start. */
  points: { at: Date; value: number }[];
}

/** CloudWatch's limit per GetMetricData call; the port takes more and batches. */
export const QUERIES_PER_CALL = 500;

/** The pipeline's own namespace (dags/builditall/figures.py), dimension DagId. */
export const PLATFORM_NAMESPACE = "BuildItAll/Platform";

/** CloudWatch, or the same series written by local runs. Many queries per call: CloudWatch bills per call. */
export interface Metrics extends Probe {
  query(queries: MetricQuery[], from: Date, to: Date): Promise<MetricSeries[]>;
}

/** Folds raw datums into periods with the query's statistic, as CloudWatch does. */
export function aggregate(query: MetricQuery, datums: { at: Date; value: number }[], from: Date, to: Date): MetricSeries["points"] {
  const period = query.periodSeconds * 1000;
  const buckets = new Map<number, number[]>();
  for (const d of datums) {
    const t = d.at.getTime();
    if (t < from.getTime() || t >= to.getTime()) continue;
    const start = Math.floor(t / period) * period;
    buckets.set(start, [...(buckets.get(start) ?? []), d.value]);
  }
  const stat = (values: number[]): number => {
    switch (query.stat) {
      case "Sum":
        return values.reduce((a, b) => a + b, 0);
      case "Average":
        return values.reduce((a, b) => a + b, 0) / values.length;
      case "Maximum":
        return Math.max(...values);
      case "Minimum":
        return Math.min(...values);
      case "SampleCount":
        return values.length;
    }
  };
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([start, values]) => ({ at: new Date(start), value: stat(values) }));
}
