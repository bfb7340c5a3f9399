"""What big_data_pipeline's cluster tasks do, whichever estate the run targets.

The settings (target, lake, AWS identifiers) are read from Variables/environment when a task
first needs them, at run time only, and kept for the rest of that task process.
"""

from __future__ import annotations

import functools
import logging
from datetime import UTC, datetime
from typing import Any

from airflow.exceptions import AirflowFailException

from builditall import figures
from builditall.clusters import (
    DONE_STEP_STATES,
    FAILED_CLUSTER_STATES,
    READY_STATES,
    ClusterRequest,
    clusters_for,
)
from builditall.settings import PlatformSettings, resolve
from builditall.steps import RunRequest, SubmittingTask, job_steps, run_request

log = logging.getLogger(__name__)


@functools.cache
def _settings() -> PlatformSettings:
    """Resolved once per task process: a sensor pokes many times, and each lookup is an API call."""
    return resolve()


def _request(context: dict[str, Any], default_scale: float) -> RunRequest:
    # Runs triggered without a logical date (Airflow 3's default) have no `ds`: use the run's day.
    day = context.get("ds") or context["dag_run"].run_after.date().isoformat()
    return run_request(context["params"], day, context["run_id"], default_scale)


def create_cluster(context: dict[str, Any]) -> str:
    settings = _settings()
    request = _request(context, settings.default_scale)
    dag_id = context["dag"].dag_id
    cluster_id = clusters_for(settings).create(
        ClusterRequest(f"builditall-{dag_id}-{request.run_date}", dag_id, context["run_id"])
    )
    log.info(
        "%s cluster %s requested for %s (lake %s)", settings.target, cluster_id, request, settings.lake_uri
    )
    return cluster_id


def cluster_ready(cluster_id: str) -> bool:
    status = clusters_for(_settings()).status(cluster_id)
    log.info("cluster %s is %s %s", cluster_id, status.state, status.reason)
    if status.state in FAILED_CLUSTER_STATES:
        raise AirflowFailException(f"cluster {cluster_id} ended before it was ready: {status.reason}")
    return status.state in READY_STATES


def submit_jobs(cluster_id: str, context: dict[str, Any]) -> list[str]:
    settings = _settings()
    ti = context["ti"]
    parent = SubmittingTask(context["dag"].dag_id, context["run_id"], ti.task_id, ti.try_number)
    steps = job_steps(_request(context, settings.default_scale), settings.lake_uri, parent)
    step_ids = clusters_for(settings).add_steps(cluster_id, steps)
    for step, step_id in zip(steps, step_ids, strict=True):
        log.info("step %s submitted: %s", step_id, " ".join(step.args))
    return step_ids


def jobs_done(cluster_id: str, step_ids: list[str]) -> bool:
    statuses = clusters_for(_settings()).step_statuses(cluster_id, step_ids)
    log.info("steps of %s: %s", cluster_id, ", ".join(f"{i} {s.state}" for i, s in statuses.items()))
    unsuccessful = {i: s for i, s in statuses.items() if s.state in DONE_STEP_STATES - {"COMPLETED"}}
    if unsuccessful:
        details = "; ".join(f"{i} {s.state} {s.reason}".strip() for i, s in unsuccessful.items())
        raise AirflowFailException(f"steps did not complete: {details}")
    return len(statuses) == len(step_ids) and all(s.state == "COMPLETED" for s in statuses.values())


def terminate_clusters(cluster_id: str | None, step_ids: list[str] | None, context: dict[str, Any]) -> None:
    """Stops the run's cluster (and any other tagged with the run), then publishes the run's figures."""
    settings = _settings()
    clusters = clusters_for(settings)
    dag_id, run_id = context["dag"].dag_id, context["run_id"]
    targets = set(clusters.clusters_of_run(dag_id, run_id)) | ({cluster_id} if cluster_id else set())
    if not targets:
        log.info("no cluster to terminate for %s", run_id)
    for target in sorted(targets):
        log.info("terminating cluster %s", target)
        clusters.terminate(target)
    succeeded = bool(cluster_id and step_ids) and all(
        s.state == "COMPLETED" for s in clusters.step_statuses(cluster_id, step_ids).values()
    )
    request = _request(context, settings.default_scale)
    records = figures.records_processed(settings) if succeeded and "generate" in request.jobs else None
    lifetime = clusters.lifetime(cluster_id) if cluster_id else None
    data = figures.pipeline_datums(dag_id, succeeded, lifetime, records, datetime.now(UTC))
    try:
        where = figures.publish(settings, dag_id, request.run_id, data)
        log.info("figures published to %s: %s", where, {d["MetricName"]: d["Value"] for d in data})
    except Exception:  # the cluster is stopped; a metrics outage must not fail its cleanup
        log.exception("could not publish the run's figures")
