import { execFileSync } from "node:child_process";
import path from "node:path";

/**
 * A real local Spark cluster for the clusters and costs specs, started and described by the DAGs'
 * own code (dags/builditall/local_spark.py) in the e2e estate's lake, exactly as a pipeline run does.
 */
export const lakeRoot = path.resolve(process.env.E2E_HOME ?? ".platform/e2e", "lake", "builditall-lake");
const python = path.resolve(".venv/bin/python");

function py(script: string, ...args: string[]): string {
  return execFileSync(python, ["-c", script, lakeRoot, ...args], {
    env: { ...process.env, PYTHONPATH: path.resolve("dags") },
    encoding: "utf8",
    timeout: 120_000,
  }).trim();
}

const START = `
import sys, time
from pathlib import Path
from builditall.clusters import ClusterRequest
from builditall.local_spark import LocalSparkClusters
clusters = LocalSparkClusters(Path(sys.argv[1]))
cid = clusters.create(ClusterRequest(name=sys.argv[3], dag_id="big_data_pipeline", run_id=sys.argv[2]))
for _ in range(120):
    if clusters.status(cid).state == "WAITING":
        break
    time.sleep(1)
print(cid)
`;

/** Starts a cluster tagged with a run of big_data_pipeline and waits until it is WAITING; returns its id. */
export function startLocalCluster(runId: string): string {
  return py(START, runId, `e2e-${runId}`).split("\n").at(-1)!;
}

const FINISH = `
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from builditall.figures import pipeline_datums, publish
from builditall.local_spark import LocalSparkClusters
lake, cid, run_id, records = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
clusters = LocalSparkClusters(lake)
clusters.terminate(cid)
data = pipeline_datums("big_data_pipeline", True, clusters.lifetime(cid), records, datetime.now(UTC))
publish(SimpleNamespace(target="local", lake_path=lake), "big_data_pipeline", run_id, data)
`;

/** What the pipeline's last task does: terminates the cluster and publishes the run's figures. */
export function finishRun(clusterId: string, runId: string, records: number): void {
  py(FINISH, clusterId, runId, String(records));
}

const MASTER_ALIVE = `
import json, sys
from pathlib import Path
from builditall import processes
from builditall.local_spark import MASTER
state = json.loads((Path(sys.argv[1]) / "logs" / "emr" / sys.argv[2] / "processes.json").read_text())
print("alive" if processes.is_running(state.get("master_pid"), MASTER) else "stopped")
`;

export function masterIsRunning(clusterId: string): boolean {
  return py(MASTER_ALIVE, clusterId) === "alive";
}

/** Stops whatever a failed spec left running. */
export function stopAllLocalClusters(): void {
  execFileSync(python, ["-m", "builditall.local_spark", "stop-all", "--lake", lakeRoot], {
    env: { ...process.env, PYTHONPATH: path.resolve("dags") },
    timeout: 120_000,
  });
}

const FAILED = `
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from builditall.figures import pipeline_datums, publish
lake, run_id = Path(sys.argv[1]), sys.argv[2]
publish(SimpleNamespace(target="local", lake_path=lake), "big_data_pipeline", run_id, pipeline_datums("big_data_pipeline", False, None, None, datetime.now(UTC)))
`;

/** What a failed pipeline run publishes (DagRunFailed = 1), by the pipeline's own code. */
export function publishFailedRun(runId: string): void {
  py(FAILED, runId);
}
