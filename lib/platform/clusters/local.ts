import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { groupsFromInstanceGroups, idleSinceFrom, isActive, toCluster, toStep, type EmrClusterShape, type EmrStepShape } from "./emr-shape";
import { assertClusterId, ClusterNotFoundError, type Cluster, type Clusters, type ClusterStep } from "./port";

/**
 * The local Spark standalone clusters of dags/builditall/local_spark.py: each writes its description
 * (EMR's DescribeCluster + ListSteps shape) to `<lake>/logs/clusters/<id>.json` and its process ids
 * to `<lake>/logs/emr/<id>/processes.json`.
 */
export interface LocalClustersOptions {
  /** The lake directory, `<PLATFORM_HOME>/lake/<bucket>`. */
  lakeRoot: string;
  /** The repository: `.venv/bin/python` runs the DAGs' package from `dags/`. */
  repoRoot: string;
  /** How long a termination may take before it is reported as failed. */
  terminateTimeoutMs?: number;
}

interface Description {
  Cluster: EmrClusterShape & { LogUri?: string };
  Steps: EmrStepShape[];
  StateChangeHistory?: { State?: string; Timestamp?: string; Reason?: string }[];
}

// The DAGs' own termination, so the description lock, the process checks (pid + command-line
// marker) and the state changes stay in one place. Input reaches it only as argv.
const TERMINATE = [
  "import sys",
  "from pathlib import Path",
  "from builditall.local_spark import LocalSparkClusters",
  "LocalSparkClusters(Path(sys.argv[1])).terminate(sys.argv[2])",
].join("\n");

export function localClusters(options: LocalClustersOptions): Clusters {
  const dir = path.join(options.lakeRoot, "logs", "clusters");
  const python = { binary: path.join(options.repoRoot, ".venv/bin/python"), dagsDir: path.join(options.repoRoot, "dags") };

  async function read(id: string): Promise<Description> {
    assertClusterId(id);
    try {
      return JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8")) as Description;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new ClusterNotFoundError(id);
      throw new Error(`local clusters: cannot read ${id}: ${(err as Error).message}`);
    }
  }

  const toPortCluster = (d: Description): Cluster =>
    toCluster(d.Cluster, {
      groups: groupsFromInstanceGroups(d.Cluster.InstanceGroups ?? []),
      history: d.StateChangeHistory,
      idleSince: idleSinceFrom(d.Cluster, d.Steps),
    });

  async function ids(): Promise<string[]> {
    try {
      const names = await readdir(dir);
      // The writer replaces files atomically through `.json.partial`: only whole documents count.
      return names.filter((n) => /^j-[A-Z0-9]+\.json$/.test(n)).map((n) => n.slice(0, -".json".length));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  }

  return {
    adapter: "local",

    async probe() {
      const found = await ids();
      return `${found.length} local cluster description(s) in ${dir}`;
    },

    async list({ active, createdAfter }) {
      const all = await Promise.all((await ids()).map(async (id) => toPortCluster(await read(id))));
      return all
        .filter((c) => (active ? isActive(c.state) : true))
        .filter((c) => !createdAfter || c.createdAt >= createdAfter)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    },

    async describe(id) {
      return toPortCluster(await read(id));
    },

    async steps(id): Promise<ClusterStep[]> {
      const d = await read(id);
      const logRoot = d.Cluster.LogUri?.replace(/\/?$/, "/") ?? null;
      return d.Steps.map((s) => toStep(s, logRoot && s.Id ? `${logRoot}steps/${s.Id}/` : null));
    },

    async terminate(id) {
      await read(id); // 404 for an unknown id, before any process starts
      await runPython(python, [TERMINATE, options.lakeRoot, id], options.terminateTimeoutMs ?? 60_000);
    },
  };
}

function runPython(python: { binary: string; dagsDir: string }, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(python.binary, ["-c", ...args], {
      cwd: python.dagsDir,
      // Termination only signals processes: the DAGs' package is all it needs.
      // (Next types ProcessEnv with a required NODE_ENV, which Python has no use for.)
      env: { PYTHONPATH: python.dagsDir } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`local clusters: cannot start ${python.binary}: ${err.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`local clusters: termination failed (${signal ?? `exit ${code}`}): ${stderr.trim().split("\n").pop() ?? ""}`));
    });
  });
}
