import { z } from "zod";
import type { DagRun, DagStructure, DagSummary, ImportError, TaskInstanceState, TaskState } from "./port";
import { RUN_STATES } from "./port";

/**
 * The one parser of what the Airflow CLI prints (the same text from the local process and from
 * MWAA's base64 stdout). JSON output is read strictly: a shape Airflow did not promise fails
 * loudly with the command's name rather than writing nonsense to the run history.
 */
export class CliOutputError extends Error {
  constructor(what: string, detail: string) {
    super(`Airflow's ${what} output: ${detail}`);
    this.name = "CliOutputError";
  }
}

/** `-o json` prints one JSON document; anything before it (a stray warning) is skipped. */
function jsonDocument(stdout: string, what: string): unknown {
  const start = stdout.search(/^[[{]/m);
  if (start < 0) {
    // The CLI prints a plain sentence instead of [] when a list is empty.
    if (/^No data found/im.test(stdout) || stdout.trim() === "") return [];
    throw new CliOutputError(what, `no JSON in ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  try {
    return JSON.parse(stdout.slice(start));
  } catch (error) {
    throw new CliOutputError(what, `invalid JSON (${(error as Error).message})`);
  }
}

function strict<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliOutputError(what, `${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return result.data;
}

/** Airflow prints "" or null for an absent date, ISO 8601 or "2026-11-26 00:00:00+00:00" otherwise. */
const cliDate = z
  .string()
  .nullable()
  .transform((s, ctx) => {
    if (!s) return null;
    const date = new Date(s.replace(" ", "T"));
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: `not a date: ${s}` });
      return z.NEVER;
    }
    return date;
  });
const cliBool = z.union([z.boolean(), z.enum(["True", "False"]).transform((s) => s === "True")]);
const runState = z.enum(RUN_STATES) as z.ZodType<DagRun["state"]>;

const dagRow = z.object({
  dag_id: z.string(),
  is_paused: cliBool,
  description: z.string().nullable(),
  timetable_summary: z.string().nullable(),
  tags: z.array(z.object({ name: z.string() })),
  next_dagrun_run_after: cliDate,
  fileloc: z.string().nullable().optional(),
  bundle_name: z.string().nullable().optional(),
  relative_fileloc: z.string().nullable().optional(),
});

export function parseDags(stdout: string): DagSummary[] {
  const rows = strict(z.array(dagRow), jsonDocument(stdout, "dags list"), "dags list");
  return rows.map((r) => ({
    dagId: r.dag_id,
    description: r.description,
    schedule: r.timetable_summary === "None" ? null : r.timetable_summary,
    tags: r.tags.map((t) => t.name).sort(),
    paused: r.is_paused,
    nextRunAt: r.next_dagrun_run_after,
    fileloc: r.fileloc || null,
    bundleName: r.bundle_name || null,
    relativeFileloc: r.relative_fileloc || null,
  }));
}

const importErrorRow = z.object({ filepath: z.string().min(1), bundle_name: z.string().nullable().optional(), error: z.string() });

/** `dags list-import-errors -o json`: one row per file that does not import (none: an empty list). */
export function parseImportErrors(stdout: string): ImportError[] {
  const rows = strict(z.array(importErrorRow), jsonDocument(stdout, "dags list-import-errors"), "dags list-import-errors");
  return rows.map((r) => ({ filepath: r.filepath, bundleName: r.bundle_name || null, error: r.error }));
}

const runRow = z.object({
  dag_id: z.string(),
  run_id: z.string().optional(),
  dag_run_id: z.string().optional(),
  state: runState,
  run_after: cliDate.optional(),
  logical_date: cliDate,
  start_date: cliDate,
  end_date: cliDate,
});

function toRun(r: z.infer<typeof runRow>, what: string): DagRun {
  const runId = r.run_id ?? r.dag_run_id;
  if (!runId) throw new CliOutputError(what, "a run without run_id");
  return {
    dagId: r.dag_id,
    runId,
    state: r.state,
    logicalDate: r.logical_date,
    runAfter: r.run_after ?? null,
    startedAt: r.start_date,
    endedAt: r.end_date,
  };
}

export function parseRuns(stdout: string): DagRun[] {
  return strict(z.array(runRow), jsonDocument(stdout, "dags list-runs"), "dags list-runs").map((r) => toRun(r, "dags list-runs"));
}

/** `dags trigger -o json` prints a one-element list with the new run. */
export function parseTriggered(stdout: string): DagRun {
  const rows = strict(z.array(runRow).length(1), jsonDocument(stdout, "dags trigger"), "dags trigger");
  return toRun(rows[0]!, "dags trigger");
}

const TASK_STATES = [
  "scheduled", "queued", "running", "success", "failed", "skipped", "upstream_failed",
  "up_for_retry", "up_for_reschedule", "restarting", "deferred", "removed",
] as const satisfies readonly TaskState[];

const taskRow = z.object({
  task_id: z.string(),
  state: z.enum(TASK_STATES).nullable(),
  start_date: cliDate,
  end_date: cliDate,
  map_index: z.string().optional(),
});

export function parseTaskStates(stdout: string): TaskInstanceState[] {
  const rows = strict(z.array(taskRow), jsonDocument(stdout, "tasks states-for-dag-run"), "tasks states-for-dag-run");
  return rows.map((r) => ({
    taskId: r.task_id,
    mapIndex: r.map_index ? Number(r.map_index) : -1,
    state: r.state,
    startedAt: r.start_date,
    endedAt: r.end_date,
  }));
}

const DOT_ID = String.raw`"?([A-Za-z0-9_.-]+)"?`;
const DOT_EDGE = new RegExp(String.raw`^\s*${DOT_ID}\s*->\s*${DOT_ID}`);
const DOT_NODE = new RegExp(String.raw`^\s*${DOT_ID}\s*\[`);
const DOT_KEYWORDS = new Set(["graph", "node", "edge"]);

/** `dags show` prints the DAG as Graphviz DOT: one node statement per task, one edge per dependency. */
export function parseDot(stdout: string): DagStructure {
  const downstream = new Map<string, string[]>();
  const node = (id: string) => downstream.get(id) ?? downstream.set(id, []).get(id)!;
  let sawGraph = false;
  for (const line of stdout.split("\n")) {
    if (/^\s*(strict\s+)?digraph\b/.test(line)) sawGraph = true;
    const edge = DOT_EDGE.exec(line);
    if (edge) {
      node(edge[1]!).push(edge[2]!);
      node(edge[2]!);
      continue;
    }
    const n = DOT_NODE.exec(line);
    if (n && !DOT_KEYWORDS.has(n[1]!)) node(n[1]!);
  }
  if (!sawGraph) throw new CliOutputError("dags show", "no digraph in the output");
  return { tasks: [...downstream].map(([taskId, down]) => ({ taskId, downstream: down })), edgesKnown: true };
}

/** `tasks list` prints one task id a line. */
export function parseTaskList(stdout: string): DagStructure {
  const ids = stdout.split("\n").map((l) => l.trim()).filter((l) => /^[A-Za-z0-9_.-]+$/.test(l));
  return { tasks: ids.map((taskId) => ({ taskId, downstream: [] })), edgesKnown: false };
}

/** The reason a failed command gives: its last exception line, not the whole traceback. */
/**
 * `backfill create --dry-run` prints no JSON: its parameters, then "Logical dates to be attempted:"
 * and one "    - 2025-01-01 00:00:00+00:00" line per date.
 */
export function parseBackfillDates(stdout: string): Date[] {
  const header = stdout.search(/^Logical dates to be attempted:\s*$/m);
  if (header < 0) throw new CliOutputError("backfill create --dry-run", `no list of logical dates in ${JSON.stringify(stdout.slice(0, 200))}`);
  return stdout
    .slice(header)
    .split("\n")
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => {
      const item = /^\s*-\s+(\S.*?)\s*$/.exec(line);
      if (!item) throw new CliOutputError("backfill create --dry-run", `unexpected line ${JSON.stringify(line)}`);
      return strict(cliDate, item[1], "backfill create --dry-run") as Date;
    });
}

export function failureReason(stderr: string, stdout: string): string {
  const lines = `${stderr}\n${stdout}`.split("\n").map((l) => l.trim()).filter(Boolean);
  const exception = [...lines].reverse().find((l) => /^[\w.]+(Error|Exception|NotFound|Exit)\b.*:/.test(l) || /^airflow\.exceptions\./.test(l));
  return (exception ?? lines.at(-1) ?? "no output").slice(0, 500);
}
