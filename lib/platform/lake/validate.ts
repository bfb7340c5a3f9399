import { InvalidInput, NotFound } from "../errors";

/**
 * What both adapters accept as a key or a prefix, so a key valid on S3 is valid locally and a key
 * that could escape the local lake root is refused before any adapter sees it (400).
 * S3 allows almost any UTF-8; the lake keeps to keys that are also safe paths.
 */
export const MAX_KEY_BYTES = 1024;

// Percent-encoded ".", "/", "\" and NUL: a key holding them was encoded once too often, or on purpose.
const ENCODED_TRICK = /%(2e|2f|5c|00)/i;
// C0 controls and DEL: never part of a lake key, and NUL truncates paths in native code.
const CONTROL = /[\u0000-\u001f\u007f]/;

function invalid(what: string, value: string, why: string): never {
  throw new InvalidInput(`Invalid ${what} ${JSON.stringify(value.slice(0, 200))}: ${why}.`);
}

function checkPath(what: string, value: string): void {
  if (Buffer.byteLength(value, "utf8") > MAX_KEY_BYTES) invalid(what, value, `longer than ${MAX_KEY_BYTES} bytes`);
  if (CONTROL.test(value)) invalid(what, value, "it holds a control character (NUL, newline…)");
  if (value.startsWith("/")) invalid(what, value, "it starts with '/' (keys are relative to the bucket)");
  if (value.includes("\\")) invalid(what, value, "it holds a backslash");
  if (ENCODED_TRICK.test(value)) invalid(what, value, "it holds a percent-encoded '.', '/', '\\' or NUL");
  const segments = value.split("/");
  if (value.endsWith("/")) segments.pop();
  for (const segment of segments) {
    if (segment === "") invalid(what, value, "it has an empty path segment ('//')");
    if (segment === "." || segment === "..") invalid(what, value, "it has a '.' or '..' segment");
  }
}

/** An object's key: non-empty, no trailing "/". */
export function checkKey(key: string): string {
  if (key === "") invalid("key", key, "it is empty");
  if (key.endsWith("/")) invalid("key", key, "it ends with '/' (that is a folder)");
  checkPath("key", key);
  return key;
}

/** A folder to list: "" (the bucket root) or a path ending with "/". */
export function checkPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  if (!prefix.endsWith("/")) invalid("prefix", prefix, "a prefix is a folder and ends with '/'");
  checkPath("prefix", prefix);
  return prefix;
}

export function checkBucket(bucket: string, configured: readonly string[]): string {
  if (!configured.includes(bucket)) {
    throw new NotFound(`Unknown bucket ${JSON.stringify(bucket.slice(0, 100))}: not one of the configured lake buckets.`);
  }
  return bucket;
}

/** The last segment of a key or folder, for display ("raw/orders/" → "orders/"). */
export function baseName(key: string): string {
  const trimmed = key.endsWith("/") ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1) + (key.endsWith("/") ? "/" : "");
}

export function checkLimit(limit: number, max: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new InvalidInput(`Invalid limit ${limit}: a page holds 1 to ${max} entries.`);
  }
  return limit;
}

/** [start, end) within an object of `size` bytes, at most `max` bytes long. */
export function checkRange(start: number, end: number, size: number, max: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > size) {
    throw new InvalidInput(`Invalid byte range [${start}, ${end}) of an object of ${size} bytes.`);
  }
  if (end - start > max) throw new InvalidInput(`A single read is limited to ${max} bytes.`);
}
