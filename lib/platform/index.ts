import "server-only";
import path from "node:path";
import { env, type Env } from "@/lib/env";
import { emrClusters } from "./clusters/aws";
import { localClusters } from "./clusters/local";
import { cloudWatchMetrics } from "./metrics/aws";
import { localMetrics } from "./metrics/local";
import { createS3Lake } from "./lake/aws";
import { createLocalLake } from "./lake/local";
import type { Clusters } from "./clusters/port";
import type { Lake } from "./lake/port";
import type { Metrics } from "./metrics/port";
import type { Orchestrator } from "./orchestrator/port";
import { mwaaOrchestrator } from "./orchestrator/aws";
import { localOrchestrator } from "./orchestrator/local";
import { NotAvailable, withDomainErrors } from "./errors";
import { cloudWatchAlarms } from "./alarms/aws";
import { localAlarms } from "./alarms/local";
import type { Alarms } from "./alarms/port";
import { cloudWatchLogs } from "./logs/aws";
import { localLogs } from "./logs/local";
import type { Logs } from "./logs/port";

export type Mode = "local" | "aws";

export interface Ports {
  lake: Lake;
  orchestrator: Orchestrator;
  clusters: Clusters;
  metrics: Metrics;
  alarms: Alarms;
  logs: Logs;
}
export type PortName = keyof Ports;
export const PORT_NAMES: readonly PortName[] = ["lake", "orchestrator", "clusters", "metrics", "alarms", "logs"];

export const PORT_LABELS: Record<PortName, string> = {
  lake: "Lake",
  orchestrator: "Orchestrator (Airflow)",
  clusters: "Clusters (Spark / EMR)",
  metrics: "Metrics & cost",
  alarms: "Alarms (CloudWatch)",
  logs: "Task logs",
};

// The Lake and Orchestrator adapters map their sources' errors themselves; these two are wrapped.
const CLUSTER_CALLS = ["list", "describe", "steps", "terminate"] as const;

/** Adapters register here as they are built; a port without one is reported as missing, not faked. */
function adapters(e: Env): { [K in PortName]?: () => Ports[K] } {
  if (e.PLATFORM_MODE === "aws") {
    const aws = { region: e.AWS_REGION, endpoint: e.AWS_ENDPOINT_URL };
    return {
      lake: () => createS3Lake({ buckets: e.LAKE_BUCKETS, ...aws }),
      clusters: () => withDomainErrors("EMR", emrClusters(aws), CLUSTER_CALLS),
      metrics: () => withDomainErrors("CloudWatch", cloudWatchMetrics(aws), ["query"]),
      orchestrator: () => mwaaOrchestrator({ environment: e.MWAA_ENVIRONMENT, ...aws }),
      alarms: () => withDomainErrors("CloudWatch", cloudWatchAlarms({ ...aws, namePrefix: e.ALARM_NAME_PREFIX }), ["list"]),
      logs: () => withDomainErrors("CloudWatch Logs", cloudWatchLogs({ ...aws, environment: e.MWAA_ENVIRONMENT }), ["readTaskLog", "readStepLog"]),
    };
  }
  return {
    lake: () => createLocalLake({ root: path.resolve(e.PLATFORM_HOME, "lake"), buckets: e.LAKE_BUCKETS }),
    clusters: () => withDomainErrors("The local cluster source", localClusters({ lakeRoot: localLakeRoot(), repoRoot: repoRoot() }), CLUSTER_CALLS),
    metrics: () => withDomainErrors("The local metrics source", localMetrics({ lakeRoot: localLakeRoot(), bucket: lakeBucket() }), ["query"]),
    orchestrator: () => localOrchestrator({ repoRoot: repoRoot(), platformHome: path.resolve(e.PLATFORM_HOME), airflowPort: e.AIRFLOW_PORT }),
    alarms: () =>
      withDomainErrors(
        "The local alarms",
        localAlarms({ lakeRoot: localLakeRoot(), clusters: localClusters({ lakeRoot: localLakeRoot(), repoRoot: repoRoot() }), namePrefix: e.ALARM_NAME_PREFIX, idleMinutes: e.CLUSTER_IDLE_ALERT_MINUTES }),
        ["list"],
      ),
    // Airflow's base_log_folder as scripts/airflow/local.sh sets it.
    logs: () => withDomainErrors("The local task logs", localLogs({ logRoot: path.resolve(e.PLATFORM_HOME, "airflow", "logs"), lakeRoot: localLakeRoot() }), ["readTaskLog", "readStepLog"]),
  };
}

/** The lake the pipeline writes to: the first configured bucket. */
export const lakeBucket = () => env.LAKE_BUCKETS[0] ?? "builditall-lake";

/**
 * The repository the local estate runs the portal from (its dags/, scripts and etl package). Kept out
 * of the build's file tracing: a traced "." copied the whole repository into .next/standalone, the
 * production image, which (AWS mode) never reads it.
 */
function repoRoot(): string {
  return path.resolve(/* turbopackIgnore: true */ ".");
}

function localLakeRoot(): string {
  return path.resolve(env.PLATFORM_HOME, "lake", lakeBucket());
}

export type Platform = { mode: Mode } & { [K in PortName]: Ports[K] | null };

let platform: Platform | undefined;

/** Built once from configuration at start-up. */
export function getPlatform(): Platform {
  if (!platform) {
    const mode = env.PLATFORM_MODE;
    const make = adapters(env);
    platform = {
      mode,
      lake: make.lake?.() ?? null,
      orchestrator: make.orchestrator?.() ?? null,
      clusters: make.clusters?.() ?? null,
      metrics: make.metrics?.() ?? null,
      alarms: make.alarms?.() ?? null,
      logs: make.logs?.() ?? null,
    };
  }
  return platform;
}

export interface PortAvailability {
  label: string;
  mode: Mode;
  available: boolean;
}

/** What a page says about one port: whether the current mode has its adapter. */
export function portAvailability(name: PortName): PortAvailability {
  const p = getPlatform();
  return { label: PORT_LABELS[name], mode: p.mode, available: p[name] !== null };
}

/** For route handlers: the port, or NotAvailable (501) saying plainly which adapter is missing. */
export function requirePort<K extends PortName>(name: K): Ports[K] {
  const p = getPlatform();
  const port = p[name];
  if (!port) {
    throw new NotAvailable(`The ${p.mode} ${PORT_LABELS[name]} adapter is not available yet.`);
  }
  return port as Ports[K];
}

/** Where the DAG files of Airflow's "dags-folder" bundle are, read through the Lake port. */
export interface DagFiles {
  lake: Lake;
  bucket: string;
  /** Key prefix of the DAG folder; CI writes `<prefix>_commit` (the commit it synced) beside the files. */
  prefix: string;
}

let localDagFiles: Lake | undefined;

/** AWS: the lake bucket's dags/ prefix, where CI syncs dags/ and MWAA reads it; local: the repository's dags/. */
export function dagFiles(): DagFiles {
  if (getPlatform().mode === "aws") return { lake: requirePort("lake"), bucket: lakeBucket(), prefix: "dags/" };
  localDagFiles ??= createLocalLake({ root: repoRoot(), buckets: ["dags"] });
  return { lake: localDagFiles, bucket: "dags", prefix: "" };
}
