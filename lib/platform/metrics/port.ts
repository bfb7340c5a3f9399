import type { Probe } from "../probe";

export interface MetricQuery {
  /** Caller's name for the series, echoed in the result. */
  id: string;
  namespace: string;
  metric: string;
  dimensions: Record<string, string>;
  stat: "Sum" | "Average" | "Maximum" | "Minimum";
  periodSeconds: number;
}

export interface MetricSeries {
  id: string;
  unit: string | null;
  points: { at: Date; value: number }[];
}

/** CloudWatch, or the same series written by local runs. Many queries per call: CloudWatch bills per call. */
export interface Metrics extends Probe {
  query(queries: MetricQuery[], from: Date, to: Date): Promise<MetricSeries[]>;
}
