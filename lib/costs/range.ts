const DAY_MS = 86_400_000;

/** The last `days` days up to today, as the dashboards ask for them (UTC dates, both included). */
export function rangeOf(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - (days - 1) * DAY_MS).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

/** [from 00:00, the day after `to` 00:00) in UTC. */
export function rangeDates(from: string, to: string): { from: Date; to: Date } {
  return { from: new Date(`${from}T00:00:00Z`), to: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) };
}
