const DAY_MS = 86_400_000;

/** The last `days` days up to today, as the dashboards ask for them (UTC dates, both included). */
export function rangeOf(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

/**
 * [from 00:00, the day after `to` 00:00) in UTC, with reversed ends swapped and a range longer than
 * `maxDays` cut to its last `maxDays` days; `adjusted` says what was changed.
 */
export function rangeDates(from: string, to: string, maxDays = Infinity): { from: Date; to: Date; adjusted: string | null } {
  let start = Date.parse(`${from}T00:00:00Z`);
  let end = Date.parse(`${to}T00:00:00Z`);
  const notes: string[] = [];
  if (start > end) {
    [start, end] = [end, start];
    notes.push("from was after to: the ends were swapped");
  }
  if ((end - start) / DAY_MS + 1 > maxDays) {
    start = end - (maxDays - 1) * DAY_MS;
    notes.push(`cut to the last ${maxDays} days`);
  }
  return { from: new Date(start), to: new Date(end + DAY_MS), adjusted: notes.length ? notes.join("; ") : null };
}

export const startOfDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);
