"""The pipeline's own figures: the run's outcome, records processed, and its cluster's usage.

Usage only, never a price: the portal prices a run with its one cost model (lib/costs/model.ts,
the region's price table, per-second billing with a one-minute minimum), so a run's cost is one
number wherever it is shown.

Both estates publish the same datums, shaped like CloudWatch's PutMetricData `MetricData`, in
namespace `BuildItAll/Platform` with the dimension `DagId` (the failed-run alarm in infra/ watches
`DagRunFailed` with that dimension alone); `InstanceSeconds` adds `Market` and `InstanceType`:
- aws: PutMetricData to CloudWatch;
- local: one JSON document per run at `<lake>/logs/metrics/<dag-id>/<run-id>.json`.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from builditall.clusters import Lifetime
from builditall.settings import PlatformSettings

log = logging.getLogger(__name__)

NAMESPACE = "BuildItAll/Platform"


def pipeline_datums(
    dag_id: str, succeeded: bool, lifetime: Lifetime | None, records: int | None, now: datetime
) -> list[dict[str, Any]]:
    dag = [{"Name": "DagId", "Value": dag_id}]

    def datum(name: str, value: float, unit: str, dimensions: list[dict[str, str]] = dag) -> dict[str, Any]:
        return {"MetricName": name, "Dimensions": dimensions, "Timestamp": now, "Value": value, "Unit": unit}

    data = [datum("DagRunSucceeded" if succeeded else "DagRunFailed", 1, "Count")]
    if records is not None:
        data.append(datum("RecordsProcessed", records, "Count"))
    if lifetime is not None:
        seconds = round(((lifetime.ended or now) - lifetime.created).total_seconds(), 3)
        data.append(datum("ClusterDurationSeconds", seconds, "Seconds"))
        for (market, instance_type), count in sorted(lifetime.instances.items()):
            usage = [{"Name": "Market", "Value": market}, {"Name": "InstanceType", "Value": instance_type}]
            data.append(datum("InstanceSeconds", round(count * seconds, 3), "Seconds", [*dag, *usage]))
    return data


def publish(settings: PlatformSettings, dag_id: str, run_id: str, data: list[dict[str, Any]]) -> str:
    """Publishes the datums; returns where they went."""
    if settings.target == "aws":
        from airflow.providers.amazon.aws.hooks.base_aws import AwsBaseHook

        client = AwsBaseHook(aws_conn_id=settings.aws_conn_id, client_type="cloudwatch").conn
        client.put_metric_data(Namespace=NAMESPACE, MetricData=data)
        return f"cloudwatch:{NAMESPACE}"
    path = settings.lake_path / "logs" / "metrics" / dag_id / f"{run_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"Namespace": NAMESPACE, "DagId": dag_id, "RunId": run_id, "MetricData": data}
    path.write_text(json.dumps(document, indent=2, default=_iso))
    return str(path)


def records_processed(settings: PlatformSettings) -> int | None:
    """Rows the generate job wrote, from the lake's raw manifest; None when there is none."""
    try:
        if settings.target == "aws":
            from airflow.providers.amazon.aws.hooks.s3 import S3Hook

            text = S3Hook(aws_conn_id=settings.aws_conn_id).read_key("raw/_manifest.json", settings.bucket)
        else:
            text = (settings.lake_path / "raw" / "_manifest.json").read_text()
        return int(json.loads(text)["total_rows"])
    except Exception as error:  # a missing manifest must not stop the cluster's termination
        log.warning("no records figure: %s", error)
        return None


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
