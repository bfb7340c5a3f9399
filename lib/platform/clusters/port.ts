import type { Probe } from "../probe";
import { NotFound } from "../errors";

export const CLUSTER_STATES = [
  "STARTING",
  "BOOTSTRAPPING",
  "RUNNING",
  "WAITING",
  "TERMINATING",
  "TERMINATED",
  "TERMINATED_WITH_ERRORS",
] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number];
/** EMR's "active" filter: everything not yet terminated. */
export const ACTIVE_STATES: readonly ClusterState[] = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "TERMINATING"];
export const TERMINAL_STATES: readonly ClusterState[] = ["TERMINATED", "TERMINATED_WITH_ERRORS"];

/** EMR's cluster ids (j-…), which the local clusters mimic: anything else is refused before a source sees it. The DAGs' rule too (dags/builditall/cluster_record.py); both tests read dags/tests/cluster_ids.json. */
export const CLUSTER_ID = /^j-[A-Z0-9]{1,64}$/;

export interface InstanceGroup {
  role: "MASTER" | "CORE" | "TASK";
  instanceType: string;
  count: number;
  market: "SPOT" | "ON_DEMAND";
}

export interface StateChange {
  state: ClusterState;
  at: Date;
  reason: string | null;
}

export interface Cluster {
  id: string;
  name: string;
  state: ClusterState;
  stateReason: string | null;
  releaseLabel: string | null;
  createdAt: Date;
  readyAt: Date | null;
  endedAt: Date | null;
  /** Known changes, oldest first: the local clusters record each; EMR gives created/ready/ended. */
  stateHistory: StateChange[];
  /** Instance groups, or instance fleets flattened to one entry per role and market. */
  instanceGroups: InstanceGroup[];
  normalizedInstanceHours: number;
  autoTerminateIdleSeconds: number | null;
  /** Since when a WAITING cluster has had nothing to do; null when it is busy or gone. */
  idleSince: Date | null;
  /** The DAG run that created it, from the cluster's tags. */
  dagRun: { dagId: string; runId: string } | null;
}

export const STEP_STATES = ["PENDING", "RUNNING", "COMPLETED", "CANCELLED", "FAILED", "INTERRUPTED"] as const;

export interface ClusterStep {
  id: string;
  name: string;
  state: (typeof STEP_STATES)[number];
  startedAt: Date | null;
  endedAt: Date | null;
  failureReason: string | null;
  /** Where the step's logs are in the lake (file:// locally, s3:// on AWS). */
  logUri: string | null;
}

/** Thrown for an id the source does not know (or could never know: malformed). */
export class ClusterNotFoundError extends NotFound {
  override name = "ClusterNotFoundError";
  constructor(readonly clusterId: string) {
    super(`No cluster ${clusterId}.`);
  }
}

export function assertClusterId(id: string): void {
  if (!CLUSTER_ID.test(id)) throw new ClusterNotFoundError(id);
}

/** EMR, or the local Spark standalone clusters the pipeline DAG starts. */
export interface Clusters extends Probe {
  /** Active clusters, or every cluster created after `createdAfter`; newest first. */
  list(options: { active: boolean; createdAfter?: Date }): Promise<Cluster[]>;
  describe(id: string): Promise<Cluster>;
  /** In submission order. */
  steps(id: string): Promise<ClusterStep[]>;
  /** Resolves once the source accepted the request; a terminated cluster is left as it is. */
  terminate(id: string): Promise<void>;
}
