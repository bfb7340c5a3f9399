import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { clustersContract } from "./contract";
import { localClusters } from "./local";
import { isAlive, startStandInMaster, tempLake, writeLocalCluster } from "./testing/local-lake";

const python = path.resolve(".venv/bin/python");
const repoRoot = process.cwd();
const LIVE = "j-LIVECLUSTER01";
const ENDED = "j-ENDEDCLUSTER1";

clustersContract("local", async () => {
  const lake = await tempLake();
  await writeLocalCluster(lake.root, ENDED, { state: "TERMINATED", createdAt: new Date(Date.now() - 3_600_000), dagId: "contract_dag", runId: "run-0" });
  await writeLocalCluster(lake.root, LIVE, { state: "WAITING", createdAt: new Date(Date.now() - 600_000), dagId: "contract_dag", runId: "run-1" });
  return { adapter: { clusters: localClusters({ lakeRoot: lake.root, repoRoot }), liveId: LIVE, endedId: ENDED }, close: lake.remove };
});

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup) await fn();
});

it("local: terminating stops the cluster's Spark processes through the DAGs' own code and records why", async () => {
  const lake = await tempLake();
  cleanup.push(lake.remove);
  const master = startStandInMaster(python);
  cleanup.push(async () => {
    if (isAlive(master)) process.kill(-master, "SIGKILL");
  });
  await writeLocalCluster(lake.root, LIVE, { state: "WAITING", createdAt: new Date(), dagId: "d", runId: "r", processes: { master_pid: master, worker_pids: [] } });
  const clusters = localClusters({ lakeRoot: lake.root, repoRoot });
  expect(isAlive(master)).toBe(true);
  expect((await clusters.describe(LIVE)).idleSince).toBeInstanceOf(Date);

  await clusters.terminate(LIVE);

  expect(isAlive(master)).toBe(false);
  const after = await clusters.describe(LIVE);
  expect(after.state).toBe("TERMINATED");
  expect(after.stateReason).toMatch(/USER_REQUEST/);
  expect(after.stateHistory.map((h) => h.state).slice(-2)).toEqual(["TERMINATING", "TERMINATED"]);
});

it("local: a lake without cluster descriptions lists nothing", async () => {
  const lake = await tempLake();
  cleanup.push(lake.remove);
  const clusters = localClusters({ lakeRoot: lake.root, repoRoot });
  expect(await clusters.list({ active: false })).toEqual([]);
  expect(await clusters.probe()).toMatch(/^0 local cluster/);
});
