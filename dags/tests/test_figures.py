"""The run's figures carry usage, never a price: the portal prices it with its one cost model."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from builditall import figures
from builditall.cluster_record import ClusterRecord, new_description, new_id
from builditall.clusters import Lifetime
from builditall.emr import INSTANCE_TYPE
from builditall.local_spark import LocalSparkClusters

CREATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
USAGE = {("ON_DEMAND", INSTANCE_TYPE): 1, ("SPOT", INSTANCE_TYPE): 2}
LIFETIME = Lifetime(CREATED, CREATED + timedelta(seconds=160.5), USAGE)
PRICE_WORDS = ("cost", "price", "usd", "eur")


def by_name(data):
    return {d["MetricName"]: d for d in data if d["MetricName"] != "InstanceSeconds"}


def test_no_datum_carries_a_price():
    data = figures.pipeline_datums("big_data_pipeline", True, LIFETIME, 6265, CREATED + timedelta(hours=1))
    assert not [d["MetricName"] for d in data if any(w in d["MetricName"].lower() for w in PRICE_WORDS)]
    assert {d["Unit"] for d in data} <= {"Count", "Seconds"}
    assert not [name for name in vars(figures) if any(w in name.lower() for w in ("price", "cost"))]


def test_usage_is_instance_seconds_per_market_and_instance_type():
    data = figures.pipeline_datums("big_data_pipeline", True, LIFETIME, 6265, CREATED + timedelta(hours=1))
    usage = {
        tuple(d["Value"] for d in datum["Dimensions"]): datum["Value"]
        for datum in data
        if datum["MetricName"] == "InstanceSeconds"
    }
    assert usage == {
        ("big_data_pipeline", "ON_DEMAND", INSTANCE_TYPE): 160.5,
        ("big_data_pipeline", "SPOT", INSTANCE_TYPE): 321.0,
    }
    named = by_name(data)
    assert named["ClusterDurationSeconds"]["Value"] == 160.5
    assert named["RecordsProcessed"]["Value"] == 6265
    # The failed-run alarm (infra/) watches DagRunSucceeded/DagRunFailed with DagId alone.
    assert named["DagRunSucceeded"]["Dimensions"] == [{"Name": "DagId", "Value": "big_data_pipeline"}]


def test_a_running_cluster_counts_up_to_now_and_no_cluster_means_no_usage():
    lifetime = Lifetime(CREATED, None, {("SPOT", INSTANCE_TYPE): 2})
    data = figures.pipeline_datums("d", False, lifetime, None, CREATED + timedelta(seconds=30))
    assert [(d["MetricName"], d["Value"]) for d in data] == [
        ("DagRunFailed", 1),
        ("ClusterDurationSeconds", 30.0),
        ("InstanceSeconds", 60.0),
    ]
    no_cluster = figures.pipeline_datums("d", False, None, None, CREATED)
    assert [d["MetricName"] for d in no_cluster] == ["DagRunFailed"]


def test_a_local_cluster_reports_the_instance_groups_of_its_record(tmp_path):
    cluster_id = new_id("j-")
    ClusterRecord(tmp_path, cluster_id).create(new_description(cluster_id, "n", {}, "file:///x/", 3))
    lifetime = LocalSparkClusters(tmp_path).lifetime(cluster_id)
    assert lifetime.ended is None
    local = "local.spark-standalone"
    assert lifetime.instances == {("ON_DEMAND", local): 1, ("SPOT", local): 3}


def test_local_figures_land_in_the_lake_as_the_metrics_adapter_reads_them(tmp_path):
    settings = SimpleNamespace(target="local", lake_path=tmp_path)
    data = figures.pipeline_datums("big_data_pipeline", True, LIFETIME, 6265, CREATED + timedelta(hours=1))
    where = figures.publish(settings, "big_data_pipeline", "manual__1", data)
    path = tmp_path / "logs" / "metrics" / "big_data_pipeline" / "manual__1.json"
    document = json.loads(path.read_text())
    assert where.endswith("manual__1.json")
    assert document["Namespace"] == "BuildItAll/Platform"
    assert document["MetricData"][0]["Timestamp"] == "2026-03-01T13:00:00.000+00:00"
    assert {d["MetricName"] for d in document["MetricData"]} == {
        "DagRunSucceeded",
        "RecordsProcessed",
        "ClusterDurationSeconds",
        "InstanceSeconds",
    }
