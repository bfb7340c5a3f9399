"""OpenLineage run events of the jobs, written as JSON files into the lake under logs/lineage/.

Each job run emits START, then COMPLETE or FAIL, built with openlineage-python's classes (which
mirror the spec). Datasets are named as the S3 console and the portal's lake browser name them:
namespace `s3://<bucket>`, name the path under the bucket (`curated/orders`). The files reach the
portal through its sync, on EMR as locally: no network path from the cluster to the portal.

The writes register what they wrote (`wrote`) on the job's active run; a job without an active run
(a test calling a writer directly) registers nothing. Lineage never fails a job: an error while
emitting is logged, the data is what counts.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import traceback
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.lake import Lake

log = logging.getLogger("etl.lineage")

PRODUCER = "https://github.com/builditall/platform/tree/main/etl"
JOB_NAMESPACE = "builditall"
AIRFLOW_NAMESPACE = "airflow"
PREFIX = "logs/lineage"
FACETS_URL = "https://github.com/builditall/platform/blob/main/docs/lineage/facets"


def _new_uuid() -> str:
    try:
        from openlineage.client.uuid import generate_new_uuid
    except ImportError:  # no events without the package (see _emit), but the job still runs
        return str(uuid.uuid4())
    return str(generate_new_uuid())


@dataclass(frozen=True)
class AirflowTask:
    """The Airflow task run that submitted the step (dags/builditall/steps.py passes it)."""

    dag_id: str
    run_id: str
    task_id: str
    try_number: int

    def task_run_uuid(self) -> str:
        return str(
            uuid.uuid5(
                uuid.NAMESPACE_URL, f"airflow:{self.dag_id}/{self.run_id}/{self.task_id}/{self.try_number}"
            )
        )

    def dag_run_uuid(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"airflow:{self.dag_id}/{self.run_id}"))


@dataclass(frozen=True)
class Partition:
    name: str  # "order_date=2025-12-07", or "event_date=…/ingest_date=…"
    rows: int | None  # None when the job knows only the total of several partitions
    bytes: int | None


@dataclass
class Output:
    name: str
    rows: int
    bytes: int
    files: int
    partitions: list[Partition]
    columns: list[tuple[str, str]]  # (name, Spark type), as a reader of the dataset sees them


@dataclass
class Assertion:
    dataset: str
    check: str
    severity: str
    success: bool
    expected: str
    actual: str
    description: str


@dataclass
class LineageRun:
    job: str
    lake: Lake
    parent: AirflowTask | None
    run_id: str = field(default_factory=_new_uuid)
    inputs: list[str] = field(default_factory=list)
    outputs: dict[str, Output] = field(default_factory=dict)
    assertions: list[Assertion] = field(default_factory=list)
    sequence: int = 0


_active: LineageRun | None = None


def namespace(lake_root: str) -> str:
    """s3://<bucket> for s3://, s3a:// and the local lake (a folder named like the bucket)."""
    rest = lake_root.split("://", 1)[1].rstrip("/")
    return f"s3://{rest.split('/')[0] if not lake_root.startswith('file://') else rest.rsplit('/', 1)[-1]}"


def dataset_name(lake: Lake, uri: str) -> str:
    return uri[len(lake.root) :].strip("/")


def start(job: str, lake: Lake, parent: AirflowTask | None) -> LineageRun:
    global _active
    _active = LineageRun(job, lake, parent)
    _emit(_active, "START")
    return _active


def finish(run: LineageRun, error: BaseException | None = None) -> None:
    global _active
    _emit(run, "FAIL" if error else "COMPLETE", error)
    _active = None


def read(*uris: str) -> None:
    """The datasets the active run reads (declared by the job, not traced through Spark)."""
    if _active:
        _active.inputs += [
            dataset_name(_active.lake, uri)
            for uri in uris
            if dataset_name(_active.lake, uri) not in _active.inputs
        ]


def columns(schema, partitioned_by: Sequence[str] = ()) -> list[tuple[str, str]]:
    """A Spark schema's columns as readers of the written dataset see them: partition columns last."""
    fields = [f for f in schema.fields if f.name not in partitioned_by]
    fields += [f for name in partitioned_by for f in schema.fields if f.name == name]
    return [(f.name, f.dataType.simpleString()) for f in fields]


def wrote(
    uri: str,
    rows: int,
    size: tuple[int, int],
    partitions: list[Partition],
    schema: list[tuple[str, str]] | None = None,
) -> None:
    """A dataset the active run wrote: rows verified written, (bytes, files) listed, partitions replaced,
    and its columns (none for a file that is not a table, like the quality report)."""
    if _active:
        name = dataset_name(_active.lake, uri)
        _active.outputs[name] = Output(name, rows, size[0], size[1], partitions, schema or [])


def checked(assertions: list[Assertion]) -> None:
    if _active:
        _active.assertions += assertions


