import type { Probe } from "../probe";

export type ClusterState =
  | "STARTING"
  | "BOOTSTRAPPING"
  | "RUNNING"
  | "WAITING"
  | "TERMINATING"
  | "TERMINATED"
  | "TERMINATED_WITH_ERRORS";

export interface InstanceGroup {
  role: "MASTER" | "CORE" | "TASK";
  instanceType: string;
  count: number;
  market: "SPOT" | "ON_DEMAND";
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
  instanceGroups: InstanceGroup[];
  normalizedInstanceHours: number;
  autoTerminateIdleSeconds: number | null;
  /** The DAG run that created it, from the cluster's tags. */
  dagRun: { dagId: string; runId: string } | null;
}

export interface ClusterStep {
  id: string;
  name: string;
  state: "PENDING" | "RUNNING" | "COMPLETED" | "CANCELLED" | "FAILED" | "INTERRUPTED";
  startedAt: Date | null;
  endedAt: Date | null;
  failureReason: string | null;
  logUri: string | null;
}

/** EMR, or the local Spark standalone clusters the pipeline DAG starts. */
export interface Clusters extends Probe {
  list(options: { active: boolean; createdAfter?: Date }): Promise<Cluster[]>;
  describe(id: string): Promise<Cluster>;
  steps(id: string): Promise<ClusterStep[]>;
  terminate(id: string): Promise<void>;
}
