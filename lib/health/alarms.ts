import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Alarm, AlarmState } from "@/lib/platform/alarms/port";

export interface AlarmWriteResult {
  seen: number;
  written: number;
  /** Captures older than what is stored (a state entered before the one recorded): not written. */
  skippedBackwards: number;
  removed: number;
}

/**
 * Writes what the source says of each alarm, never moving one back to a state it left earlier:
 * a capture whose `since` is older than the stored one is ignored. Alarms the source no longer
 * lists (deleted from the estate) are removed.
 */
export async function recordAlarms(prisma: PrismaClient, alarms: Alarm[], seenAt: Date): Promise<AlarmWriteResult> {
  const result: AlarmWriteResult = { seen: alarms.length, written: 0, skippedBackwards: 0, removed: 0 };
  for (const a of alarms) {
    const stored = await prisma.alarm.findUnique({ where: { name: a.name } });
    if (stored?.since && a.since && a.since < stored.since) {
      result.skippedBackwards += 1;
      continue;
    }
    const data = { description: a.description, state: a.state, reason: a.reason, since: a.since, metric: a.metric, condition: a.condition, seenAt };
    await prisma.alarm.upsert({ where: { name: a.name }, create: { name: a.name, ...data }, update: data });
    result.written += 1;
  }
  const gone = await prisma.alarm.deleteMany({ where: { name: { notIn: alarms.map((a) => a.name) } } });
  result.removed = gone.count;
  return result;
}

/** The cached alarms, firing ones first, then by name. */
export async function readAlarms(prisma: PrismaClient): Promise<Alarm[]> {
  const rows = await prisma.alarm.findMany({ orderBy: { name: "asc" } });
  const rank: Record<AlarmState, number> = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };
  return rows
    .map((r) => ({ name: r.name, description: r.description, state: r.state as AlarmState, reason: r.reason, since: r.since, metric: r.metric, condition: r.condition }))
    .sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
}

/** Dates as ISO strings, as the API and the page's first render send them. */
export const alarmJson = (a: Alarm) => ({ ...a, since: a.since?.toISOString() ?? null });
