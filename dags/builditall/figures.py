"""The pipeline's own figures: records processed, duration, estimated cost and the run's outcome.

Both estates publish the same datums, shaped like CloudWatch's PutMetricData `MetricData`, in
namespace `BuildItAll/Platform` with the single dimension `DagId` (the failed-run alarm in
infra/ watches `DagRunFailed` with that dimension):
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
# USD per instance-hour of an m5.xlarge in us-east-1, AWS list prices read 2025-06: EC2 on
# demand, EC2 spot (a typical 35 % of on demand; the real price varies) and the EMR uplift.
HOURLY_PRICE = {"ON_DEMAND": 0.192, "SPOT": 0.0672}
EMR_HOURLY_UPLIFT = 0.048


def estimated_cost(lifetime: Lifetime, now: datetime) -> float:
    hours = ((lifetime.ended or now) - lifetime.created).total_seconds() / 3600
    per_hour = sum(
        count * (HOURLY_PRICE[market] + EMR_HOURLY_UPLIFT) for market, count in lifetime.instances.items()
    )
    return round(hours * per_hour, 4)


def pipeline_datums(
    dag_id: str, succeeded: bool, lifetime: Lifetime | None, records: int | None, now: datetime
) -> list[dict[str, Any]]:
    dimensions = [{"Name": "DagId", "Value": dag_id}]

    def datum(name: str, value: float, unit: str) -> dict[str, Any]:
        return {"MetricName": name, "Dimensions": dimensions, "Timestamp": now, "Value": value, "Unit": unit}

    data = [datum("DagRunSucceeded" if succeeded else "DagRunFailed", 1, "Count")]
    if records is not None:
        data.append(datum("RecordsProcessed", records, "Count"))
    if lifetime is not None:
        seconds = ((lifetime.ended or now) - lifetime.created).total_seconds()
        data.append(datum("ClusterDurationSeconds", round(seconds, 3), "Seconds"))
        data.append(datum("EstimatedCostUSD", estimated_cost(lifetime, now), "None"))
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
