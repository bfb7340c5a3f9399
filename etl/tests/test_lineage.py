"""OpenLineage events of the jobs: they conform to the spec and say what each job read and wrote.

Conformance: every event written into the test lake is rebuilt with openlineage-python's generated
classes (they mirror the spec's JSON schema: a missing required field or an unknown one raises) and
serialised back; the result must equal the file. Our custom facets are checked against their JSON
schemas in docs/lineage/facets/.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attr
import jsonschema
import pytest

from etl import lineage
from etl.lake import Lake

pytest.importorskip("openlineage.client", reason="openlineage-python is in requirements.lock")

from openlineage.client import event_v2  # noqa: E402
from openlineage.client.generated import (  # noqa: E402
    data_quality_assertions_dataset,
    error_message_run,
    job_type_job,
    output_statistics_output_dataset,
    parent_run,
    schema_dataset,
)
from openlineage.client.serde import Serde  # noqa: E402

FACETS = Path(__file__).resolve().parents[2] / "docs" / "lineage" / "facets"
CUSTOM = {"builditall_airflow": "AirflowRunFacet", "builditall_partitions": "PartitionsDatasetFacet"}
STANDARD = {
    "parent": parent_run.ParentRunFacet,
    "errorMessage": error_message_run.ErrorMessageRunFacet,
    "jobType": job_type_job.JobTypeJobFacet,
    "outputStatistics": output_statistics_output_dataset.OutputStatisticsOutputDatasetFacet,
    "dataQualityAssertions": data_quality_assertions_dataset.DataQualityAssertionsDatasetFacet,
    "schema": schema_dataset.SchemaDatasetFacet,
}
LISTS = {
    "assertions": data_quality_assertions_dataset.Assertion,
    "fields": schema_dataset.SchemaDatasetFacetFields,
}
NESTED = {
    (parent_run.ParentRunFacet, "run"): parent_run.Run,
    (parent_run.ParentRunFacet, "job"): parent_run.Job,
    (parent_run.ParentRunFacet, "root"): parent_run.Root,
    (parent_run.Root, "run"): parent_run.RootRun,
    (parent_run.Root, "job"): parent_run.RootJob,
}


def _build(cls, data: dict):
    """An attrs class from its JSON form; raises on a missing required or an unknown field."""
    kwargs = {}
    for key, value in data.items():
        if key == "_schemaURL":  # set by the class itself: the round trip compares it
            continue
        if key == "_producer":
            key = "producer"
        nested = NESTED.get((cls, key))
        if nested:
            value = _build(nested, value)
        elif key in LISTS:
            value = [_build(LISTS[key], item) for item in value]
        kwargs[key] = value
    names = {a.alias for a in attr.fields(cls) if a.init}
    unknown = set(kwargs) - names
    assert not unknown, f"{cls.__name__}: fields not in the spec: {unknown}"
    return cls(**kwargs)


def _facets(facets: dict) -> dict:
    rebuilt = {}
    for key, value in facets.items():
        if key in CUSTOM:
            schema = json.loads((FACETS / f"{CUSTOM[key]}.json").read_text())
            jsonschema.validate(value, schema)
            rebuilt[key] = value
        else:
            assert key in STANDARD, f"unexpected facet {key}: custom facets need the builditall_ prefix"
            rebuilt[key] = _build(STANDARD[key], value)
    return rebuilt


def _dataset(cls, d: dict, own_facets: str):
    return cls(
        namespace=d["namespace"],
        name=d["name"],
        facets=_facets(d["facets"]),
        **{own_facets: _facets(d[own_facets])},
    )


def rebuild(event: dict) -> event_v2.RunEvent:
    """The event through the generated classes (RunEvent validates eventTime, runId, producer, schemaURL)."""
    return event_v2.RunEvent(
        eventType=event_v2.RunState[event["eventType"]],
        eventTime=event["eventTime"],
        run=event_v2.Run(runId=event["run"]["runId"], facets=_facets(event["run"]["facets"])),
        job=event_v2.Job(
            namespace=event["job"]["namespace"],
            name=event["job"]["name"],
            facets=_facets(event["job"]["facets"]),
        ),
        inputs=[_dataset(event_v2.InputDataset, d, "inputFacets") for d in event["inputs"]],
        outputs=[_dataset(event_v2.OutputDataset, d, "outputFacets") for d in event["outputs"]],
        producer=event["producer"],
    )


def events_of(lake: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(lake.glob("logs/lineage/date=*/*.json"))]


@pytest.fixture(scope="module")
def events(lake) -> list[dict]:
    return events_of(lake)


def test_every_event_conforms_to_the_spec(events):
    assert events
    for event in events:
        assert json.loads(Serde.to_json(rebuild(event))) == event


def test_each_job_run_starts_then_completes(events):
    by_run: dict[str, list[str]] = {}
    for event in events:
        by_run.setdefault(event["run"]["runId"], []).append(event["eventType"])
    jobs = {e["job"]["name"] for e in events}
    assert {"etl.generate", "etl.transform", "etl.quality"} <= jobs
    assert all(states[0] == "START" and states[-1] in ("COMPLETE", "FAIL") for states in by_run.values())


def _completed(events, job: str) -> dict:
    return next(e for e in events if e["job"]["name"] == f"etl.{job}" and e["eventType"] == "COMPLETE")


def test_transform_reads_raw_and_writes_curated_and_marts_with_their_statistics(events, lake):
    event = _completed(events, "transform")
    assert {d["namespace"] for d in event["inputs"] + event["outputs"]} == {f"s3://{lake.name}"}
    assert "raw/orders" in {d["name"] for d in event["inputs"]}
    outputs = {d["name"]: d for d in event["outputs"]}
    assert {"curated/orders", "curated/events", "marts/daily_sales"} <= set(outputs)
    orders = outputs["curated/orders"]
    stats = orders["outputFacets"]["outputStatistics"]
    partitions = orders["facets"]["builditall_partitions"]["partitions"]
    # Figures as on storage: the partitions' rows add up, bytes are the data files' sizes.
    assert stats["rowCount"] == sum(p["rows"] for p in partitions) > 0
    on_disk = sum(f.stat().st_size for f in (lake / "curated" / "orders").glob("order_date=*/*.parquet"))
    assert stats["size"] == sum(p["bytes"] for p in partitions) == on_disk
    assert partitions[0]["name"] == "order_date=2025-11-24" and len(partitions) == 14


def test_each_written_table_carries_its_schema_as_readers_see_it(events):
    outputs = {d["name"]: d for e in events if e["eventType"] == "COMPLETE" for d in e["outputs"]}
    orders = [(f["name"], f["type"]) for f in outputs["curated/orders"]["facets"]["schema"]["fields"]]
    assert ("order_id", "bigint") in orders and orders[-1] == ("order_date", "date")  # partition column last
    assert [f["name"] for f in outputs["raw/orders"]["facets"]["schema"]["fields"]]
    assert "schema" not in outputs["quality"]["facets"]  # a JSON report, not a table


def test_quality_attaches_its_assertions_to_the_datasets_it_checked(events):
    event = _completed(events, "quality")
    checked = {d["name"]: d["inputFacets"]["dataQualityAssertions"]["assertions"] for d in event["inputs"]}
    assert {"curated/orders", "marts/daily_sales"} <= set(checked)
    assert any(a["assertion"] == "unique_key" and a["success"] for a in checked["curated/orders"])
    assert all(a["severity"] in ("critical", "warning") for found in checked.values() for a in found)


def test_the_parent_facet_ties_the_job_to_its_airflow_task_run():
    run = lineage.LineageRun(
        "transform",
        Lake("file:///tmp/lakes/builditall-lake", None),
        lineage.AirflowTask(
            "big_data_pipeline", "manual__2025-12-07T00:00:00+00:00", "submit_spark_application", 2
        ),
    )
    event = lineage.build_event(run, "START", dt.datetime(2025, 12, 7, tzinfo=dt.UTC))
    document = json.loads(Serde.to_json(event))
    assert json.loads(Serde.to_json(rebuild(document))) == document
    parent = document["run"]["facets"]["parent"]
    assert parent["job"] == {
        "namespace": "airflow",
        "name": "big_data_pipeline.submit_spark_application",
        "facets": {},
    }
    assert parent["root"]["job"]["name"] == "big_data_pipeline"
    # Deterministic: the same task try gives the same parent run id, another try another one.
    assert parent["run"]["runId"] == run.parent.task_run_uuid()
    other = lineage.AirflowTask(
        "big_data_pipeline", "manual__2025-12-07T00:00:00+00:00", "submit_spark_application", 3
    )
    assert other.task_run_uuid() != run.parent.task_run_uuid()
    assert document["run"]["facets"]["builditall_airflow"]["tryNumber"] == 2


def test_namespace_is_the_bucket_on_every_estate():
    assert lineage.namespace("s3://builditall-lake-prod") == "s3://builditall-lake-prod"
    assert lineage.namespace("s3a://builditall-lake-prod") == "s3://builditall-lake-prod"
    assert lineage.namespace("file:///work/.platform/lake/builditall-lake") == "s3://builditall-lake"
