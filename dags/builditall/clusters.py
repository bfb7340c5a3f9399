"""The cluster port: what the pipeline's cluster tasks need from a cluster, whichever estate.

Two adapters implement it: `emr.EmrClusters` (AWS) and `local_spark.LocalSparkClusters`
(Spark standalone master and worker from the pyspark package). States and their names follow
EMR's DescribeCluster and ListSteps, so both estates report alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from builditall.settings import PlatformSettings
from builditall.steps import JobStep

READY_STATES = frozenset({"WAITING", "RUNNING"})
FAILED_CLUSTER_STATES = frozenset({"TERMINATING", "TERMINATED", "TERMINATED_WITH_ERRORS"})
DONE_STEP_STATES = frozenset({"COMPLETED", "CANCELLED", "FAILED", "INTERRUPTED"})


@dataclass(frozen=True)
class Status:
    state: str
    reason: str = ""


@dataclass(frozen=True)
class ClusterRequest:
    name: str
    dag_id: str
    run_id: str

    @property
    def tags(self) -> dict[str, str]:
        return {"project": "builditall", "dag_id": self.dag_id, "run_id": self.run_id}


@dataclass(frozen=True)
class Lifetime:
    created: datetime
    ended: datetime | None
    instances: dict[tuple[str, str], int]
    """Instance count per (market, instance type), e.g. ("SPOT", "m5.xlarge"): the run's usage, which
    the portal prices (lib/costs/model.ts)."""


class Clusters(Protocol):
    def create(self, request: ClusterRequest) -> str: ...

    def status(self, cluster_id: str) -> Status: ...

    def add_steps(self, cluster_id: str, steps: list[JobStep]) -> list[str]: ...

    def step_statuses(self, cluster_id: str, step_ids: list[str]) -> dict[str, Status]: ...

    def clusters_of_run(self, dag_id: str, run_id: str) -> list[str]:
        """Clusters tagged with this run that are not terminated yet."""
        ...

    def terminate(self, cluster_id: str) -> None: ...

    def lifetime(self, cluster_id: str) -> Lifetime: ...


def clusters_for(settings: PlatformSettings) -> Clusters:
    if settings.target == "aws":
        from builditall.emr import EmrClusters

        return EmrClusters(settings)
    from builditall.local_spark import LocalSparkClusters

    return LocalSparkClusters(settings.lake_path, settings.repo_root)
