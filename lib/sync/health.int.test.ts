import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localPeriodSpend } from "@/lib/budget/spend";
import { readBudget } from "@/lib/budget/store";
import estate from "@/lib/costs/estate.json";
import { readAlarms } from "@/lib/health/alarms";
import { localAlarms } from "@/lib/platform/alarms/local";
import type { Alarm, Alarms } from "@/lib/platform/alarms/port";
import { localBudget } from "@/lib/platform/budget/local";
import { localClusters } from "@/lib/platform/clusters/local";
import { PLATFORM_NAMESPACE } from "@/lib/platform/metrics/port";
import { syncTestbed } from "./testing";
import { alarmsSync, syncAlarms } from "./alarms";
import { budgetSync, syncBudget } from "./budget";

const bed = syncTestbed();
const MINUTE = 60_000;


const alarms = () => localAlarms({ lakeRoot: bed.lake.root, clusters: localClusters({ lakeRoot: bed.lake.root, repoRoot: process.cwd() }), namePrefix: "sync-", idleMinutes: 30 });
const fixed = (list: Alarm[]): Alarms => ({ adapter: "aws", probe: async () => "", list: async () => list });

describe("alarms sync", () => {
  it("caches each alarm's state, firing first, and follows it when it clears", async () => {
    const dir = path.join(bed.lake.root, "logs", "metrics", "big_data_pipeline");
    await mkdir(dir, { recursive: true });
    const failedAt = new Date(Date.now() - MINUTE);
    const datum = { MetricName: "DagRunFailed", Dimensions: [{ Name: "DagId", Value: "big_data_pipeline" }], Timestamp: failedAt.toISOString(), Value: 1, Unit: "Count" };
    await writeFile(path.join(dir, "r1.json"), JSON.stringify({ Namespace: PLATFORM_NAMESPACE, MetricData: [datum] }));

    expect(await syncAlarms({ prisma: bed.db.prisma, alarms: alarms() })).toEqual({ seen: 2, written: 2, skippedBackwards: 0, removed: 0 });
    const cached = await readAlarms(bed.db.prisma);
    expect(cached.map((a) => [a.name, a.state])).toEqual([
      ["sync-dag-run-failed", "ALARM"],
      ["sync-emr-cluster-idle", "OK"],
    ]);
    expect(cached[0]!.since).toEqual(failedAt);

    // Ten minutes on, the 5-minute period holds no failure: OK since that period ended.
    const later = localAlarms({ lakeRoot: bed.lake.root, clusters: localClusters({ lakeRoot: bed.lake.root, repoRoot: process.cwd() }), namePrefix: "sync-", idleMinutes: 30, now: () => new Date(Date.now() + 10 * MINUTE) });
    await syncAlarms({ prisma: bed.db.prisma, alarms: later });
    expect(await bed.db.prisma.alarm.findUnique({ where: { name: "sync-dag-run-failed" } })).toMatchObject({ state: "OK", since: new Date(failedAt.getTime() + 5 * MINUTE) });
  });

  it("never moves an alarm back to a state it left, and drops alarms the source no longer lists", async () => {
    const stale: Alarm = { name: "sync-dag-run-failed", description: null, state: "ALARM", reason: "old", since: new Date(Date.now() - 60 * MINUTE), metric: "m", condition: "c" };
    expect(await syncAlarms({ prisma: bed.db.prisma, alarms: fixed([stale]) })).toEqual({ seen: 1, written: 0, skippedBackwards: 1, removed: 1 });
    expect(await bed.db.prisma.alarm.findUnique({ where: { name: "sync-dag-run-failed" } })).toMatchObject({ state: "OK" });
    expect(await bed.db.prisma.alarm.count()).toBe(1);
  });

  it("plugs into the sync runner with a one-line summary", async () => {
    const source = alarmsSync({ prisma: bed.db.prisma, alarms: alarms(), intervalMs: 30_000 });
    expect(source.name).toBe("alarms");
    // The cache holds the OK seen "ten minutes on"; today's ALARM began before that OK: a stale capture.
    expect(await source.poll()).toBe("2 alarm(s), 0 firing, 1 stale capture(s) ignored");
  });
});

describe("budget sync, local", () => {
  it("prices this month's local cost series against the budget, and forecasts the month on a straight line", async () => {
    const now = new Date(Date.UTC(2026, 10, 16)); // 15 whole days into a 30-day month
    const budget = localBudget({
      name: "local-monthly",
      limitUsd: 700,
      alerts: [{ kind: "ACTUAL", comparison: "GREATER_THAN", threshold: 80, absolute: false }],
      now: () => now,
      spend: (period) => localPeriodSpend({ prisma: bed.db.prisma, region: "eu-west-1", environment: "dev", bucket: "builditall-lake" }, period),
    });
    expect(await syncBudget({ prisma: bed.db.prisma, budget, now })).toBe("budget local-monthly for 2026-11");
    const cached = await readBudget(bed.db.prisma, "local-monthly");
    // No run and no lake yet: the month so far is dev's always-on estate (infra's estimate), 15 days × 24 h of it.
    const hourly = estate.envs.dev.fixedUsdPerMonth / estate.hoursPerMonth;
    expect(cached!.actualUsd).toBeCloseTo(15 * 24 * hourly, 0);
    expect(cached!.forecastUsd).toBeCloseTo(2 * cached!.actualUsd, 1);
    expect(cached).toMatchObject({ limitUsd: 700, measured: false, periodStart: new Date(Date.UTC(2026, 10, 1)), periodEnd: new Date(Date.UTC(2026, 11, 1)) });
  });

  it("keeps the newer capture when an older one arrives late", async () => {
    const budget = localBudget({ name: "late", limitUsd: 10, alerts: [], spend: async () => ({ actualUsd: 5, forecastUsd: 9, source: "s" }) });
    await syncBudget({ prisma: bed.db.prisma, budget, now: new Date() });
    const older = localBudget({ name: "late", limitUsd: 10, alerts: [], spend: async () => ({ actualUsd: 1, forecastUsd: 2, source: "s" }) });
    expect(await syncBudget({ prisma: bed.db.prisma, budget: older, now: new Date(Date.now() - MINUTE) })).toMatch(/older than the cached capture, ignored/);
    expect((await readBudget(bed.db.prisma, "late"))!.actualUsd).toBe(5);
    expect(budgetSync({ prisma: bed.db.prisma, budget, intervalMs: 1000 }).name).toBe("budget");
  });
});
