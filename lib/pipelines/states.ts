import type { RunState, TaskState } from "@/lib/platform/orchestrator/port";

// A state only moves forward: queued → running → success | failed, and a final state is final.
const RUN_RANK: Record<RunState, number> = { queued: 0, running: 1, success: 2, failed: 2 };

export const FINAL_RUN_STATES: readonly RunState[] = ["success", "failed"];
export const ACTIVE_RUN_STATES: readonly RunState[] = ["queued", "running"];

export function isFinalRun(state: string): boolean {
  return (FINAL_RUN_STATES as readonly string[]).includes(state);
}

/** The states a run may be in for `next` to be written over it (its own state only while active). */
export function runStatesBefore(next: RunState): RunState[] {
  return (Object.keys(RUN_RANK) as RunState[]).filter(
    (s) => RUN_RANK[s] < RUN_RANK[next] || (s === next && !isFinalRun(s)),
  );
}

/** A task is done for this run in one of these (the run's pages stop waiting for it). */
const FINAL_TASK_STATES: readonly TaskState[] = ["success", "failed", "skipped", "upstream_failed", "removed"];

export function isFinalTask(state: string | null): boolean {
  return state !== null && (FINAL_TASK_STATES as readonly string[]).includes(state);
}

// A try ends in one of these; the next try is a new row (Airflow starts it with a new start date).
const FINAL_TRY_STATES: readonly TaskState[] = [...FINAL_TASK_STATES, "up_for_retry"];

export function isFinalTry(state: string | null): boolean {
  return state !== null && (FINAL_TRY_STATES as readonly string[]).includes(state);
}
