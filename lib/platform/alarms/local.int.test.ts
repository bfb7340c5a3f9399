import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { localClusters } from "../clusters/local";
import { tempLake, writeLocalCluster } from "../clusters/testing/local-lake";
import { PLATFORM_NAMESPACE } from "../metrics/port";
import { alarmsContract, CONTRACT_PREFIX, FAILED_RUN_ALARM, IDLE_CLUSTER_ALARM } from "./contract";
import { localAlarms } from "./local";

const MINUTE = 60_000;
const repoRoot = process.cwd();
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup) await fn();
});

/** A run's figures as dags/builditall/figures.py writes them locally, with DagRunFailed at `at`. */
async function publishFailure(lake: string, dagId: string, runId: string, at: Date): Promise<void> {
  const dir = path.join(lake, "logs", "metrics", dagId);
  await mkdir(dir, { recursive: true });
  const datum = { MetricName: "DagRunFailed", Dimensions: [{ Name: "DagId", Value: dagId }], Timestamp: at.toISOString(), Value: 1, Unit: "Count" };
  await writeFile(path.join(dir, `${runId}.json`), JSON.stringify({ Namespace: PLATFORM_NAMESPACE, DagId: dagId, RunId: runId, MetricData: [datum] }));
}

async function estate() {
  const lake = await tempLake();
  cleanup.push(lake.remove);
  const alarms = localAlarms({ lakeRoot: lake.root, clusters: localClusters({ lakeRoot: lake.root, repoRoot }), namePrefix: CONTRACT_PREFIX, idleMinutes: 30 });
  return { lake: lake.root, alarms };
}

alarmsContract("local", async () => {
  const { lake, alarms } = await estate();
  await publishFailure(lake, "contract_dag", "run-1", new Date(Date.now() - MINUTE));
  // Created 10 minutes ago, idle since its step ended: not yet the 30 minutes the alarm waits.
  await writeLocalCluster(lake, "j-CONTRACTIDLE1", { state: "WAITING", createdAt: new Date(Date.now() - 10 * MINUTE), dagId: "contract_dag", runId: "run-1" });
  return { adapter: alarms };
});

it("local: a cluster idle for the alarm's minutes sets it off, since the moment it crossed them", async () => {
  const { lake, alarms } = await estate();
  const created = new Date(Date.now() - 40 * MINUTE);
  await writeLocalCluster(lake, "j-LONGIDLE0001", { state: "WAITING", createdAt: created, dagId: "d", runId: "r" });
  const idle = (await alarms.list()).find((a) => a.name === IDLE_CLUSTER_ALARM)!;
  expect(idle.state).toBe("ALARM");
  expect(idle.reason).toContain("j-LONGIDLE0001");
  // writeLocalCluster's step ends 150 s after creation: idle from then, alarm 30 minutes later.
  expect(idle.since!.getTime()).toBe(created.getTime() + 150_000 + 30 * MINUTE);
});

it("local: a failed run older than the 5-minute period leaves the alarm OK since the period ended; none ever: OK, no since", async () => {
  const { lake, alarms } = await estate();
  expect((await alarms.list()).find((a) => a.name === FAILED_RUN_ALARM)).toMatchObject({ state: "OK", since: null });
  const at = new Date(Date.now() - 20 * MINUTE);
  await publishFailure(lake, "d", "old", at);
  const failed = (await alarms.list()).find((a) => a.name === FAILED_RUN_ALARM)!;
  expect(failed.state).toBe("OK");
  expect(failed.since!.getTime()).toBe(at.getTime() + 5 * MINUTE);
});
