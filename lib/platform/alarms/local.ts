import type { Clusters } from "../clusters/port";
import { platformDatums } from "../metrics/local";
import { PLATFORM_NAMESPACE } from "../metrics/port";
import { describeCondition } from "./condition";
import type { Alarm, Alarms } from "./port";

/**
 * The alarms of infra/modules/monitoring that the local estate can evaluate, with the same names,
 * queries and rules, evaluated here instead of by CloudWatch:
 * - `dag-run-failed`: a DagRunFailed datum (any DagId) in the last 5 minutes, from the run figures in the lake;
 * - `emr-cluster-idle`: a running cluster idle for `idleMinutes`, from the local cluster records.
 * The RDS and NAT gateway alarms watch resources the local estate does not have: they are not listed.
 */
export interface LocalAlarmsOptions {
  /** The lake directory, `<PLATFORM_HOME>/lake/<bucket>`. */
  lakeRoot: string;
  clusters: Pick<Clusters, "list">;
  /** The monitoring module's `<name>-`, here the local estate's. */
  namePrefix: string;
  /** The monitoring module's `emr_idle_minutes`. */
  idleMinutes: number;
  now?: () => Date;
}

const PERIOD_SECONDS = 300;
const MINUTE = 60_000;

export function localAlarms(options: LocalAlarmsOptions): Alarms {
  const now = options.now ?? (() => new Date());

  async function dagRunFailed(at: Date): Promise<Alarm> {
    const failures = (await platformDatums(options.lakeRoot))
      .filter((d) => d.MetricName === "DagRunFailed" && d.Value > 0)
      .map((d) => new Date(d.Timestamp))
      .filter((t) => t.getTime() <= at.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    const windowStart = at.getTime() - PERIOD_SECONDS * 1000;
    const inWindow = failures.filter((t) => t.getTime() > windowStart);
    const last = failures.at(-1);
    return {
      name: `${options.namePrefix}dag-run-failed`,
      description: `A DAG run failed (metric ${PLATFORM_NAMESPACE}/DagRunFailed, published by the pipeline).`,
      state: inWindow.length > 0 ? "ALARM" : "OK",
      reason:
        inWindow.length > 0
          ? `${inWindow.length} failed run(s) in the last ${PERIOD_SECONDS / 60} minutes`
          : last
            ? `No failed run since ${last.toISOString()}`
            : "No failed run on record",
      since: inWindow.length > 0 ? inWindow[0]! : last ? new Date(last.getTime() + PERIOD_SECONDS * 1000) : null,
      metric: `SELECT SUM(DagRunFailed) FROM SCHEMA("${PLATFORM_NAMESPACE}", DagId)`,
      condition: describeCondition("GreaterThanOrEqualToThreshold", 1, 1, PERIOD_SECONDS),
    };
  }

  async function clusterIdle(at: Date): Promise<Alarm> {
    const limit = options.idleMinutes * MINUTE;
    const idle = (await options.clusters.list({ active: true }))
      .filter((c) => c.idleSince && at.getTime() - c.idleSince.getTime() >= limit)
      .sort((a, b) => a.idleSince!.getTime() - b.idleSince!.getTime());
    return {
      name: `${options.namePrefix}emr-cluster-idle`,
      description: `An EMR cluster has been idle for ${options.idleMinutes} minutes: a DAG probably failed to terminate it.`,
      state: idle.length > 0 ? "ALARM" : "OK",
      reason: idle.length > 0 ? `Idle for ${options.idleMinutes} minutes or more: ${idle.map((c) => c.id).join(", ")}` : `No running cluster idle for ${options.idleMinutes} minutes`,
      since: idle.length > 0 ? new Date(idle[0]!.idleSince!.getTime() + limit) : null,
      metric: 'SELECT MAX(IsIdle) FROM SCHEMA("AWS/ElasticMapReduce", JobFlowId)',
      condition: describeCondition("GreaterThanOrEqualToThreshold", 1, Math.ceil(options.idleMinutes / 5), PERIOD_SECONDS),
    };
  }

  return {
    adapter: "local",

    async probe() {
      const alarms = await this.list();
      return `${alarms.length} alarm(s) evaluated on the local estate (failed runs, idle clusters)`;
    },

    async list() {
      const at = now();
      const alarms = await Promise.all([clusterIdle(at), dagRunFailed(at)]);
      return alarms.sort((x, y) => x.name.localeCompare(y.name));
    },
  };
}
