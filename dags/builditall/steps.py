"""What a pipeline run asks for, and the data-plane jobs (etl/) that carry it out.

The jobs' arguments are the same on EMR and on the local cluster; only the lake URI and the
way spark-submit is reached differ (see emr.py and local_spark.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

JOBS = ("generate", "transform", "quality")
ETL_PREFIX = "etl"  # <lake>/etl/ holds etl.zip and submit.py, as CI syncs them on AWS

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class RunRequest:
    run_date: date
    scale: float
    seed: int
    jobs: tuple[str, ...]
    run_id: str
    """The Airflow run id made safe for file and object names."""


@dataclass(frozen=True)
class SubmittingTask:
    """The Airflow task run that submits the steps: each job's lineage events name it as their parent."""

    dag_id: str
    run_id: str
    """The Airflow run id as Airflow spells it (the portal finds the run by it)."""
    task_id: str
    try_number: int

    def args(self) -> tuple[str, ...]:
        return (
            "--dag-id",
            self.dag_id,
            "--dag-run-id",
            self.run_id,
            "--task-id",
            self.task_id,
            "--try-number",
            str(self.try_number),
        )


@dataclass(frozen=True)
class JobStep:
    job: str
    args: tuple[str, ...]
    """Arguments after the entry script: `<job> --lake <uri> …`."""


def safe_run_id(run_id: str) -> str:
    return _UNSAFE.sub("_", run_id).strip("_")[:200] or "run"


def run_request(params: dict[str, Any], ds: str, run_id: str, default_scale: float) -> RunRequest:
    """Builds the request from the run's params, already validated by Airflow against the DAG's Params."""
    jobs = tuple(params.get("steps") or JOBS)
    unknown = set(jobs) - set(JOBS)
    if unknown:
        raise ValueError(f"unknown steps {sorted(unknown)}; choose from {JOBS}")
    scale = params.get("scale")
    return RunRequest(
        run_date=date.fromisoformat(params.get("run_date") or ds),
        scale=float(default_scale if scale is None else scale),
        seed=int(params.get("seed", 42)),
        # Jobs always run in pipeline order, whatever order the conf listed them in.
        jobs=tuple(job for job in JOBS if job in jobs),
        run_id=safe_run_id(run_id),
    )


def job_steps(request: RunRequest, lake_uri: str, parent: SubmittingTask | None = None) -> list[JobStep]:
    day = request.run_date.isoformat()
    argv = {
        "generate": (
            "--seed",
            str(request.seed),
            "--scale",
            repr(request.scale),
            "--start-date",
            day,
            "--end-date",
            day,
        ),
        "transform": ("--date", day),
        "quality": ("--date", day, "--run-id", request.run_id),
    }
    lineage = parent.args() if parent else ()
    return [JobStep(job, (job, "--lake", lake_uri, *argv[job], *lineage)) for job in request.jobs]
