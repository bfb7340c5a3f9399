import type { Probe } from "../probe";

/** Airflow's DagRunState; success and failed are final. */
export const RUN_STATES = ["queued", "running", "success", "failed"] as const;
export type RunState = (typeof RUN_STATES)[number];

/** Airflow's TaskInstanceState (null before the scheduler has looked at the task). */
export type TaskState =
  | "scheduled"
  | "queued"
  | "running"
  | "success"
  | "failed"
  | "skipped"
  | "upstream_failed"
  | "up_for_retry"
  | "up_for_reschedule"
  | "restarting"
  | "deferred"
  | "removed";

export interface DagSummary {
  dagId: string;
  description: string | null;
  /** The timetable summary (a cron expression, "@once"…), null when the DAG only runs when triggered. */
  schedule: string | null;
  tags: string[];
  paused: boolean;
  nextRunAt: Date | null;
  /** The DAG's file where Airflow parses it, its bundle, and its path inside the bundle. */
  fileloc: string | null;
  bundleName: string | null;
  relativeFileloc: string | null;
}

/** A DAG file Airflow could not import (`dags list-import-errors`). */
export interface ImportError {
  /** The file as Airflow names it (absolute, like a DAG's fileloc). */
  filepath: string;
  bundleName: string | null;
  /** Airflow's traceback, or its error message. */
  error: string;
}

export interface DagStructure {
  tasks: { taskId: string; downstream: string[] }[];
  /** False when Airflow listed the tasks but could not say how they depend on each other. */
  edgesKnown: boolean;
}

export interface DagRun {
  dagId: string;
  runId: string;
  state: RunState;
  logicalDate: Date | null;
  /** When Airflow may start it: the trigger time, or the end of the schedule interval. */
  runAfter: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface TaskInstanceState {
  taskId: string;
  /** -1 for an unmapped task. */
  mapIndex: number;
  state: TaskState | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** Airflow's reprocess behaviour of a backfill, for logical dates that already have a run. */
export type Reprocess = "none" | "failed" | "completed";
export const REPROCESS: readonly Reprocess[] = ["none", "failed", "completed"];

export interface BackfillRange {
  /** Earliest and latest logical date, both included. */
  from: Date;
  to: Date;
  reprocess: Reprocess;
}

/** Airflow: the local one in .venv, or MWAA through its CLI token API. Same commands, two transports. */
export interface Orchestrator extends Probe {
  dags(): Promise<DagSummary[]>;
  structure(dagId: string): Promise<DagStructure>;
  /**
   * Starts a run with the given id; conf goes to Airflow as one JSON argument. A logical date (kept
   * to the microsecond) is what lets `clearFailed` target the run later: Airflow 3 gives none otherwise.
   */
  trigger(dagId: string, runId: string, conf: Record<string, unknown>, logicalDate?: Date): Promise<DagRun>;
  setPaused(dagId: string, paused: boolean): Promise<void>;
  /** Runs the failed tasks (and those they held back) of the run with this logical date again, in the same run. */
  clearFailed(dagId: string, logicalDate: Date): Promise<void>;
  /** The DAG files that do not import, as the dag-processor last parsed them. */
  importErrors(): Promise<ImportError[]>;
  /** Runs of one DAG, newest first. */
  runs(dagId: string, state?: RunState): Promise<DagRun[]>;
  taskInstances(dagId: string, runId: string): Promise<TaskInstanceState[]>;
  /**
   * The logical dates of the range that have no run in flight (Airflow's dry run), oldest first.
   * Airflow 3.0.6's dry run ignores the reprocess behaviour for ended runs (it compares the
   * behaviour's string with the enum by identity), so the caller applies it from `runs()`.
   */
  backfillDates(dagId: string, range: BackfillRange): Promise<Date[]>;
  /** Asks Airflow for the backfill; its scheduler then makes the runs (`backfill__<logical date>`). */
  backfill(dagId: string, range: BackfillRange, maxActiveRuns: number): Promise<void>;
}
