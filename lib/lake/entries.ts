import type { LakeEntry as ApiEntry } from "@/lib/api/contracts/lake";
import type { LakeEntry } from "@/lib/platform/lake/port";
import { env } from "@/lib/env";
import { baseName, checkBucket, checkPrefix } from "@/lib/platform/lake/validate";

/** Engineers upload into this prefix only; curated data is written by the pipeline. */
export const UPLOAD_PREFIX = "raw/";
/** The portal parses an upload's form in memory, so one upload is bounded (S3 gets it in 8 MiB parts). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export function toApiEntry(e: LakeEntry): ApiEntry {
  return { ...e, name: baseName(e.key), lastModified: e.lastModified?.toISOString() ?? null };
}

/** Content-Disposition for a key's file name, safe for any character (RFC 6266 / 5987). */
export function attachmentName(key: string): string {
  const name = baseName(key);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A place in the lake a page was asked for: a configured bucket and a safe prefix, or InvalidInput / NotFound. */
export function lakeLocation(bucket: string, prefix: string): { bucket: string; prefix: string } {
  return { bucket: checkBucket(bucket, env.LAKE_BUCKETS), prefix: checkPrefix(prefix) };
}
