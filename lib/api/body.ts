import { Readable } from "node:stream";
import busboy from "busboy";
import { InvalidInput, TooLarge } from "@/lib/platform/errors";
import { ApiError } from "./errors";

/** The largest JSON body any route reads: every contract's body is far smaller. */
export const MAX_JSON_BYTES = 64 * 1024;

function tooLarge(limit: number): ApiError {
  return new ApiError("payload_too_large", `The request body is over ${limit} bytes; nothing was read past that.`);
}

/**
 * A request body as text, counted as it arrives: a declared Content-Length over the limit is refused
 * before a byte is read, and a chunked (or lying) body as soon as it passes the limit.
 */
export async function readBodyText(req: Request, limit = MAX_JSON_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The one file of a multipart upload, as a stream that fails with TooLarge past its cap. */
export interface UploadedFile {
  name: string;
  type: string;
  stream: ReadableStream<Uint8Array>;
}

/** Fails the stream (TooLarge, mapped to 413) as soon as more than `limit` bytes have passed. */
export function capped(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new TooLarge(`The upload is over ${limit} bytes; nothing was stored.`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

const MAX_FIELD_BYTES = 4096;
const MAX_FIELDS = 16;

/**
 * A multipart/form-data body streamed with busboy, never buffered: the text fields (which must come
 * before the file, as browsers send them in form order) and the file part as a capped stream.
 * Resolves as soon as the file part starts; the caller consumes the stream.
 */
export function readMultipart(req: Request, fileLimit: number): Promise<{ fields: Record<string, string>; file: UploadedFile | null }> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > fileLimit + MAX_FIELDS * MAX_FIELD_BYTES) return Promise.reject(tooLarge(fileLimit));
  if (!req.body) return Promise.reject(new ApiError("bad_request", "The request has no body."));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": req.headers.get("content-type") ?? "" },
      limits: { files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1 },
    });
  } catch {
    return Promise.reject(new ApiError("bad_request", "The request body is not valid multipart/form-data."));
  }
  const fields: Record<string, string> = {};
  const source = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        settle(() => reject(new ApiError("bad_request", `The form field ${name} is over ${MAX_FIELD_BYTES} bytes.`)));
        source.destroy();
        return;
      }
      fields[name] = value;
    });
    let filePart: Readable | null = null;
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || filePart) {
        stream.resume();
        return;
      }
      filePart = stream;
      const web = Readable.toWeb(stream) as ReadableStream<Uint8Array>;
      settle(() => resolve({ fields, file: { name: info.filename, type: info.mimeType, stream: capped(web, fileLimit) } }));
    });
    parser.on("close", () => settle(() => resolve({ fields, file: null })));
    parser.on("error", () => {
      const err = new InvalidInput("The request body is not valid multipart/form-data.");
      // A body that breaks mid-file fails the file's stream too, so its reader never waits forever.
      filePart?.destroy(err);
      settle(() => reject(err));
    });
    source.on("error", () => parser.destroy());
    source.pipe(parser);
  });
}

/**
 * A copy of `req` whose body was read with the JSON cap (413 past it): for handlers the portal does
 * not write itself (next-auth's), which would otherwise read any body whole.
 */
export async function withBoundedBody(req: Request): Promise<Response | Request> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  try {
    const text = await readBodyText(req);
    return new Request(req.url, { method: req.method, headers: req.headers, body: text });
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return Response.json({ error: { code: err.code, message: err.message } }, { status: err.status });
  }
}
