import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ImportError } from "@/lib/platform/orchestrator/port";

/**
 * Makes the stored import errors what Airflow lists now: a new broken file is added (since now),
 * a still-broken one keeps its `since` and takes the latest error, a file that imports again goes.
 * Returns how many files changed.
 */
export async function recordImportErrors(db: PrismaClient, errors: ImportError[], now = new Date()): Promise<number> {
  const listed = new Map(errors.map((e) => [e.filepath, e]));
  const gone = await db.dagImportError.deleteMany({ where: { filepath: { notIn: [...listed.keys()] } } });
  let changed = gone.count;
  for (const e of listed.values()) {
    const before = await db.dagImportError.findUnique({ where: { filepath: e.filepath } });
    if (before && before.error === e.error && before.bundleName === e.bundleName) {
      await db.dagImportError.update({ where: { filepath: e.filepath }, data: { seenAt: now } });
      continue;
    }
    await db.dagImportError.upsert({
      where: { filepath: e.filepath },
      create: { filepath: e.filepath, bundleName: e.bundleName, error: e.error, since: now, seenAt: now },
      update: { bundleName: e.bundleName, error: e.error, seenAt: now },
    });
    changed++;
  }
  return changed;
}

/** What a viewer sees of an error: its last line (the exception and message), not the traceback. */
export function errorSummary(error: string): string {
  const lines = error.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? "";
}
