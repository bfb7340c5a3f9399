"""A local cluster's description: JSON shaped like EMR's DescribeCluster (`Cluster`) and
ListSteps (`Steps`), plus `StateChangeHistory`, at `<lake>/logs/clusters/<cluster-id>.json`.

The tasks and the detached step runner all update it, each under an exclusive lock, and every
write replaces the file atomically so a reader (the portal) never sees half a document.
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import re
import secrets
import string
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_ID_ALPHABET = string.ascii_uppercase + string.digits
# The portal's rule too (lib/platform/clusters/port.ts): both sides test dags/tests/cluster_ids.json.
CLUSTER_ID = re.compile(r"j-[A-Z0-9]{1,64}")
TERMINAL_CLUSTER_STATES = ("TERMINATED", "TERMINATED_WITH_ERRORS")
# EMR's normalization factor of an m5.xlarge: the local cluster stands in for one.
NORMALIZATION_FACTOR = 8


def is_cluster_id(text: str) -> bool:
    """EMR's cluster ids (j-…), which the local clusters mimic. fullmatch: `$` would let a newline end one."""
    return CLUSTER_ID.fullmatch(text) is not None


def new_id(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(13))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def clusters_dir(lake: Path) -> Path:
    return lake / "logs" / "clusters"


def runtime_dir(lake: Path, cluster_id: str) -> Path:
    """Where a cluster's logs and process ids live, as EMR writes to `<LogUri>/<cluster-id>/`."""
    return lake / "logs" / "emr" / cluster_id


class ClusterRecord:
    def __init__(self, lake: Path, cluster_id: str) -> None:
        if not is_cluster_id(cluster_id):
            raise ValueError(f"{cluster_id!r} is not a cluster id")
        self.cluster_id = cluster_id
        self.path = clusters_dir(lake) / f"{cluster_id}.json"
        self._lock = runtime_dir(lake, cluster_id) / "description.lock"

    def create(self, document: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock.parent.mkdir(parents=True, exist_ok=True)
        self._write(document)

    def read(self) -> dict[str, Any]:
        return json.loads(self.path.read_text())

    @contextmanager
    def update(self) -> Iterator[dict[str, Any]]:
        with self._lock.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            document = self.read()
            yield document
            self._write(document)

    def _write(self, document: dict[str, Any]) -> None:
        partial = self.path.with_suffix(".json.partial")
        partial.write_text(json.dumps(document, indent=2))
        os.replace(partial, self.path)


def new_description(
    cluster_id: str, name: str, tags: dict[str, str], log_uri: str, workers: int
) -> dict[str, Any]:
    """Markets mirror what the pipeline asks EMR for: primary on demand, core nodes on spot."""
    created = now()
    groups = [_instance_group("MASTER", "ON_DEMAND", 1), _instance_group("CORE", "SPOT", workers)]
    return {
        "Cluster": {
            "Id": cluster_id,
            "Name": name,
            "Status": {
                "State": "STARTING",
                "StateChangeReason": {"Message": "Starting the Spark standalone master and workers"},
                "Timeline": {"CreationDateTime": created},
            },
            "ReleaseLabel": "local-spark-3.5.4",
            "Applications": [{"Name": "Spark", "Version": "3.5.4"}],
            "LogUri": log_uri,
            "MasterPublicDnsName": "127.0.0.1",
            "InstanceCollectionType": "INSTANCE_GROUP",
            "InstanceGroups": groups,
            "NormalizedInstanceHours": 0,
            "AutoTerminationPolicy": {"IdleTimeout": 3600},
            "StepConcurrencyLevel": 1,
            "Tags": [{"Key": key, "Value": value} for key, value in tags.items()],
        },
        "Steps": [],
        "StateChangeHistory": [{"State": "STARTING", "Timestamp": created}],
    }


def _instance_group(role: str, market: str, count: int) -> dict[str, Any]:
    return {
        "Id": new_id("ig-"),
        "Name": "primary" if role == "MASTER" else "core",
        "InstanceGroupType": role,
        "Market": market,
        "InstanceType": "local.spark-standalone",
        "RequestedInstanceCount": count,
        "RunningInstanceCount": 0,
    }


def set_cluster_state(document: dict[str, Any], state: str, message: str, code: str = "") -> None:
    cluster = document["Cluster"]
    status = cluster["Status"]
    if status["State"] == state:
        return
    at = now()
    status["State"] = state
    status["StateChangeReason"] = {"Code": code, "Message": message} if code else {"Message": message}
    timeline = status["Timeline"]
    if state == "WAITING" and "ReadyDateTime" not in timeline:
        timeline["ReadyDateTime"] = at
        for group in cluster["InstanceGroups"]:
            group["RunningInstanceCount"] = group["RequestedInstanceCount"]
    if state in TERMINAL_CLUSTER_STATES:
        timeline["EndDateTime"] = at
        for group in cluster["InstanceGroups"]:
            group["RunningInstanceCount"] = 0
        cluster["NormalizedInstanceHours"] = normalized_instance_hours(cluster)
    document["StateChangeHistory"].append({"State": state, "Timestamp": at, "Reason": message})


def normalized_instance_hours(cluster: dict[str, Any]) -> int:
    """As EMR counts them: each instance's started hour, times the instance type's factor."""
    timeline = cluster["Status"]["Timeline"]
    start = datetime.fromisoformat(timeline["CreationDateTime"])
    end = datetime.fromisoformat(timeline.get("EndDateTime") or now())
    hours = max(1, math.ceil((end - start).total_seconds() / 3600))
    instances = sum(group["RequestedInstanceCount"] for group in cluster["InstanceGroups"])
    return hours * instances * NORMALIZATION_FACTOR


def set_step_state(step: dict[str, Any], state: str, message: str = "", log_file: str = "") -> None:
    status = step["Status"]
    status["State"] = state
    status["StateChangeReason"] = {"Message": message} if message else {}
    timeline = status["Timeline"]
    if state == "RUNNING":
        timeline["StartDateTime"] = now()
    if state in ("COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED"):
        timeline["EndDateTime"] = now()
    if state == "FAILED":
        status["FailureDetails"] = {"Reason": "Step failed", "Message": message, "LogFile": log_file}
