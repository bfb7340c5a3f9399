"""The AWS path against moto server on loopback, as far as moto goes.

Moto's EMR accepts RunJobFlow, AddJobFlowSteps, ListSteps, DescribeCluster, ListClusters and
TerminateJobFlows, but it never runs a step (they stay RUNNING/PENDING), ignores InstanceFleets
and AutoTerminationPolicy, and reports a new cluster WAITING at once. So the pipeline run here
marks `check_submission_status` successful (dag.test's mark_success_pattern) and the request's
fleets, spot fallback and idle timeout are checked offline against botocore's model instead
(test_emr_request.py).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import pytest
from builditall.clusters import ClusterRequest
from builditall.emr import EmrClusters
from builditall.settings import resolve
from builditall.steps import JobStep
from conftest import run_dag

REGION = "eu-west-1"
VARIABLES = {
    "platform_target": "aws",
    "lake_bucket": "builditall-lake-test",
    "emr_subnet_ids": "subnet-0a1b2c3d4e5f60718",
    "emr_service_role": "builditall-emr-service",
    "emr_instance_profile": "builditall-emr-ec2",
    "emr_primary_security_group_id": "sg-0a1b2c3d4e5f60711",
    "emr_core_security_group_id": "sg-0a1b2c3d4e5f60722",
    "emr_service_access_security_group_id": "sg-0a1b2c3d4e5f60733",
}


@pytest.fixture(scope="module")
def moto_endpoint(tmp_path_factory: pytest.TempPathFactory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def aws_env(moto_endpoint, monkeypatch) -> dict[str, str]:
    connection = {"conn_type": "aws", "extra": {"endpoint_url": moto_endpoint, "region_name": REGION}}
    env = {
        "AIRFLOW_CONN_AWS_DEFAULT": json.dumps(connection),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        **{f"AIRFLOW_VAR_{key.upper()}": value for key, value in VARIABLES.items()},
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def client(service: str, endpoint: str):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x"
    )


def test_adapter_creates_finds_and_terminates_a_cluster_in_moto(aws_env, moto_endpoint):
    clusters = EmrClusters(resolve(VARIABLES.get))
    cluster_id = clusters.create(ClusterRequest("builditall-test", "big_data_pipeline", "run-1"))
    assert clusters.status(cluster_id).state == "WAITING"
    assert clusters.clusters_of_run("big_data_pipeline", "run-1") == [cluster_id]
    assert clusters.clusters_of_run("big_data_pipeline", "another-run") == []
    step_ids = clusters.add_steps(cluster_id, [JobStep("transform", ("transform", "--date", "2025-03-01"))])
    assert list(clusters.step_statuses(cluster_id, step_ids)) == step_ids
    clusters.terminate(cluster_id)
    assert clusters.status(cluster_id).state == "TERMINATED"
    assert clusters.clusters_of_run("big_data_pipeline", "run-1") == []


def test_pipeline_on_aws_creates_the_cluster_submits_the_jobs_and_terminates_it(
    airflow_home, aws_env, moto_endpoint
):
    run = run_dag(
        airflow_home,
        "big_data_pipeline",
        {"run_date": "2025-03-01", "scale": 0.5},
        aws_env,
        mark_success="^check_submission_status$",
    )
    assert run["state"] == "success", run["log"][-5000:]
    emr = client("emr", moto_endpoint)
    cluster_id = run["returned"]["create_emr_cluster"]
    cluster = emr.describe_cluster(ClusterId=cluster_id)["Cluster"]
    assert cluster["Status"]["State"] == "TERMINATED"
    assert cluster["ReleaseLabel"] == "emr-7.8.0"
    assert cluster["LogUri"] == "s3://builditall-lake-test/logs/emr/"
    assert cluster["ServiceRole"] == "builditall-emr-service"
    assert cluster["Ec2InstanceAttributes"]["IamInstanceProfile"] == "builditall-emr-ec2"
    assert cluster["Ec2InstanceAttributes"]["EmrManagedMasterSecurityGroup"] == "sg-0a1b2c3d4e5f60711"
    assert cluster["Ec2InstanceAttributes"]["ServiceAccessSecurityGroup"] == "sg-0a1b2c3d4e5f60733"
    assert {a["Name"] for a in cluster["Applications"]} == {"Hadoop", "Spark"}
    assert {"Key": "run_id", "Value": run["run_id"]} in cluster["Tags"]
    steps = sorted(emr.list_steps(ClusterId=cluster_id)["Steps"], key=lambda s: s["Id"])
    by_name = {s["Name"]: s["Config"]["Args"] for s in steps}
    assert set(by_name) == {"generate", "transform", "quality"}
    assert by_name["generate"][:3] == ["spark-submit", "--deploy-mode", "cluster"]
    assert "s3://builditall-lake-test" in by_name["generate"]
    # Each job names the task run that submitted it: the parent of its lineage events.
    parent = by_name["quality"][-8:]
    assert parent[:2] == ["--dag-id", "big_data_pipeline"] and parent[3] == run["run_id"]
    assert parent[4:6] == ["--task-id", "submit_spark_application"] and parent[6:] == ["--try-number", "1"]
    # Moto never finishes a step, so the run's figures report it as not succeeded.
    names = {
        m["MetricName"]
        for m in client("cloudwatch", moto_endpoint).list_metrics(Namespace="BuildItAll/Platform")["Metrics"]
    }
    assert {"DagRunFailed", "ClusterDurationSeconds", "InstanceSeconds"} <= names
    assert not [name for name in names if "Cost" in name]
