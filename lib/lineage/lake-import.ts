import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Lake } from "@/lib/platform/lake/port";
import { MAX_PAGE } from "@/lib/platform/lake/port";
import { runEvent } from "./event";
import { recordEvent } from "./record";

/** Where the jobs write their events (etl/lineage.py): logs/lineage/date=<day>/<stamp>_<job>_<run>_<n>_<state>.json. */
export const LINEAGE_PREFIX = "logs/lineage/";
/** An event file larger than this is not an event of ours: skipped, never read whole. */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** Day folders re-listed behind the newest one imported: a job's events can land a little late. */
const DAYS_BEHIND = 1;

export interface LakeImport {
  stored: number;
  duplicates: number;
  skipped: string[];
}

async function listAll(lake: Lake, bucket: string, prefix: string, recursive: boolean) {
  const found = [];
  let cursor: string | null = null;
  do {
    const page = await lake.list(bucket, prefix, cursor, MAX_PAGE, { recursive });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
}

/**
 * Reads the event files not imported yet: the day folders from one before the newest day already
 * imported on (all of them the first time). Each file is recorded once (its key is kept with the
 * event), and an event also posted over HTTP is still stored once (same content, same id).
 */
export async function importLineageFromLake(db: PrismaClient, lake: Lake, bucket: string): Promise<LakeImport> {
  const newest = await db.lineageEvent.findFirst({ where: { sourceKey: { startsWith: LINEAGE_PREFIX } }, orderBy: { sourceKey: "desc" }, select: { sourceKey: true } });
  const days = (await listAll(lake, bucket, LINEAGE_PREFIX, false)).filter((e) => e.isFolder && /\/date=\d{4}-\d{2}-\d{2}\/$/.test(e.key)).map((e) => e.key);
  const newestDay = newest?.sourceKey ? days.indexOf(newest.sourceKey.slice(0, newest.sourceKey.lastIndexOf("/") + 1)) : -1;
  const result: LakeImport = { stored: 0, duplicates: 0, skipped: [] };
  for (const day of newestDay < 0 ? days : days.slice(Math.max(0, newestDay - DAYS_BEHIND))) {
    const files = (await listAll(lake, bucket, day, true)).filter((e) => !e.isFolder && e.key.endsWith(".json"));
    const known = new Set(
      (await db.lineageEvent.findMany({ where: { sourceKey: { in: files.map((f) => f.key) } }, select: { sourceKey: true } })).map((e) => e.sourceKey),
    );
    for (const file of files.filter((f) => !known.has(f.key))) {
      if (file.size > MAX_EVENT_BYTES) {
        result.skipped.push(`${file.key}: ${file.size} bytes`);
        continue;
      }
      const text = Buffer.from(await lake.read(bucket, file.key, 0, file.size)).toString("utf8");
      let parsed;
      try {
        parsed = runEvent.safeParse(JSON.parse(text));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        result.skipped.push(`${file.key}: ${parsed ? parsed.error.issues[0]?.message : "not JSON"}`);
        continue;
      }
      const outcome = await recordEvent(db, parsed.data, file.key);
      if (outcome === "stored") result.stored++;
      else result.duplicates++;
    }
  }
  return result;
}