def _emit(run: LineageRun, state: str, error: BaseException | None = None) -> None:
    try:
        from openlineage.client.serde import Serde

        event = build_event(run, state, dt.datetime.now(dt.UTC), error)
        run.sequence += 1
        stamp = event.eventTime[:19].replace(":", "").replace("-", "")
        file = f"{stamp}_{run.job}_{run.run_id}_{run.sequence}_{state}.json"
        uri = run.lake.path(PREFIX, f"date={event.eventTime[:10]}", file)
        run.lake.write_json(uri, json.loads(Serde.to_json(event)))
        log.info("lineage %s of %s run %s: %s", state, run.job, run.run_id, uri)
    except Exception:  # lineage must not fail the job it describes
        log.exception("lineage %s of %s not emitted", state, run.job)


def build_event(run: LineageRun, state: str, when: dt.datetime, error: BaseException | None = None):
    """The RunEvent as openlineage-python's classes build it (imported here: the jobs run without it)."""
    from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState
    from openlineage.client.generated import (
        data_quality_assertions_dataset as dq,
    )
    from openlineage.client.generated import error_message_run, job_type_job, parent_run, schema_dataset
    from openlineage.client.generated.output_statistics_output_dataset import (
        OutputStatisticsOutputDatasetFacet,
    )

    ns = namespace(run.lake.root)
    run_facets = {}
    if run.parent:
        task = run.parent
        run_facets["parent"] = parent_run.ParentRunFacet(
            run=parent_run.Run(runId=task.task_run_uuid()),
            job=parent_run.Job(namespace=AIRFLOW_NAMESPACE, name=f"{task.dag_id}.{task.task_id}"),
            root=parent_run.Root(
                run=parent_run.RootRun(runId=task.dag_run_uuid()),
                job=parent_run.RootJob(namespace=AIRFLOW_NAMESPACE, name=task.dag_id),
            ),
        )
        run_facets["builditall_airflow"] = custom_facet(
            "AirflowRunFacet",
            {
                "dagId": task.dag_id,
                "runId": task.run_id,
                "taskId": task.task_id,
                "tryNumber": task.try_number,
            },
        )
    if error is not None:
        run_facets["errorMessage"] = error_message_run.ErrorMessageRunFacet(
            message=str(error) or type(error).__name__,
            programmingLanguage="python",
            stackTrace="".join(traceback.format_exception(error))[-4000:],
        )
    finished = state != "START"
    by_dataset: dict[str, list[Assertion]] = {}
    for check in run.assertions:
        by_dataset.setdefault(check.dataset, []).append(check)
    inputs = [
        InputDataset(
            namespace=ns,
            name=name,
            inputFacets={"dataQualityAssertions": _assertions(dq, by_dataset[name])}
            if finished and name in by_dataset
            else {},
        )
        for name in run.inputs
    ]
    outputs = [
        OutputDataset(
            namespace=ns,
            name=out.name,
            facets={
                "builditall_partitions": custom_facet(
                    "PartitionsDatasetFacet", {"partitions": [_partition(p) for p in out.partitions]}
                )
            }
            | ({"schema": _schema(schema_dataset, out.columns)} if out.columns else {}),
            outputFacets={
                "outputStatistics": OutputStatisticsOutputDatasetFacet(
                    rowCount=out.rows, size=out.bytes, fileCount=out.files
                )
            },
        )
        for out in (run.outputs.values() if finished else [])
    ]
    job_type = job_type_job.JobTypeJobFacet(processingType="BATCH", integration="SPARK", jobType="JOB")
    return RunEvent(
        eventType=RunState[state],
        eventTime=when.isoformat(timespec="milliseconds"),
        run=Run(runId=run.run_id, facets=run_facets),
        job=Job(namespace=JOB_NAMESPACE, name=f"etl.{run.job}", facets={"jobType": job_type}),
        inputs=inputs,
        outputs=outputs,
        producer=PRODUCER,
    )


def _schema(facet, columns: list[tuple[str, str]]):
    return facet.SchemaDatasetFacet(
        fields=[facet.SchemaDatasetFacetFields(name=name, type=kind) for name, kind in columns]
    )


def _assertions(dq, checks: list[Assertion]):
    return dq.DataQualityAssertionsDatasetFacet(
        assertions=[
            dq.Assertion(
                assertion=c.check,
                success=c.success,
                severity=c.severity,
                expected=c.expected,
                actual=c.actual,
                description=c.description,
            )
            for c in checks
        ]
    )


def custom_facet(name: str, fields: dict) -> dict:
    """A facet of ours: prefixed `builditall_` (the spec's rule for custom facets), with its schema's URL."""
    return {"_producer": PRODUCER, "_schemaURL": f"{FACETS_URL}/{name}.json"} | fields


def _partition(p: Partition) -> dict:
    return {"name": p.name} | {k: v for k, v in (("rows", p.rows), ("bytes", p.bytes)) if v is not None}
