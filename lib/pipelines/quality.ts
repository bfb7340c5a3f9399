import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Lake } from "@/lib/platform/lake/port";

/** etl/quality/report.py's document (format_version 1): one per run, quality/date=<day>/<run-id>.json. */
const report = z.object({
  format_version: z.literal(1),
  run_id: z.string(),
  checks: z.array(
    z.object({
      dataset: z.string(),
      check: z.string(),
      severity: z.enum(["critical", "warning"]),
      status: z.enum(["passed", "failed"]),
      observed: z.unknown(),
      expected: z.unknown(),
    }),
  ),
});

const MAX_REPORT_BYTES = 1024 * 1024;

/** The run id as the DAG names files after it (dags/builditall/steps.py safe_run_id). */
export function safeRunId(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200) || "run";
}

/** Days the report may be filed under: the conf's run_date, the logical date, the start, the trigger. */
function candidateDays(run: { conf: unknown; logicalDate: Date | null; startedAt: Date | null; createdAt: Date }): string[] {
  const conf = (run.conf ?? {}) as { run_date?: unknown };
  const days = [typeof conf.run_date === "string" ? conf.run_date : null, ...[run.logicalDate, run.startedAt, run.createdAt].map((d) => d?.toISOString().slice(0, 10) ?? null)];
  return [...new Set(days.filter((d): d is string => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d)))];
}

/** Copies a finished run's quality report from the lake into QualityReport rows; returns how many checks. */
export async function importQualityReport(
  db: PrismaClient,
  lake: Lake,
  bucket: string,
  run: { runId: string; conf: unknown; logicalDate: Date | null; startedAt: Date | null; createdAt: Date },
): Promise<number> {
  for (const day of candidateDays(run)) {
    const key = `quality/date=${day}/${safeRunId(run.runId)}.json`;
    const head = await lake.head(bucket, key).catch(() => null);
    if (!head || head.size > MAX_REPORT_BYTES) continue;
    const parsed = report.safeParse(JSON.parse(Buffer.from(await lake.read(bucket, key, 0, head.size)).toString("utf8")));
    if (!parsed.success) throw new Error(`${key} is not a quality report: ${parsed.error.issues[0]?.message}`);
    await db.qualityReport.createMany({
      data: parsed.data.checks.map((c) => ({
        runId: run.runId,
        dataset: c.dataset,
        check: c.check,
        severity: c.severity === "critical" ? "error" : "warn",
        status: c.status === "passed" ? "pass" : "fail",
        observed: (c.observed ?? undefined) as Prisma.InputJsonValue | undefined,
        expected: (c.expected ?? undefined) as Prisma.InputJsonValue | undefined,
      })),
      skipDuplicates: true,
    });
    return parsed.data.checks.length;
  }
  return 0;
}
