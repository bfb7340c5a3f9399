"""The EMR adapter of the cluster port, and the cluster and steps it asks EMR for.

Cluster: EMR 7.8.0 (Spark 3.5.4, the Spark the etl pins), Hadoop and Spark, m5.xlarge,
one primary node on demand and two core nodes on spot that switch to on demand when spot
capacity is not found within SPOT_TIMEOUT_MINUTES (instance fleets: the only native
spot-to-on-demand fallback), terminated by the DAG and, as a backstop, after an idle hour.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from builditall.clusters import ClusterRequest, Lifetime, Status
from builditall.settings import PlatformSettings
from builditall.steps import ETL_PREFIX, JobStep

RELEASE_LABEL = "emr-7.8.0"
INSTANCE_TYPE = "m5.xlarge"
CORE_NODES = 2
SPOT_TIMEOUT_MINUTES = 10
EMR_PYTHON = "/usr/bin/python3.11"
IDLE_TIMEOUT_SECONDS = 3600
LIVE_STATES = ["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]
REQUESTED_MARKETS = {"ON_DEMAND": 1, "SPOT": CORE_NODES}


def job_flow_overrides(settings: PlatformSettings, request: ClusterRequest) -> dict[str, Any]:
    """RunJobFlow arguments; roles, subnets and security groups come from the run's settings, never
    from parse time."""
    overrides: dict[str, Any] = {
        "Name": request.name,
        "ReleaseLabel": RELEASE_LABEL,
        "Applications": [{"Name": "Hadoop"}, {"Name": "Spark"}],
        "LogUri": f"s3://{settings.bucket}/logs/emr/",
        "ServiceRole": settings.emr_service_role,
        "JobFlowRole": settings.emr_instance_profile,
        "VisibleToAllUsers": True,
        "StepConcurrencyLevel": 1,
        "Instances": {
            "Ec2SubnetIds": list(settings.emr_subnet_ids),
            "EmrManagedMasterSecurityGroup": settings.emr_primary_security_group_id,
            "EmrManagedSlaveSecurityGroup": settings.emr_core_security_group_id,
            "ServiceAccessSecurityGroup": settings.emr_service_access_security_group_id,
            "KeepJobFlowAliveWhenNoSteps": True,
            "TerminationProtected": False,
            "InstanceFleets": [
                {
                    "Name": "primary",
                    "InstanceFleetType": "MASTER",
                    # Losing the primary loses the cluster, so it never runs on spot.
                    "TargetOnDemandCapacity": REQUESTED_MARKETS["ON_DEMAND"],
                    "InstanceTypeConfigs": [{"InstanceType": INSTANCE_TYPE}],
                },
                {
                    "Name": "core",
                    "InstanceFleetType": "CORE",
                    "TargetSpotCapacity": REQUESTED_MARKETS["SPOT"],
                    "InstanceTypeConfigs": [{"InstanceType": INSTANCE_TYPE, "WeightedCapacity": 1}],
                    "LaunchSpecifications": {
                        "SpotSpecification": {
                            "TimeoutDurationMinutes": SPOT_TIMEOUT_MINUTES,
                            "TimeoutAction": "SWITCH_TO_ON_DEMAND",
                            "AllocationStrategy": "capacity-optimized",
                        }
                    },
                },
            ],
        },
        "AutoTerminationPolicy": {"IdleTimeout": IDLE_TIMEOUT_SECONDS},
        "Tags": [{"Key": key, "Value": value} for key, value in request.tags.items()],
    }
    if settings.emr_security_configuration:
        overrides["SecurityConfiguration"] = settings.emr_security_configuration
    return overrides


def emr_step(step: JobStep, bucket: str) -> dict[str, Any]:
    """An AddJobFlowSteps step running one etl job with the zip and entry script CI synced to the bucket."""
    etl = f"s3://{bucket}/{ETL_PREFIX}"
    return {
        "Name": step.job,
        # A failed job cancels the jobs after it and leaves the cluster for the terminate task.
        "ActionOnFailure": "CANCEL_AND_WAIT",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": [
                "spark-submit",
                "--deploy-mode",
                "cluster",
                # The etl needs Python 3.11; EMR 7's default python3 is 3.9, and 3.11 sits beside it.
                "--conf",
                f"spark.pyspark.python={EMR_PYTHON}",
                "--py-files",
                f"{etl}/etl.zip",
                f"{etl}/submit.py",
                *step.args,
            ],
        },
    }


class EmrClusters:
    def __init__(self, settings: PlatformSettings) -> None:
        self.settings = settings

    @cached_property
    def _hook(self):
        from airflow.providers.amazon.aws.hooks.emr import EmrHook

        # emr_conn_id=None: the overrides are the whole cluster definition, nothing merged in.
        return EmrHook(aws_conn_id=self.settings.aws_conn_id, emr_conn_id=None)

    def create(self, request: ClusterRequest) -> str:
        return self._hook.create_job_flow(job_flow_overrides(self.settings, request))["JobFlowId"]

    def status(self, cluster_id: str) -> Status:
        status = self._hook.conn.describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"]
        return Status(status["State"], status.get("StateChangeReason", {}).get("Message", ""))

    def add_steps(self, cluster_id: str, steps: list[JobStep]) -> list[str]:
        response = self._hook.conn.add_job_flow_steps(
            JobFlowId=cluster_id, Steps=[emr_step(step, self.settings.bucket) for step in steps]
        )
        return response["StepIds"]

    def step_statuses(self, cluster_id: str, step_ids: list[str]) -> dict[str, Status]:
        pages = self._hook.conn.get_paginator("list_steps").paginate(ClusterId=cluster_id, StepIds=step_ids)
        return {
            step["Id"]: Status(step["Status"]["State"], _failure(step["Status"]))
            for page in pages
            for step in page["Steps"]
        }

    def clusters_of_run(self, dag_id: str, run_id: str) -> list[str]:
        wanted = {("dag_id", dag_id), ("run_id", run_id)}
        pages = self._hook.conn.get_paginator("list_clusters").paginate(
            ClusterStates=LIVE_STATES, CreatedAfter=datetime.now(UTC) - timedelta(days=3)
        )
        found = []
        for page in pages:
            for summary in page["Clusters"]:
                tags = self._hook.conn.describe_cluster(ClusterId=summary["Id"])["Cluster"].get("Tags", [])
                if wanted <= {(tag["Key"], tag["Value"]) for tag in tags}:
                    found.append(summary["Id"])
        return found

    def terminate(self, cluster_id: str) -> None:
        self._hook.conn.terminate_job_flows(JobFlowIds=[cluster_id])

    def lifetime(self, cluster_id: str) -> Lifetime:
        timeline = self._hook.conn.describe_cluster(ClusterId=cluster_id)["Cluster"]["Status"]["Timeline"]
        instances = {(market, INSTANCE_TYPE): count for market, count in REQUESTED_MARKETS.items()}
        return Lifetime(timeline["CreationDateTime"], timeline.get("EndDateTime"), instances)


def _failure(status: dict[str, Any]) -> str:
    details = status.get("FailureDetails") or {}
    parts = [details.get("Reason"), details.get("Message"), details.get("LogFile")]
    return " | ".join(p for p in parts if p) or status.get("StateChangeReason", {}).get("Message", "")
