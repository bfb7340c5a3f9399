"""Runs a local cluster's pending steps one at a time, as EMR does with StepConcurrencyLevel 1.

Started detached by LocalSparkClusters.add_steps: `python -m builditall.step_runner <lake> <cluster-id>`.
Each step's spark-submit writes to `<lake>/logs/emr/<cluster-id>/steps/<step-id>/{stdout,stderr}`;
a failed step cancels the pending ones (ActionOnFailure CANCEL_AND_WAIT) and the cluster
goes back to WAITING for the terminate task.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from builditall.cluster_record import ClusterRecord, runtime_dir, set_cluster_state, set_step_state
from builditall.local_spark import spark_env, spark_home

log = logging.getLogger("builditall.step_runner")


def next_step(record: ClusterRecord) -> dict[str, Any] | None:
    with record.update() as document:
        if document["Cluster"]["Status"]["State"] != "RUNNING":
            return None
        for step in document["Steps"]:
            if step["Status"]["State"] == "PENDING":
                set_step_state(step, "RUNNING")
                return step
        set_cluster_state(document, "WAITING", "Steps completed")
        return None


def run_step(lake: Path, cluster_id: str, step: dict[str, Any]) -> tuple[int, Path]:
    logs = runtime_dir(lake, cluster_id) / "steps" / step["Id"]
    logs.mkdir(parents=True, exist_ok=True)
    argv = [str(spark_home() / "bin" / "spark-submit"), *step["Config"]["Args"][1:]]
    log.info("step %s (%s) started: %s", step["Id"], step["Name"], " ".join(argv))
    with (logs / "stdout").open("wb") as stdout, (logs / "stderr").open("wb") as stderr:
        code = subprocess.run(
            argv, stdout=stdout, stderr=stderr, env=spark_env(runtime_dir(lake, cluster_id))
        ).returncode
    log.info("step %s (%s) exited with %d", step["Id"], step["Name"], code)
    return code, logs / "stderr"


def finish_step(record: ClusterRecord, step_id: str, code: int, stderr: Path) -> None:
    with record.update() as document:
        for step in document["Steps"]:
            if step["Id"] == step_id and step["Status"]["State"] == "RUNNING":
                if code == 0:
                    set_step_state(step, "COMPLETED")
                else:
                    set_step_state(step, "FAILED", f"spark-submit exited with {code}", f"file://{stderr}")
                    _cancel_pending(document["Steps"])
                    set_cluster_state(document, "WAITING", f"Step {step['Name']} failed")


def _cancel_pending(steps: list[dict[str, Any]]) -> None:
    for step in steps:
        if step["Status"]["State"] == "PENDING":
            set_step_state(step, "CANCELLED", "Cancelled after an earlier step failed")


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    lake, cluster_id = Path(argv[0]), argv[1]
    record = ClusterRecord(lake, cluster_id)
    while (step := next_step(record)) is not None:
        code, stderr = run_step(lake, cluster_id, step)
        finish_step(record, step["Id"], code, stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
