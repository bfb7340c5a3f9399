import { CloudWatchLogsClient, DescribeLogGroupsCommand, GetLogEventsCommand, type OutputLogEvent } from "@aws-sdk/client-cloudwatch-logs";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InvalidInput, NotFound } from "../errors";
import {
  lineChunk,
  logCursorSchema,
  MAX_LOG_READ_BYTES,
  offsetOf,
  readableLine,
  readableLines,
  STEP_STREAMS,
  taskLogPath,
  type LogChunk,
  type Logs,
  type StepLogRef,
  type TaskLogRef,
} from "./port";

export interface CloudWatchLogsOptions {
  region: string;
  /** The MWAA environment's name: its task logs go to the log group `airflow-<name>-Task`. */
  environment: string;
  /** A protocol peer (moto server) instead of AWS. */
  endpoint?: string;
  /** Bytes per read; MAX_LOG_READ_BYTES unless a test wants small pieces. */
  readBytes?: number;
}

// Events per GetLogEvents page: with CloudWatch's own 1 MB page cap, a page is read whole.
const EVENTS_PER_PAGE = 500;

/** MWAA's task log stream: Airflow's relative log path with ":" as "_" (MWAA's CloudWatchRemoteTaskLogger). */
export const mwaaTaskStream = (ref: TaskLogRef) => taskLogPath(ref).replaceAll(":", "_");
export const mwaaTaskLogGroup = (environment: string) => `airflow-${environment}-Task`;

const isNotFound = (err: unknown) => (err as { name?: string }).name === "ResourceNotFoundException";

/** The events as text, newest cut first past `cap` bytes (a tail) or oldest kept first (a forward read). */
function textOf(events: OutputLogEvent[], cap: number, keep: "newest" | "oldest"): { text: string; cut: boolean } {
  const lines = events.map((e) => readableLine(e.message ?? ""));
  const ordered = keep === "newest" ? [...lines].reverse() : lines;
  const kept: string[] = [];
  let bytes = 0;
  for (const line of ordered) {
    bytes += Buffer.byteLength(line) + 1;
    if (bytes > cap && kept.length > 0) break;
    kept.push(line);
  }
  const text = (keep === "newest" ? kept.reverse() : kept).map((l) => `${l}\n`).join("");
  return { text, cut: kept.length < lines.length };
}

/** The step log's object: `<logUri><stream>.gz`, as EMR writes it; only an s3:// folder. */
function stepObject(ref: StepLogRef): { Bucket: string; Key: string } {
  if (!STEP_STREAMS.includes(ref.stream)) throw new InvalidInput("a step's log is stdout or stderr");
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/(.*\/)?$/.exec(ref.logUri);
  if (!match) throw new InvalidInput("not an S3 log folder");
  return { Bucket: match[1]!, Key: `${match[2] ?? ""}${ref.stream}.gz` };
}

/**
 * MWAA's task logs in CloudWatch Logs, read with GetLogEvents' own forward tokens as cursors; EMR's
 * step logs in S3, gzipped: decompressed as a stream, only the asked-for window kept.
 */
export function cloudWatchLogs(options: CloudWatchLogsOptions): Logs {
  const client = new CloudWatchLogsClient({ region: options.region, endpoint: options.endpoint });
  // forcePathStyle: the moto peer serves buckets by path, as the lake adapter does.
  const s3 = new S3Client({ region: options.region, endpoint: options.endpoint, forcePathStyle: Boolean(options.endpoint) });
  const logGroupName = mwaaTaskLogGroup(options.environment);
  const cap = options.readBytes ?? MAX_LOG_READ_BYTES;

  async function page(ref: TaskLogRef, from: { nextToken: string } | "tail" | "head") {
    try {
      return await client.send(
        new GetLogEventsCommand({
          logGroupName,
          logStreamName: mwaaTaskStream(ref),
          limit: EVENTS_PER_PAGE,
          ...(from === "tail" ? { startFromHead: false } : from === "head" ? { startFromHead: true } : { nextToken: from.nextToken, startFromHead: true }),
        }),
      );
    } catch (err) {
      if (isNotFound(err)) throw new NotFound(`No log for task ${ref.taskId}, try ${ref.tryNumber}, yet.`);
      if ((err as { name?: string }).name === "InvalidParameterException" && from !== "tail" && from !== "head") throw new InvalidInput("not a cursor this log returned");
      throw err;
    }
  }

  async function stepBytes(ref: StepLogRef): Promise<Readable> {
    try {
      const out = await s3.send(new GetObjectCommand(stepObject(ref)));
      return (out.Body as Readable).pipe(createGunzip());
    } catch (err) {
      if ((err as { name?: string }).name === "NoSuchKey") throw new NotFound(`No ${ref.stream} for the step yet: EMR uploads step logs every few minutes.`);
      throw err;
    }
  }

  return {
    adapter: "aws",
    async probe() {
      const out = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName, limit: 1 }));
      return out.logGroups?.some((g) => g.logGroupName === logGroupName) ? `CloudWatch Logs group ${logGroupName}` : `CloudWatch Logs answers; no group ${logGroupName} yet`;
    },

    async readTaskLog(ref, cursor): Promise<LogChunk> {
      if (cursor !== null && !logCursorSchema.safeParse(cursor).success) throw new InvalidInput("not a cursor this log returned");
      if (cursor === null) {
        const out = await page(ref, "tail");
        const events = out.events ?? [];
        const { text, cut } = textOf(events, cap, "newest");
        return { text, cursor: out.nextForwardToken!, more: false, truncated: cut || events.length === EVENTS_PER_PAGE };
      }
      const out = await page(ref, { nextToken: cursor });
      const events = out.events ?? [];
      // A page is one token's worth: text past the cap is dropped, not carried over (the download has it all).
      const { text, cut } = textOf(events, cap, "oldest");
      const next = out.nextForwardToken ?? cursor;
      return { text: cut ? `${text}… (cut at ${cap} bytes; download the log for all of it)\n` : text, cursor: next, more: events.length > 0 && next !== cursor, truncated: false };
    },

    async readStepLog(ref, cursor) {
      const wanted = cursor === null ? null : offsetOf(cursor);
      // The window: the last `cap` bytes (a tail), or `cap` bytes from the cursor; never the whole log.
      let window = Buffer.alloc(0);
      let size = 0;
      for await (const piece of await stepBytes(ref)) {
        const chunk = piece as Buffer;
        const at = size;
        size += chunk.length;
        if (wanted === null) window = Buffer.concat([window, chunk]).subarray(-cap);
        else if (size > wanted && window.length < cap) window = Buffer.concat([window, chunk.subarray(Math.max(0, wanted - at))]).subarray(0, cap);
      }
      const start = wanted === null ? size - window.length : Math.min(wanted, size);
      return lineChunk(window, start, size, wanted === null, cap);
    },

    async *downloadStepLog(ref) {
      const gunzip = await stepBytes(ref);
      gunzip.setEncoding("utf8");
      yield* readableLines(gunzip as AsyncIterable<string>);
    },

    async *downloadTaskLog(ref) {
      let out = await page(ref, "head");
      for (;;) {
        const events = out.events ?? [];
        if (events.length) yield events.map((e) => `${readableLine(e.message ?? "")}\n`).join("");
        const next = out.nextForwardToken;
        if (!next || events.length === 0) return;
        out = await page(ref, { nextToken: next });
      }
    },
  };
}
