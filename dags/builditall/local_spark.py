"""The local adapter of the cluster port: a Spark standalone cluster from the pyspark package.

A "cluster" is one master and LOCAL_WORKERS workers (Spark's own daemons), bound to 127.0.0.1,
started detached so they outlive the task that created them, with their logs and process ids
under `<lake>/logs/emr/<cluster-id>/` and their description in `<lake>/logs/clusters/`.
Steps run one after another in a detached step runner (step_runner.py), as on EMR.

`python -m builditall.local_spark stop-all --lake <dir>` terminates every live cluster of a lake
(the local Airflow script calls it on stop).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any

from builditall import processes
from builditall.cluster_record import (
    TERMINAL_CLUSTER_STATES,
    ClusterRecord,
    clusters_dir,
    new_description,
    new_id,
    now,
    runtime_dir,
    set_cluster_state,
    set_step_state,
)
from builditall.clusters import ClusterRequest, Lifetime, Status
from builditall.steps import ETL_PREFIX, JobStep

log = logging.getLogger(__name__)

# One worker with both cores: on a 2-core machine every extra JVM costs more than it brings.
LOCAL_WORKERS = 1
WORKER_CORES = "2"
WORKER_MEMORY = "2g"
MASTER = "org.apache.spark.deploy.master.Master"
WORKER = "org.apache.spark.deploy.worker.Worker"
STEP_RUNNER = "builditall.step_runner"
DAGS_DIR = Path(__file__).resolve().parents[1]


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def spark_env(runtime: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        SPARK_HOME=str(spark_home()),
        SPARK_LOCAL_IP="127.0.0.1",  # also binds the web UIs to loopback
        SPARK_NO_DAEMONIZE="1",
        SPARK_DAEMON_MEMORY="256m",
        SPARK_LOG_DIR=str(runtime / "daemons"),
        SPARK_WORKER_DIR=str(runtime / "work"),
        PYSPARK_PYTHON=sys.executable,
        PYSPARK_DRIVER_PYTHON=sys.executable,
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Spark settings of the local cluster, tuned for 2 cores and a few thousand to a few million rows
# (profiled with the event logs of bench/etl): each setting saves seconds per step, not per row.
LOCAL_SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    # Spark's 200 shuffle partitions suit terabytes; here each empty task costs scheduling time.
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.adaptive.coalescePartitions.enabled": "true",
    # Datasets of 365 daily partitions: list them on the driver, not with a Spark job per read.
    "spark.sql.sources.parallelPartitionDiscovery.threshold": "1024",
    # Dimensions (150 stores, 20k products, 150k customers) are broadcast, never shuffled.
    "spark.sql.autoBroadcastJoinThreshold": str(64 * 1024 * 1024),
    "spark.python.worker.reuse": "true",
    "spark.executor.memory": "1g",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}


# A step's driver plans queries and compiles their code: cold code run once, for which the C2
# compiler never pays back. With C1 only there, one day's transform + quality on this cluster took
# 79-128 s (mean 97) against 115-127 s (mean 123) in 4 alternating rounds (bench/pipelines/README.md).
# Executors keep the full JIT for the rows: C1 in local[*] at scale 1.0 was far slower.
# EMR steps are untouched (the AWS adapter's settings).
DRIVER_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"


def spark_submit_args(master_url: str, lake: Path, step: JobStep) -> list[str]:
    """One spark-submit per job, as EMR runs each job as its own step."""
    etl = lake / ETL_PREFIX
    conf = [arg for key, value in LOCAL_SPARK_CONF.items() for arg in ("--conf", f"{key}={value}")]
    return [
        "spark-submit",
        "--master",
        master_url,
        "--name",
        step.job,
        "--driver-memory",
        "1g",
        "--driver-java-options",
        DRIVER_JAVA_OPTIONS,
        *conf,
        "--py-files",
        str(etl / "etl.zip"),
        str(etl / "submit.py"),
        *step.args,
    ]


def publish_etl_artifacts(repo_root: Path, lake: Path) -> None:
    """Puts etl.zip and submit.py under <lake>/etl/, as CI syncs them to the bucket on AWS."""
    source = repo_root / "etl"
    if not (source / "submit.py").is_file():
        raise FileNotFoundError(f"the etl package is not at {source} (set platform_repo_root)")
    target = lake / ETL_PREFIX
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "etl.package", "--out", str(target / "etl.zip")],
        cwd=repo_root,
        check=True,
        capture_output=True,
        text=True,
    )
    shutil.copyfile(source / "submit.py", target / "submit.py")


class LocalSparkClusters:
    def __init__(self, lake: Path, repo_root: Path | None = None) -> None:
        self.lake = lake
        self.repo_root = repo_root

    def create(self, request: ClusterRequest) -> str:
        cluster_id = new_id("j-")
        runtime = runtime_dir(self.lake, cluster_id)
        record = ClusterRecord(self.lake, cluster_id)
        record.create(
            new_description(cluster_id, request.name, request.tags, f"file://{runtime}/", LOCAL_WORKERS)
        )
        env = spark_env(runtime)
        spark_class = str(spark_home() / "bin" / "spark-class")
        master_port, master_ui = free_port(), free_port()
        master_url = f"spark://127.0.0.1:{master_port}"
        state: dict[str, Any] = {"master_url": master_url, "master_ui": f"http://127.0.0.1:{master_ui}"}
        master = [spark_class, MASTER, "--host", "127.0.0.1", "--port", str(master_port)]
        state["master_pid"] = processes.start_detached(
            [*master, "--webui-port", str(master_ui)], runtime / "daemons" / "master.log", env, runtime
        )
        state["worker_pids"] = [
            processes.start_detached(
                [
                    spark_class,
                    WORKER,
                    "--host",
                    "127.0.0.1",
                    "--cores",
                    WORKER_CORES,
                    "--memory",
                    WORKER_MEMORY,
                    "--webui-port",
                    str(free_port()),
                    "--work-dir",
                    str(runtime / "work"),
                    master_url,
                ],
                runtime / "daemons" / f"worker-{index}.log",
                env,
                runtime,
            )
            for index in range(1, LOCAL_WORKERS + 1)
        ]
        _save_runtime(self.lake, cluster_id, state)
        log.info("local cluster %s starting: master %s, %d workers", cluster_id, master_url, LOCAL_WORKERS)
        return cluster_id

    def status(self, cluster_id: str) -> Status:
        record = ClusterRecord(self.lake, cluster_id)
        state = _load_runtime(self.lake, cluster_id)
        with record.update() as document:
            current = document["Cluster"]["Status"]["State"]
            if current in TERMINAL_CLUSTER_STATES or current == "TERMINATING":
                pass
            elif not processes.is_running(state.get("master_pid"), MASTER):
                set_cluster_state(
                    document, "TERMINATED_WITH_ERRORS", "The Spark master exited", "INTERNAL_ERROR"
                )
            elif current == "STARTING" and _workers_alive(state) >= LOCAL_WORKERS:
                set_cluster_state(document, "WAITING", "Cluster ready to run steps")
            status = document["Cluster"]["Status"]
        return Status(status["State"], status["StateChangeReason"].get("Message", ""))

    def add_steps(self, cluster_id: str, steps: list[JobStep]) -> list[str]:
        if self.repo_root is None:
            raise ValueError("submitting steps needs the repository root (for etl/)")
        publish_etl_artifacts(self.repo_root, self.lake)
        state = _load_runtime(self.lake, cluster_id)
        record = ClusterRecord(self.lake, cluster_id)
        ids = []
        with record.update() as document:
            if document["Cluster"]["Status"]["State"] not in ("WAITING", "RUNNING"):
                raise RuntimeError(f"cluster {cluster_id} is not ready for steps")
            for step in steps:
                step_id = new_id("s-")
                ids.append(step_id)
                document["Steps"].append(
                    {
                        "Id": step_id,
                        "Name": step.job,
                        "Config": {
                            "Jar": "command-runner.jar",
                            "Args": spark_submit_args(state["master_url"], self.lake, step),
                            "Properties": {},
                        },
                        "ActionOnFailure": "CANCEL_AND_WAIT",
                        "Status": {
                            "State": "PENDING",
                            "StateChangeReason": {},
                            "Timeline": {"CreationDateTime": now()},
                        },
                    }
                )
            set_cluster_state(document, "RUNNING", "Running steps")
        env = spark_env(runtime_dir(self.lake, cluster_id))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(DAGS_DIR), env.get("PYTHONPATH")]))
        runtime = runtime_dir(self.lake, cluster_id)
        state["step_runner_pid"] = processes.start_detached(
            [sys.executable, "-m", STEP_RUNNER, str(self.lake), cluster_id],
            runtime / "step-runner.log",
            env,
            runtime,
        )
        _save_runtime(self.lake, cluster_id, state)
        return ids

    def step_statuses(self, cluster_id: str, step_ids: list[str]) -> dict[str, Status]:
        state = _load_runtime(self.lake, cluster_id)
        runner_alive = processes.is_running(state.get("step_runner_pid"), STEP_RUNNER)
        with ClusterRecord(self.lake, cluster_id).update() as document:
            statuses = {}
            for step in document["Steps"]:
                if step["Id"] not in step_ids:
                    continue
                if step["Status"]["State"] in ("PENDING", "RUNNING") and not runner_alive:
                    set_step_state(step, "FAILED", "The step runner exited before the step ended")
                reason = step["Status"].get("FailureDetails", {}).get("LogFile", "")
                statuses[step["Id"]] = Status(step["Status"]["State"], reason)
        return statuses

    def clusters_of_run(self, dag_id: str, run_id: str) -> list[str]:
        wanted = {("dag_id", dag_id), ("run_id", run_id)}
        found = []
        for path in sorted(clusters_dir(self.lake).glob("j-*.json")):
            cluster = json.loads(path.read_text())["Cluster"]
            tags = {(tag["Key"], tag["Value"]) for tag in cluster["Tags"]}
            if wanted <= tags and cluster["Status"]["State"] not in TERMINAL_CLUSTER_STATES:
                found.append(cluster["Id"])
        return found

    def terminate(self, cluster_id: str) -> None:
        record = ClusterRecord(self.lake, cluster_id)
        with record.update() as document:
            if document["Cluster"]["Status"]["State"] in TERMINAL_CLUSTER_STATES:
                return
            set_cluster_state(document, "TERMINATING", "Terminated by the pipeline", "USER_REQUEST")
        state = _load_runtime(self.lake, cluster_id)
        processes.stop_group(state.get("step_runner_pid"), STEP_RUNNER)
        for pid in state.get("worker_pids", []):
            processes.stop_group(pid, WORKER)
        processes.stop_group(state.get("master_pid"), MASTER)
        with record.update() as document:
            for step in document["Steps"]:
                if step["Status"]["State"] in ("PENDING", "RUNNING"):
                    set_step_state(step, "CANCELLED", "Cancelled: the cluster was terminated")
            set_cluster_state(document, "TERMINATED", "Terminated by the pipeline", "USER_REQUEST")
        log.info("local cluster %s terminated", cluster_id)

    def lifetime(self, cluster_id: str) -> Lifetime:
        cluster = ClusterRecord(self.lake, cluster_id).read()["Cluster"]
        timeline = cluster["Status"]["Timeline"]
        ended = timeline.get("EndDateTime")
        instances: dict[tuple[str, str], int] = {}
        for group in cluster["InstanceGroups"]:
            key = (group["Market"], group["InstanceType"])
            instances[key] = instances.get(key, 0) + group["RequestedInstanceCount"]
        return Lifetime(
            datetime.fromisoformat(timeline["CreationDateTime"]),
            datetime.fromisoformat(ended) if ended else None,
            instances,
        )


def _workers_alive(state: dict[str, Any]) -> int:
    """Workers registered with the master, as its JSON endpoint reports them."""
    try:
        with urllib.request.urlopen(f"{state['master_ui']}/json/", timeout=2) as response:
            master = json.load(response)
    except OSError:
        return 0
    return int(master.get("aliveworkers", 0)) if master.get("status") == "ALIVE" else 0


def _runtime_file(lake: Path, cluster_id: str) -> Path:
    return runtime_dir(lake, cluster_id) / "processes.json"


def _save_runtime(lake: Path, cluster_id: str, state: dict[str, Any]) -> None:
    _runtime_file(lake, cluster_id).write_text(json.dumps(state, indent=2))


def _load_runtime(lake: Path, cluster_id: str) -> dict[str, Any]:
    path = _runtime_file(lake, cluster_id)
    return json.loads(path.read_text()) if path.exists() else {}


def stop_all(lake: Path) -> list[str]:
    """Terminates every cluster of the lake that is not terminated yet."""
    stopped = []
    for path in sorted(clusters_dir(lake).glob("j-*.json")):
        cluster = json.loads(path.read_text())["Cluster"]
        if cluster["Status"]["State"] not in TERMINAL_CLUSTER_STATES:
            LocalSparkClusters(lake).terminate(cluster["Id"])
            stopped.append(cluster["Id"])
    return stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builditall.local_spark")
    parser.add_argument("command", choices=["stop-all"])
    parser.add_argument("--lake", type=Path, required=True, help="the lake directory")
    args = parser.parse_args(argv)
    lake = args.lake.resolve()
    if not lake.is_dir():
        print(f"no lake at {lake}: nothing to stop")
        return 0
    stopped = stop_all(lake)
    print(f"stopped {len(stopped)} local Spark cluster(s){': ' + ', '.join(stopped) if stopped else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
