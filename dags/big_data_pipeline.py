"""
### big_data_pipeline

Daily: `begin_workflow` → `create_emr_cluster` → `check_cluster_ready` → `submit_spark_application`
→ `check_submission_status` → `terminate_emr_cluster` → `end_workflow`.

The target is read at run time (Variable or env `platform_target`):
- **aws**: an EMR 7.8.0 cluster (Hadoop, Spark; m5.xlarge, 1 primary on demand + 2 core on spot
  with an on-demand fallback; idle auto-termination; logs to `s3://<bucket>/logs/emr/`) in the
  private subnets and with the roles named by Variables; the etl jobs run as EMR steps.
- **local**: a Spark standalone cluster from the pyspark package on 127.0.0.1 runs the same jobs;
  its description (EMR DescribeCluster/ListSteps shape) is kept in `<lake>/logs/clusters/`.

The steps are the data-plane jobs for the run's date: `generate`, `transform`, `quality` (a
failed critical check fails the run). `terminate_emr_cluster` runs whatever happened before
(trigger rule `all_done`) and publishes the run's figures; `end_workflow` also waits on
`check_submission_status`, so a failed job fails the run even though the cluster was stopped.

Params (validated by Airflow on trigger): `run_date` (default: the run's logical date), `scale`
(default: Variable `pipeline_scale`, else 0.01 locally and 1.0 on AWS), `seed`, `steps`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, Param, PokeReturnValue, task
from builditall import notify, pipeline
from builditall.steps import JOBS

with DAG(
    dag_id="big_data_pipeline",
    schedule="@daily",
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    max_active_runs=1,
    doc_md=__doc__,
    tags=["builditall", "emr", "spark"],
    default_args={
        "owner": "data-platform",
        "retries": 1,
        "retry_delay": timedelta(minutes=2),
        "on_failure_callback": notify.email("failed"),
    },
    params={
        "run_date": Param(
            None, type=["null", "string"], format="date", description="Day to process (YYYY-MM-DD)"
        ),
        "scale": Param(
            None,
            type=["null", "number"],
            exclusiveMinimum=0,
            maximum=100,
            description="Data volume; 1.0 is the full 5M+ record set",
        ),
        "seed": Param(42, type="integer", minimum=0, description="Seed of the synthetic data"),
        "steps": Param(
            list(JOBS),
            type="array",
            items={"type": "string", "enum": list(JOBS)},
            minItems=1,
            uniqueItems=True,
            description="Which data-plane jobs to run",
        ),
    },
):
    begin_workflow = EmptyOperator(task_id="begin_workflow")

    # No retry: a second attempt would start a second cluster.
    @task(retries=0, execution_timeout=timedelta(minutes=10))
    def create_emr_cluster(**context) -> str:
        return pipeline.create_cluster(context)

    @task.sensor(poke_interval=5, timeout=timedelta(minutes=30).total_seconds(), mode="poke", retries=0)
    def check_cluster_ready(cluster_id: str) -> PokeReturnValue:
        return PokeReturnValue(is_done=pipeline.cluster_ready(cluster_id), xcom_value=cluster_id)

    @task(retries=0, execution_timeout=timedelta(minutes=10))
    def submit_spark_application(cluster_id: str, **context) -> list[str]:
        return pipeline.submit_jobs(cluster_id, context)

    # A failed step is final: watching it again would not run it again.
    @task.sensor(poke_interval=5, timeout=timedelta(hours=3).total_seconds(), mode="poke", retries=0)
    def check_submission_status(cluster_id: str, step_ids: list[str]) -> PokeReturnValue:
        return PokeReturnValue(is_done=pipeline.jobs_done(cluster_id, step_ids))

    @task(trigger_rule="all_done", retries=2, retry_delay=timedelta(seconds=30))
    def terminate_emr_cluster(cluster_id: str | None, step_ids: list[str] | None, **context) -> None:
        pipeline.terminate_clusters(cluster_id, step_ids, context)

    end_workflow = EmptyOperator(task_id="end_workflow", on_success_callback=notify.email("succeeded"))

    cluster_id = create_emr_cluster()
    ready_cluster = check_cluster_ready(cluster_id)
    step_ids = submit_spark_application(ready_cluster)
    watched = check_submission_status(ready_cluster, step_ids)
    terminated = terminate_emr_cluster(cluster_id, step_ids)

    begin_workflow >> cluster_id
    watched >> terminated >> end_workflow
    watched >> end_workflow
