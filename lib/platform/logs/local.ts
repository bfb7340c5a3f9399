import { open, stat } from "node:fs/promises";
import path from "node:path";
import { InvalidInput, NotFound } from "../errors";
import { MAX_LOG_READ_BYTES, readableLine, taskLogPath, type LogChunk, type Logs, type TaskLogRef } from "./port";

export interface LocalLogsOptions {
  /** Airflow's `base_log_folder` of the local estate: `<PLATFORM_HOME>/airflow/logs` (scripts/airflow/local.sh). */
  logRoot: string;
  /** Bytes per read; MAX_LOG_READ_BYTES unless a test wants small pieces. */
  readBytes?: number;
}

const NEWLINE = 0x0a;

/** A byte offset into the file, as the cursor carries it. */
const offsetCursor = (offset: number) => `o${offset}`;
function offsetOf(cursor: string): number {
  const match = /^o(\d{1,15})$/.exec(cursor);
  if (!match) throw new InvalidInput("not a cursor this log returned");
  return Number(match[1]);
}

const readable = (bytes: Buffer) =>
  bytes
    .toString("utf8")
    .split("\n")
    .map(readableLine)
    .join("\n");

/** Airflow's task log files on the local disk, read by byte ranges. */
export function localLogs(options: LocalLogsOptions): Logs {
  const root = path.resolve(options.logRoot);
  const cap = options.readBytes ?? MAX_LOG_READ_BYTES;

  /** The file of a try; the path is built from checked ids and must still land under the root. */
  function fileOf(ref: TaskLogRef): string {
    const file = path.resolve(root, taskLogPath(ref));
    if (!file.startsWith(root + path.sep)) throw new InvalidInput("task log: not a log of this estate");
    return file;
  }

  async function opened(ref: TaskLogRef) {
    try {
      return await open(fileOf(ref), "r");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new NotFound(`No log for task ${ref.taskId}, try ${ref.tryNumber}, yet.`);
      throw err;
    }
  }

  return {
    adapter: "local",
    async probe() {
      await stat(root);
      return `Airflow's task logs in ${root}`;
    },

    async readTaskLog(ref, cursor): Promise<LogChunk> {
      const handle = await opened(ref);
      try {
        const { size } = await handle.stat();
        let start = cursor === null ? Math.max(0, size - cap) : offsetOf(cursor);
        // A file shorter than the cursor was written anew (a cleared task): read it from the start.
        if (start > size) start = 0;
        const length = Math.min(cap, size - start);
        const bytes = Buffer.alloc(length);
        await handle.read(bytes, 0, length, start);
        // A tail starts at its first whole line; a read ends at its last one (the rest comes next time),
        // unless one line is longer than a read can carry.
        const from = cursor === null && start > 0 ? bytes.indexOf(NEWLINE) + 1 : 0;
        let end = bytes.lastIndexOf(NEWLINE) + 1;
        if (end <= from) end = length === cap ? length : from;
        return {
          text: readable(bytes.subarray(from, end)),
          cursor: offsetCursor(start + end),
          more: start + end < size && length === cap,
          truncated: cursor === null && start > 0,
        };
      } finally {
        await handle.close();
      }
    },

    async *downloadTaskLog(ref) {
      const handle = await opened(ref);
      try {
        // Decoded as a stream, so a character split between two pieces stays whole.
        const stream = handle.createReadStream({ highWaterMark: cap, autoClose: false, encoding: "utf8" });
        let partial = "";
        for await (const chunk of stream) {
          const lines = (partial + (chunk as string)).split("\n");
          partial = lines.pop() ?? "";
          yield lines.map((l) => `${readableLine(l)}\n`).join("");
        }
        if (partial) yield readableLine(partial);
      } finally {
        await handle.close();
      }
    },
  };
}
