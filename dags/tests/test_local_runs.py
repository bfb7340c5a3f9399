"""End to end on a real Airflow (`dag.test()`, SQLite metadata DB) and, for the pipeline, a real
Spark standalone cluster from the pyspark package running the real etl jobs in a temporary lake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builditall import processes
from builditall.local_spark import LOCAL_WORKERS, MASTER, STEP_RUNNER, WORKER
from builditall.steps import safe_run_id
from conftest import run_dag

RUN_DATE = "2025-03-01"


def description(lake: Path, cluster_id: str) -> dict:
    return json.loads((lake / "logs" / "clusters" / f"{cluster_id}.json").read_text())


def metrics(lake: Path, run_id: str) -> dict[str, float]:
    path = lake / "logs" / "metrics" / "big_data_pipeline" / f"{safe_run_id(run_id)}.json"
    document = json.loads(path.read_text())
    assert document["Namespace"] == "BuildItAll/Platform"
    assert all(
        d["Dimensions"][0] == {"Name": "DagId", "Value": "big_data_pipeline"} for d in document["MetricData"]
    )
    # Keyed by name and any further dimension values, e.g. InstanceSeconds:SPOT:local.spark-standalone.
    return {
        ":".join([d["MetricName"], *(x["Value"] for x in d["Dimensions"][1:])]): d["Value"]
        for d in document["MetricData"]
    }


def quality_report(lake: Path, day: str, run_id: str) -> dict:
    return json.loads((lake / "quality" / f"date={day}" / f"{safe_run_id(run_id)}.json").read_text())


def spark_processes_left(lake: Path, cluster_id: str) -> list[int]:
    state = json.loads((lake / "logs" / "emr" / cluster_id / "processes.json").read_text())
    candidates = [(state["master_pid"], MASTER), (state.get("step_runner_pid"), STEP_RUNNER)]
    candidates += [(pid, WORKER) for pid in state["worker_pids"]]
    return [pid for pid, marker in candidates if processes.is_running(pid, marker)]


def test_simple_addition_really_runs_its_task(airflow_home):
    run = run_dag(airflow_home, "simple_addition")
    assert run["state"] == "success"
    assert run["tasks"] == {"start": "success", "addition_task": "success", "end": "success"}
    assert run["returned"]["addition_task"] == 8
    assert "5 + 3 = 8" in run["log"]
    # No SMTP server listens: the success e-mail fails, is logged, and the run still succeeds.
    assert "Failed to send notification" in run["log"]


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lake") / "builditall-lake"


def local_env(lake: Path) -> dict[str, str]:
    return {"AIRFLOW_VAR_PLATFORM_TARGET": "local", "AIRFLOW_VAR_LAKE_URI": f"file://{lake}"}


@pytest.fixture(scope="module")
def pipeline_run(airflow_home, lake) -> dict:
    return run_dag(airflow_home, "big_data_pipeline", {"run_date": RUN_DATE, "scale": 0.001}, local_env(lake))


def test_pipeline_runs_the_etl_jobs_to_success(pipeline_run):
    assert pipeline_run["state"] == "success", pipeline_run["log"][-5000:]
    assert set(pipeline_run["tasks"].values()) == {"success"}


def test_pipeline_cluster_is_described_like_emr_and_terminated(pipeline_run, lake):
    cluster_id = pipeline_run["returned"]["create_emr_cluster"]
    document = description(lake, cluster_id)
    cluster = document["Cluster"]
    assert cluster["Id"] == cluster_id
    assert cluster["Status"]["State"] == "TERMINATED"
    assert cluster["Status"]["StateChangeReason"]["Code"] == "USER_REQUEST"
    assert {"CreationDateTime", "ReadyDateTime", "EndDateTime"} <= set(cluster["Status"]["Timeline"])
    assert {g["InstanceGroupType"]: g["Market"] for g in cluster["InstanceGroups"]} == {
        "MASTER": "ON_DEMAND",
        "CORE": "SPOT",
    }
    assert cluster["NormalizedInstanceHours"] > 0
    assert {"Key": "run_id", "Value": pipeline_run["run_id"]} in cluster["Tags"]
    states = [change["State"] for change in document["StateChangeHistory"]]
    assert states == ["STARTING", "WAITING", "RUNNING", "WAITING", "TERMINATING", "TERMINATED"]
    steps = document["Steps"]
    assert [s["Id"] for s in steps] == pipeline_run["returned"]["submit_spark_application"]
    assert [(s["Name"], s["Status"]["State"]) for s in steps] == [
        ("generate", "COMPLETED"),
        ("transform", "COMPLETED"),
        ("quality", "COMPLETED"),
    ]
    args = steps[0]["Config"]["Args"]
    assert args[args.index("--end-date") + 1] == RUN_DATE


def test_pipeline_leaves_no_spark_process_running(pipeline_run, lake):
    assert spark_processes_left(lake, pipeline_run["returned"]["create_emr_cluster"]) == []


def test_pipeline_writes_a_passing_quality_report_for_the_run_date(pipeline_run, lake):
    report = quality_report(lake, RUN_DATE, pipeline_run["run_id"])
    assert report["status"] == "passed"
    assert report["summary"]["failed_critical"] == 0


def test_pipeline_publishes_its_figures_to_the_lake(pipeline_run, lake):
    figures = metrics(lake, pipeline_run["run_id"])
    manifest = json.loads((lake / "raw" / "_manifest.json").read_text())
    assert figures["DagRunSucceeded"] == 1
    assert figures["RecordsProcessed"] == manifest["total_rows"] > 0
    assert figures["ClusterDurationSeconds"] > 0
    # Usage only (1 primary on demand, LOCAL_WORKERS spot workers): the portal prices it.
    assert figures["InstanceSeconds:ON_DEMAND:local.spark-standalone"] == figures["ClusterDurationSeconds"]
    assert figures["InstanceSeconds:SPOT:local.spark-standalone"] == pytest.approx(
        LOCAL_WORKERS * figures["ClusterDurationSeconds"]
    )
    assert not [name for name in figures if "Cost" in name]


def test_failing_quality_check_fails_the_run_and_the_cluster_is_still_stopped(
    airflow_home, lake, pipeline_run
):
    # The lake holds curated data up to RUN_DATE only, so the next day's freshness check fails.
    next_day = "2025-03-02"
    run = run_dag(
        airflow_home, "big_data_pipeline", {"run_date": next_day, "steps": ["quality"]}, local_env(lake)
    )
    assert run["state"] == "failed"
    assert run["tasks"]["check_submission_status"] == "failed"
    assert run["tasks"]["terminate_emr_cluster"] == "success"
    assert run["tasks"]["end_workflow"] == "upstream_failed"
    cluster_id = run["returned"]["create_emr_cluster"]
    document = description(lake, cluster_id)
    assert document["Cluster"]["Status"]["State"] == "TERMINATED"
    assert [(s["Name"], s["Status"]["State"]) for s in document["Steps"]] == [("quality", "FAILED")]
    assert spark_processes_left(lake, cluster_id) == []
    report = quality_report(lake, next_day, run["run_id"])
    assert report["status"] == "failed"
    failed = [c for c in report["checks"] if c["status"] == "failed" and c["severity"] == "critical"]
    assert ("orders", "freshness") in {(c["dataset"], c["check"]) for c in failed}
    assert metrics(lake, run["run_id"])["DagRunFailed"] == 1
