import { z } from "zod";
import { checked, confSchema, dagIdSchema, runIdSchema } from "./ids";
import { REPROCESS, type BackfillRange, type RunState } from "./port";

/**
 * The one builder of the Airflow CLI commands the portal sends, as argv arrays (the local
 * transport spawns them as they are; the MWAA transport quotes them into its text body).
 * Only commands MWAA accepts for Airflow 3.0 (docs/pipelines.md), with JSON output where the
 * CLI offers it. Every id is validated here, whatever the caller already checked.
 */
export type Command = readonly string[];

const DAG_COLUMNS = "dag_id,is_paused,description,timetable_summary,tags,next_dagrun_run_after,fileloc,bundle_name,relative_fileloc";

/** A logical date as Airflow keeps it, to the microsecond (JavaScript has milliseconds). */
const logical = (date: Date) => checked(z.date().refine((d) => !Number.isNaN(d.getTime()), "not a date"), date, "logical date").toISOString();

export const commands = {
  listDags: (): Command => ["dags", "list", "-o", "json", "--columns", DAG_COLUMNS],
  showDag: (dagId: string): Command => ["dags", "show", checked(dagIdSchema, dagId, "dag id")],
  listTasks: (dagId: string): Command => ["tasks", "list", checked(dagIdSchema, dagId, "dag id")],
  trigger: (dagId: string, runId: string, conf: Record<string, unknown>, logicalDate?: Date): Command => [
    "dags",
    "trigger",
    checked(dagIdSchema, dagId, "dag id"),
    "-r",
    checked(runIdSchema, runId, "run id"),
    "-c",
    JSON.stringify(checked(confSchema, conf, "conf")),
    // Without --no-replace-microseconds Airflow drops the fraction, and two runs a second apart would collide.
    ...(logicalDate ? ["-l", logical(logicalDate), "--no-replace-microseconds"] : []),
    "-o",
    "json",
  ],
  /**
   * Clears the failed and upstream_failed task instances of the one run whose logical date is
   * exactly `logicalDate` (Airflow bounds -s/-e inclusively on DagRun.logical_date), so they run
   * again in that run; Airflow puts the run back to queued. Tasks downstream of a failure are
   * upstream_failed, so --only-failed takes them too (--downstream only acts with a task regex).
   */
  clearFailed: (dagId: string, logicalDate: Date): Command => [
    "tasks",
    "clear",
    checked(dagIdSchema, dagId, "dag id"),
    "-s",
    logical(logicalDate),
    "-e",
    logical(logicalDate),
    "--only-failed",
    "-y",
  ],
  listImportErrors: (): Command => ["dags", "list-import-errors", "-o", "json"],
  setPaused: (dagId: string, paused: boolean): Command => [
    "dags",
    paused ? "pause" : "unpause",
    checked(dagIdSchema, dagId, "dag id"),
    "-y",
  ],
  // No -s/-e: they filter on the logical date, which Airflow 3 leaves empty for triggered runs.
  listRuns: (dagId: string, state?: RunState): Command => [
    "dags",
    "list-runs",
    checked(dagIdSchema, dagId, "dag id"),
    ...(state ? ["--state", state] : []),
    "-o",
    "json",
  ],
  taskStates: (dagId: string, runId: string): Command => [
    "tasks",
    "states-for-dag-run",
    checked(dagIdSchema, dagId, "dag id"),
    checked(runIdSchema, runId, "run id"),
    "-o",
    "json",
  ],
  backfill: (dagId: string, range: BackfillRange, options: { dryRun: true } | { maxActiveRuns: number }): Command => [
    "backfill",
    "create",
    "--dag-id",
    checked(dagIdSchema, dagId, "dag id"),
    "--from-date",
    checked(z.date(), range.from, "from date").toISOString(),
    "--to-date",
    checked(z.date(), range.to, "to date").toISOString(),
    "--reprocess-behavior",
    checked(z.enum(REPROCESS), range.reprocess, "reprocess behaviour"),
    ...("dryRun" in options ? ["--dry-run"] : ["--max-active-runs", String(checked(z.number().int().min(1).max(64), options.maxActiveRuns, "max active runs"))]),
  ],
  version: (): Command => ["version"],
};

const BARE = /^[A-Za-z0-9_.,:/=+@%-]+$/;

/** One argv as POSIX shell words (MWAA splits its text body like a shell does, without running one). */
export function toCommandLine(argv: Command): string {
  return argv.map((arg) => (BARE.test(arg) ? arg : `'${arg.replaceAll("'", `'"'"'`)}'`)).join(" ");
}
