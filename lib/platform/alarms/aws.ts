import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { describeCondition } from "./condition";
import type { Alarm, Alarms, AlarmState } from "./port";

export interface CloudWatchAlarmsOptions {
  region: string;
  /** Only the alarms whose name starts with this: the monitoring module's `<name>-`. */
  namePrefix: string;
  /** A protocol peer (moto server) instead of AWS. */
  endpoint?: string;
}

const dimensions = (d: MetricAlarm["Dimensions"]) => (d?.length ? ` (${d.map((x) => `${x.Name}=${x.Value}`).join(", ")})` : "");

/** The metric an alarm watches, in one line: its metric, or the expression of a metric-math / Metrics Insights alarm. */
function metricOf(a: MetricAlarm): string {
  if (a.MetricName) return `${a.Namespace} ${a.MetricName}${dimensions(a.Dimensions)}`;
  const shown = a.Metrics?.find((m) => m.ReturnData) ?? a.Metrics?.[0];
  if (shown?.Expression) return shown.Expression;
  const stat = shown?.MetricStat?.Metric;
  return stat ? `${stat.Namespace} ${stat.MetricName}${dimensions(stat.Dimensions)}` : "—";
}

function period(a: MetricAlarm): number | undefined {
  return a.Period ?? a.Metrics?.find((m) => m.ReturnData)?.Period ?? a.Metrics?.[0]?.MetricStat?.Period;
}

/** CloudWatch DescribeAlarms (metric alarms), every page. */
export function cloudWatchAlarms(options: CloudWatchAlarmsOptions): Alarms {
  const client = new CloudWatchClient({ region: options.region, endpoint: options.endpoint });

  async function describe(max?: number): Promise<MetricAlarm[]> {
    const all: MetricAlarm[] = [];
    let NextToken: string | undefined;
    do {
      const out = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: options.namePrefix, AlarmTypes: ["MetricAlarm"], MaxRecords: max ?? 100, NextToken }));
      all.push(...(out.MetricAlarms ?? []));
      NextToken = max ? undefined : out.NextToken;
    } while (NextToken);
    return all;
  }

  return {
    adapter: "aws",

    async probe() {
      const found = await describe(1);
      return `CloudWatch alarms in ${options.region} answer${found.length ? "" : `: none named ${options.namePrefix}*`}`;
    },

    async list(): Promise<Alarm[]> {
      const alarms = await describe();
      return alarms
        .map((a) => ({
          name: a.AlarmName!,
          description: a.AlarmDescription ?? null,
          state: (a.StateValue ?? "INSUFFICIENT_DATA") as AlarmState,
          reason: a.StateReason ?? "",
          since: a.StateUpdatedTimestamp ?? null,
          metric: metricOf(a),
          condition: describeCondition(a.ComparisonOperator ?? "", a.Threshold, a.EvaluationPeriods, period(a)),
        }))
        .sort((x, y) => x.name.localeCompare(y.name));
    },
  };
}
