import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import { QUERIES_PER_CALL, type MetricQuery, type MetricSeries, type Metrics } from "./port";

export interface CloudWatchMetricsOptions {
  region: string;
  /** A protocol peer (moto server) instead of AWS. */
  endpoint?: string;
  /** Called once per CloudWatch request, for the bench's count of calls per view. */
  onCall?: (operation: string) => void;
}

/** AWS/Billing's EstimatedCharges exists only in us-east-1, whatever the estate's region. */
const BILLING_REGION = "us-east-1";
const regionOf = (q: MetricQuery, home: string) => (q.namespace === "AWS/Billing" ? BILLING_REGION : home);

/** CloudWatch GetMetricData, up to 500 queries per call, pages followed. */
export function cloudWatchMetrics(options: CloudWatchMetricsOptions): Metrics {
  const clients = new Map<string, CloudWatchClient>();
  const client = (region: string) => {
    let c = clients.get(region);
    if (!c) {
      c = new CloudWatchClient({ region, endpoint: options.endpoint });
      clients.set(region, c);
    }
    return c;
  };

  async function batch(region: string, queries: MetricQuery[], from: Date, to: Date): Promise<MetricSeries[]> {
    // CloudWatch ids must start with a lower-case letter: the caller's ids are mapped, not trusted.
    const request: MetricDataQuery[] = queries.map((q, i) => ({
      Id: `q${i}`,
      MetricStat: {
        Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })) },
        Period: q.periodSeconds,
        Stat: q.stat,
      },
    }));
    const points = new Map<string, { at: Date; value: number }[]>();
    let NextToken: string | undefined;
    do {
      options.onCall?.("GetMetricData");
      const out = await client(region).send(
        new GetMetricDataCommand({ MetricDataQueries: request, StartTime: from, EndTime: to, ScanBy: "TimestampAscending", NextToken }),
      );
      for (const r of out.MetricDataResults ?? []) {
        const list = points.get(r.Id!) ?? [];
        (r.Timestamps ?? []).forEach((at, i) => list.push({ at: new Date(at), value: r.Values?.[i] ?? 0 }));
        points.set(r.Id!, list);
      }
      NextToken = out.NextToken;
    } while (NextToken);
    return queries.map((q, i) => ({
      id: q.id,
      unit: null,
      points: (points.get(`q${i}`) ?? []).sort((a, b) => a.at.getTime() - b.at.getTime()),
    }));
  }

  return {
    adapter: "aws",

    async probe() {
      options.onCall?.("ListMetrics");
      const out = await client(options.region).send(new ListMetricsCommand({ Namespace: "BuildItAll/Platform" }));
      return `CloudWatch in ${options.region} answers: ${out.Metrics?.length ?? 0} platform metric(s)`;
    },

    async query(queries, from, to) {
      if (to <= from) throw new Error("metrics: the end of the range must be after its start");
      const byRegion = new Map<string, MetricQuery[]>();
      for (const q of queries) byRegion.set(regionOf(q, options.region), [...(byRegion.get(regionOf(q, options.region)) ?? []), q]);
      const found = new Map<string, MetricSeries>();
      for (const [region, list] of byRegion) {
        for (let i = 0; i < list.length; i += QUERIES_PER_CALL) {
          for (const series of await batch(region, list.slice(i, i + QUERIES_PER_CALL), from, to)) found.set(series.id, series);
        }
      }
      return queries.map((q) => found.get(q.id)!);
    },
  };
}
