import type { Probe } from "../probe";

export type RunState = "queued" | "running" | "success" | "failed";
export type TaskState =
  | "none"
  | "scheduled"
  | "queued"
  | "running"
  | "success"
  | "failed"
  | "skipped"
  | "upstream_failed"
  | "up_for_retry"
  | "removed";

export interface DagParam {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "array" | "object";
  default?: unknown;
  enum?: unknown[];
  description?: string;
}

export interface Dag {
  dagId: string;
  description: string | null;
  schedule: string | null;
  tags: string[];
  paused: boolean;
  params: DagParam[];
  tasks: { taskId: string; downstream: string[] }[];
}

export interface DagRun {
  dagId: string;
  runId: string;
  state: RunState;
  logicalDate: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  conf: Record<string, unknown>;
}

export interface TaskInstanceState {
  taskId: string;
  state: TaskState;
  tryNumber: number;
  queuedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** Airflow: the local one in .venv, or MWAA through its CLI token API. Same commands, two transports. */
export interface Orchestrator extends Probe {
  dags(): Promise<Dag[]>;
  trigger(dagId: string, conf: Record<string, unknown>, runId?: string): Promise<DagRun>;
  setPaused(dagId: string, paused: boolean): Promise<void>;
  runs(dagId: string, limit: number): Promise<DagRun[]>;
  taskInstances(dagId: string, runId: string): Promise<TaskInstanceState[]>;
}
