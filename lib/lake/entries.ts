import type { LakeEntry as ApiEntry } from "@/lib/api/contracts/lake";
import type { LakeEntry } from "@/lib/platform/lake/port";
import { env } from "@/lib/env";
import { baseName, checkBucket, checkPrefix } from "@/lib/platform/lake/validate";

export { MAX_UPLOAD_BYTES, REPLACE_ROLE, UPLOAD_PREFIX } from "@/lib/api/contracts/lake";

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
