import { recordAlarms } from "@/lib/health/alarms";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Alarms } from "@/lib/platform/alarms/port";
import type { SyncSource } from "./runner";

/** The alarms sync: one DescribeAlarms (or local evaluation) per poll, into the Alarm table. */
export const ALARMS_SOURCE = "alarms";

export function syncAlarms(deps: { prisma: PrismaClient; alarms: Alarms; now?: Date }) {
  return deps.alarms.list().then((list) => recordAlarms(deps.prisma, list, deps.now ?? new Date()));
}

export function alarmsSync(deps: { prisma: PrismaClient; alarms: Alarms; intervalMs: number }): SyncSource {
  return {
    name: ALARMS_SOURCE,
    intervalMs: deps.intervalMs,
    async poll() {
      const r = await syncAlarms(deps);
      const firing = await deps.prisma.alarm.count({ where: { state: "ALARM" } });
      return `${r.seen} alarm(s), ${firing} firing${r.skippedBackwards ? `, ${r.skippedBackwards} stale capture(s) ignored` : ""}${r.removed ? `, ${r.removed} removed` : ""}`;
    },
  };
}
