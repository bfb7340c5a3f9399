import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A throw-away lake holding local cluster descriptions in the shape dags/builditall/cluster_record.py
 * writes (copied from a real run's `logs/clusters/<id>.json`).
 */
export async function tempLake(): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), "clusters-lake-"));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

const iso = (d: Date) => d.toISOString();

export async function writeLocalCluster(
  lake: string,
  id: string,
  options: { state: "WAITING" | "TERMINATED"; createdAt: Date; dagId: string; runId: string; processes?: Record<string, unknown> },
): Promise<void> {
  const created = options.createdAt;
  const ready = new Date(created.getTime() + 18_000);
  const stepStart = new Date(created.getTime() + 27_000);
  const stepEnd = new Date(created.getTime() + 150_000);
  const ended = options.state === "TERMINATED" ? new Date(created.getTime() + 160_000) : null;
  const runtime = path.join(lake, "logs", "emr", id);
  const group = (type: string, market: string, count: number) => ({
    Id: `ig-${type}${id.slice(2, 10)}`,
    Name: type === "MASTER" ? "primary" : "core",
    InstanceGroupType: type,
    Market: market,
    InstanceType: "local.spark-standalone",
    RequestedInstanceCount: count,
    RunningInstanceCount: ended ? 0 : count,
  });
  const history = [
    { State: "STARTING", Timestamp: iso(created) },
    { State: "WAITING", Timestamp: iso(ready), Reason: "Cluster ready to run steps" },
    { State: "RUNNING", Timestamp: iso(stepStart), Reason: "Running steps" },
    { State: "WAITING", Timestamp: iso(stepEnd), Reason: "Steps completed" },
    ...(ended ? [{ State: "TERMINATED", Timestamp: iso(ended), Reason: "Terminated by the pipeline" }] : []),
  ];
  const document = {
    Cluster: {
      Id: id,
      Name: `builditall-${options.dagId}`,
      Status: {
        State: options.state,
        StateChangeReason: ended ? { Code: "USER_REQUEST", Message: "Terminated by the pipeline" } : { Message: "Steps completed" },
        Timeline: { CreationDateTime: iso(created), ReadyDateTime: iso(ready), ...(ended ? { EndDateTime: iso(ended) } : {}) },
      },
      ReleaseLabel: "local-spark-3.5.4",
      LogUri: `file://${runtime}/`,
      InstanceCollectionType: "INSTANCE_GROUP",
      InstanceGroups: [group("MASTER", "ON_DEMAND", 1), group("CORE", "SPOT", 2)],
      NormalizedInstanceHours: ended ? 24 : 0,
      AutoTerminationPolicy: { IdleTimeout: 3600 },
      Tags: [
        { Key: "project", Value: "builditall" },
        { Key: "dag_id", Value: options.dagId },
        { Key: "run_id", Value: options.runId },
      ],
    },
    Steps: [
      {
        Id: `s-${id.slice(2)}`,
        Name: "transform",
        Config: { Jar: "command-runner.jar", Args: ["spark-submit", "transform"], Properties: {} },
        ActionOnFailure: "CANCEL_AND_WAIT",
        Status: {
          State: "COMPLETED",
          StateChangeReason: {},
          Timeline: { CreationDateTime: iso(stepStart), StartDateTime: iso(stepStart), EndDateTime: iso(stepEnd) },
        },
      },
    ],
    StateChangeHistory: history,
  };
  await mkdir(path.join(lake, "logs", "clusters"), { recursive: true });
  await mkdir(runtime, { recursive: true });
  await writeFile(path.join(lake, "logs", "clusters", `${id}.json`), JSON.stringify(document, null, 2));
  await writeFile(path.join(runtime, "processes.json"), JSON.stringify(options.processes ?? {}));
}

/**
 * A process that looks like a Spark master to dags/builditall/processes.py (its marker is in its
 * command line), in a session of its own as the DAG starts them: the termination must stop it.
 */
export function startStandInMaster(python: string): number {
  const child = spawn(python, ["-c", "import time; time.sleep(600)", "org.apache.spark.deploy.master.Master"], {
    detached: true,
    stdio: "ignore",
  });
  child.unref();
  if (!child.pid) throw new Error("the stand-in master did not start");
  return child.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
