import { open, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidInput, NotFound } from "../errors";
import { lineChunk, MAX_LOG_READ_BYTES, offsetOf, readableLines, STEP_STREAMS, taskLogPath, type LogChunk, type Logs, type StepLogRef } from "./port";

export interface LocalLogsOptions {
  /** Airflow's `base_log_folder` of the local estate: `<PLATFORM_HOME>/airflow/logs` (scripts/airflow/local.sh). */
  logRoot: string;
  /** The local lake: the steps' logs are under its `logs/emr/` (dags/builditall/step_runner.py). */
  lakeRoot: string;
  /** Bytes per read; MAX_LOG_READ_BYTES unless a test wants small pieces. */
  readBytes?: number;
}

/** `file` when it lies under `root`; never a path outside it, whatever the ids or URIs said. */
function inside(root: string, file: string): string {
  const resolved = path.resolve(root, file);
  if (!resolved.startsWith(path.resolve(root) + path.sep)) throw new InvalidInput("not a log of this estate");
  return resolved;
}

/** Airflow's task log files and the local steps' stdout/stderr, read by byte ranges. */
export function localLogs(options: LocalLogsOptions): Logs {
  const cap = options.readBytes ?? MAX_LOG_READ_BYTES;
  const stepsRoot = path.resolve(options.lakeRoot, "logs", "emr");

  function stepFile(ref: StepLogRef): string {
    if (!STEP_STREAMS.includes(ref.stream)) throw new InvalidInput("a step's log is stdout or stderr");
    if (!ref.logUri.startsWith("file:///")) throw new InvalidInput("not a log folder of the local estate");
    return inside(stepsRoot, path.join(fileURLToPath(ref.logUri), ref.stream));
  }

  async function opened(file: string, what: string) {
    try {
      return await open(file, "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new NotFound(`No log for ${what} yet.`);
      throw err;
    }
  }

  async function read(file: string, what: string, cursor: string | null): Promise<LogChunk> {
    const handle = await opened(file, what);
    try {
      const { size } = await handle.stat();
      let start = cursor === null ? Math.max(0, size - cap) : offsetOf(cursor);
      // A file shorter than the cursor was written anew (a cleared task): read it from the start.
      if (start > size) start = 0;
      const bytes = Buffer.alloc(Math.min(cap, size - start));
      await handle.read(bytes, 0, bytes.length, start);
      return lineChunk(bytes, start, size, cursor === null, cap);
    } finally {
      await handle.close();
    }
  }

  async function* download(file: string, what: string): AsyncIterable<string> {
    const handle = await opened(file, what);
    try {
      // Decoded as a stream, so a character split between two pieces stays whole.
      yield* readableLines(handle.createReadStream({ highWaterMark: cap, autoClose: false, encoding: "utf8" }) as AsyncIterable<string>);
    } finally {
      await handle.close();
    }
  }

  return {
    adapter: "local",
    async probe() {
      await stat(options.logRoot);
      return `Airflow's task logs in ${options.logRoot}`;
    },
    readTaskLog: async (ref, cursor) => read(inside(options.logRoot, taskLogPath(ref)), `task ${ref.taskId}, try ${ref.tryNumber},`, cursor),
    async *downloadTaskLog(ref) {
      yield* download(inside(options.logRoot, taskLogPath(ref)), `task ${ref.taskId}, try ${ref.tryNumber},`);
    },
    readStepLog: async (ref, cursor) => read(stepFile(ref), `the step's ${ref.stream}`, cursor),
    async *downloadStepLog(ref) {
      yield* download(stepFile(ref), `the step's ${ref.stream}`);
    },
  };
}
