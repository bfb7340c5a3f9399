import { z } from "zod";
import type { Probe } from "../probe";
import { dagIdSchema, runIdSchema } from "../orchestrator/ids";
import { InvalidInput } from "../errors";

/** At most this much log text per read: a multi-GB log is read in pieces, never whole. */
export const MAX_LOG_READ_BYTES = 256 * 1024;

// Airflow's task id: letters, digits, _ . - (a task group adds "."); never a path separator.
export const taskIdSchema = z
  .string()
  .max(250)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "a task id is letters, digits, _ . - and starts with a letter, digit or _");

/** One try of one task of one run, as Airflow names its log. */
export const taskLogRefSchema = z.object({
  dagId: dagIdSchema,
  runId: runIdSchema.refine((id) => id !== "." && id !== "..", "not a run id"),
  taskId: taskIdSchema,
  mapIndex: z.number().int().min(-1).max(1_000_000),
  tryNumber: z.number().int().min(1).max(1000),
});
export type TaskLogRef = z.infer<typeof taskLogRefSchema>;

/** Where a read continues: an opaque token from the last read. */
export const logCursorSchema = z.string().regex(/^[A-Za-z0-9_/+=.:-]{1,512}$/, "not a cursor this API returned");

export interface LogChunk {
  /** The text read, whole lines (Airflow's JSON lines made readable). */
  text: string;
  /** Give it back to read what is written after this text. */
  cursor: string;
  /** More was there than one read carries: read again at once. */
  more: boolean;
  /** The text starts after the log's beginning: the first read gives the tail. */
  truncated: boolean;
}

/**
 * Task logs where the orchestrator writes them: Airflow's log files on the local estate, MWAA's
 * task log group in CloudWatch Logs. Reads are capped (MAX_LOG_READ_BYTES); the first read (no
 * cursor) is the log's tail, each next read what was written since. A log not written (yet) is
 * NotFound; a cursor from elsewhere is InvalidInput.
 */
export interface Logs extends Probe {
  readTaskLog(ref: TaskLogRef, cursor: string | null): Promise<LogChunk>;
  /** The whole log, read in pieces, for a download. */
  downloadTaskLog(ref: TaskLogRef): AsyncIterable<string>;
  /**
   * An EMR step's stdout or stderr, from the step's log folder as the Clusters port reports it
   * (`ClusterStep.logUri`): `file://<lake>/logs/emr/<cluster>/steps/<step>/` locally,
   * `s3://<bucket>/<prefix><cluster>/steps/<step>/` on AWS, where EMR writes `<stream>.gz`.
   */
  readStepLog(ref: StepLogRef, cursor: string | null): Promise<LogChunk>;
  downloadStepLog(ref: StepLogRef): AsyncIterable<string>;
}

export const STEP_STREAMS = ["stdout", "stderr"] as const;
export const stepIdSchema = z.string().regex(/^s-[A-Z0-9]{1,64}$/, "a step id looks like s-1A2B3C4D5E6F7");

export interface StepLogRef {
  /** The step's log folder, from the Clusters port (never from a request). */
  logUri: string;
  stream: (typeof STEP_STREAMS)[number];
}

/** The ref checked: nothing unchecked ever becomes a path or a stream name. */
export function checkedRef(ref: TaskLogRef): TaskLogRef {
  const result = taskLogRefSchema.safeParse(ref);
  if (!result.success) throw new InvalidInput(`task log: ${result.error.issues[0]?.message ?? "invalid"}`);
  return result.data;
}

/**
 * The log's path as Airflow 3's default `log_filename_template` writes it, relative to its base:
 * `dag_id=…/run_id=…/task_id=…/[map_index=…/]attempt=N.log`. MWAA names the task's log stream the
 * same, with ":" as "_".
 */
export function taskLogPath(ref: TaskLogRef): string {
  const r = checkedRef(ref);
  const mapped = r.mapIndex >= 0 ? `map_index=${r.mapIndex}/` : "";
  return `dag_id=${r.dagId}/run_id=${r.runId}/task_id=${r.taskId}/${mapped}attempt=${r.tryNumber}.log`;
}

interface ExceptionDetail {
  exc_type?: string;
  exc_value?: string;
  frames?: { filename?: string; lineno?: number; name?: string }[];
}

/** structlog's `error_detail` (a list of exceptions with their frames) as Python prints a traceback. */
function traceback(detail: unknown): string {
  if (!Array.isArray(detail)) return JSON.stringify(detail);
  return (detail as ExceptionDetail[])
    .map((e) =>
      ["Traceback (most recent call last):", ...(e.frames ?? []).map((f) => `  File "${f.filename}", line ${f.lineno}, in ${f.name}`), `${e.exc_type ?? "Exception"}: ${e.exc_value ?? ""}`].join("\n"),
    )
    .join("\n");
}

/**
 * Airflow 3 writes task logs as JSON lines (structlog); each becomes `time LEVEL logger: event`,
 * with an exception's detail after it. Any other line is kept as it is.
 */
export function readableLine(line: string): string {
  if (!line.startsWith("{")) return line;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (typeof record.event !== "string") return line;
  const head = [record.timestamp, typeof record.level === "string" ? record.level.toUpperCase() : undefined, record.logger ? `${String(record.logger)}:` : undefined]
    .filter((x) => x !== undefined && x !== null && x !== "")
    .join(" ");
  const detail = record.error_detail === undefined ? "" : `\n${traceback(record.error_detail)}`;
  return `${head ? `${head} ` : ""}${record.event}${detail}`;
}

/** A byte offset into a log, as the cursor carries it. */
export const offsetCursor = (offset: number) => `o${offset}`;
export function offsetOf(cursor: string): number {
  const match = /^o(\d{1,15})$/.exec(cursor);
  if (!match) throw new InvalidInput("not a cursor this log returned");
  return Number(match[1]);
}

const NEWLINE = 0x0a;

/**
 * One read of a log held as bytes: `bytes` is the window [start, start + bytes.length) of a log of
 * `size` bytes. A tail starts at its first whole line; a read ends at its last one (the rest comes
 * next time), unless one line is longer than a read can carry (`cap`).
 */
export function lineChunk(bytes: Buffer, start: number, size: number, tail: boolean, cap: number): LogChunk {
  const from = tail && start > 0 ? bytes.indexOf(NEWLINE) + 1 : 0;
  let end = bytes.lastIndexOf(NEWLINE) + 1;
  if (end <= from) end = bytes.length === cap ? bytes.length : from;
  const text = bytes
    .subarray(from, end)
    .toString("utf8")
    .split("\n")
    .map(readableLine)
    .join("\n");
  return { text, cursor: offsetCursor(start + end), more: start + end < size && bytes.length === cap, truncated: tail && start > 0 };
}

/** Lines of text pieces (split anywhere) as readable lines, for a download. */
export async function* readableLines(pieces: AsyncIterable<string>): AsyncIterable<string> {
  let partial = "";
  for await (const piece of pieces) {
    const lines = (partial + piece).split("\n");
    partial = lines.pop() ?? "";
    yield lines.map((l) => `${readableLine(l)}\n`).join("");
  }
  if (partial) yield readableLine(partial);
}
