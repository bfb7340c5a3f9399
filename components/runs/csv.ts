/** CSV (RFC 4180) of run rows: quoted where needed; a cell starting with = + - @ is prefixed so spreadsheets do not run it. */
export const RUN_CSV_COLUMNS = ["dagId", "runId", "state", "triggeredBy", "logicalDate", "queuedAt", "startedAt", "endedAt", "createdAt", "conf"] as const;

function cell(value: unknown): string {
  let s = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function runsToCsv(rows: Record<string, unknown>[]): string {
  return [RUN_CSV_COLUMNS.join(","), ...rows.map((r) => RUN_CSV_COLUMNS.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}
