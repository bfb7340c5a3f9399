import { importLineageFromLake } from "@/lib/lineage/lake-import";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Lake } from "@/lib/platform/lake/port";
import type { SyncSource } from "./runner";

/** The lineage sync: the jobs' OpenLineage event files (logs/lineage/ in the lake) into the read model. */
export const LINEAGE_SOURCE = "lineage";

export function lineageSync(deps: { prisma: PrismaClient; lake: Lake; bucket: string; intervalMs: number }): SyncSource {
  return {
    name: LINEAGE_SOURCE,
    intervalMs: deps.intervalMs,
    async poll() {
      const r = await importLineageFromLake(deps.prisma, deps.lake, deps.bucket);
      const skipped = r.skipped.length ? `, ${r.skipped.length} skipped (${r.skipped.slice(0, 3).join("; ")})` : "";
      return `${r.stored} lineage event(s) stored, ${r.duplicates} already known${skipped}`;
    },
  };
}
