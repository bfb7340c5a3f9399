import type { Lake } from "@/lib/platform/lake/port";
import { MAX_PAGE } from "@/lib/platform/lake/port";
import { recentResults } from "@/lib/platform/recent";

export interface PartitionSize {
  /** The `key=value` folders, e.g. "order_date=2025-01-01" or "year=2025/month=01". */
  name: string;
  objects: number;
  bytes: number;
}

export interface DatasetSummary {
  objects: number;
  bytes: number;
  partitions: PartitionSize[];
  /** True when the scan stopped at the object cap: the figures cover the first `objects` keys only. */
  truncated: boolean;
}

/** A summary lists at most this many objects (100 S3 pages), so one request stays bounded. */
export const SUMMARY_MAX_OBJECTS = 100_000;
const PARTITION = /^[^=/]+=[^/]*$/;

/** The leading `key=value` folders of a key below the prefix; null for an object outside any partition. */
export function partitionOf(relativeKey: string): string | null {
  const folders = relativeKey.split("/").slice(0, -1);
  const parts: string[] = [];
  for (const folder of folders) {
    if (PARTITION.test(folder)) parts.push(folder);
    else if (parts.length > 0) break;
  }
  return parts.length ? parts.join("/") : null;
}

/** Object count, bytes and partition sizes under a prefix, from recursive list pages. */
const SUMMARY_REUSE_MS = 15_000;
const recentSummaries = recentResults<DatasetSummary>(SUMMARY_REUSE_MS);

/** A prefix's summary, reused for a few seconds: it lists up to 100,000 objects (100 S3 calls). */
export function recentSummary(lake: Lake, bucket: string, prefix: string): Promise<DatasetSummary> {
  return recentSummaries(JSON.stringify([bucket, prefix]), () => summarize(lake, bucket, prefix));
}

export async function summarize(lake: Lake, bucket: string, prefix: string, maxObjects = SUMMARY_MAX_OBJECTS): Promise<DatasetSummary> {
  let objects = 0;
  let bytes = 0;
  const partitions = new Map<string, PartitionSize>();
  let cursor: string | null = null;
  do {
    const page = await lake.list(bucket, prefix, cursor, Math.min(MAX_PAGE, maxObjects - objects), { recursive: true });
    for (const item of page.items) {
      objects++;
      bytes += item.size;
      const name = partitionOf(item.key.slice(prefix.length));
      if (name) {
        const p = partitions.get(name) ?? { name, objects: 0, bytes: 0 };
        p.objects++;
        p.bytes += item.size;
        partitions.set(name, p);
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== null && objects < maxObjects);
  return {
    objects,
    bytes,
    partitions: [...partitions.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    truncated: cursor !== null,
  };
}
