import { toCsv } from "@/components/ui/csv";

/** The run history's CSV columns, in order. */
export const RUN_CSV_COLUMNS = ["dagId", "runId", "state", "triggeredBy", "logicalDate", "queuedAt", "startedAt", "endedAt", "createdAt", "conf"] as const;

export function runsToCsv(rows: Record<string, unknown>[]): string {
  return toCsv(RUN_CSV_COLUMNS, rows.map((r) => RUN_CSV_COLUMNS.map((c) => r[c])));
}
