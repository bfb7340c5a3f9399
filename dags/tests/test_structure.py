"""The two DAGs' shape: task ids, dependencies, trigger rules, retries, schedules, params and
notifications, read from the parsed DAGs (no database)."""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from airflow.providers.smtp.notifications.smtp import SmtpNotifier

PIPELINE_CHAIN = [
    "begin_workflow",
    "create_emr_cluster",
    "check_cluster_ready",
    "submit_spark_application",
    "check_submission_status",
    "terminate_emr_cluster",
    "end_workflow",
]


def upstream(dag, task_id: str) -> set[str]:
    return set(dag.get_task(task_id).upstream_task_ids)


def validated(dag, conf: dict) -> dict:
    params = copy.deepcopy(dag.params)
    params.update(conf)
    return params.validate()


def notifiers(callbacks) -> list[SmtpNotifier]:
    callbacks = callbacks if isinstance(callbacks, list) else [callbacks]
    return [c for c in callbacks if isinstance(c, SmtpNotifier)]


@pytest.mark.parametrize("dag_id", ["simple_addition", "big_data_pipeline"])
def test_each_dag_is_daily_without_catchup_and_documented(dags, dag_id):
    dag = dags[dag_id]
    assert dag.schedule == "@daily"
    assert dag.catchup is False
    assert dag.start_date.tzinfo is not None
    assert dag.doc_md and dag_id in dag.doc_md
    assert "builditall" in dag.tags
    assert all(task.owner == "data-platform" for task in dag.tasks)


def test_simple_addition_runs_start_addition_end(dags):
    dag = dags["simple_addition"]
    assert sorted(dag.task_ids) == ["addition_task", "end", "start"]
    assert upstream(dag, "addition_task") == {"start"}
    assert upstream(dag, "end") == {"addition_task"}


def test_simple_addition_retries_with_a_delay(dags):
    for task in dags["simple_addition"].tasks:
        assert task.retries == 2
        assert task.retry_delay == timedelta(minutes=1)


def test_simple_addition_notifies_on_failure_of_any_task_and_on_success_of_the_run(dags):
    dag = dags["simple_addition"]
    for task in dag.tasks:
        assert notifiers(task.on_failure_callback), task.task_id
    assert notifiers(dag.get_task("end").on_success_callback)


def test_pipeline_tasks_follow_the_original_order(dags):
    dag = dags["big_data_pipeline"]
    assert sorted(dag.task_ids) == sorted(PIPELINE_CHAIN)
    for before, after in zip(PIPELINE_CHAIN, PIPELINE_CHAIN[1:], strict=False):
        assert before in upstream(dag, after), f"{before} -> {after}"


def test_pipeline_terminates_the_cluster_whatever_happened_before(dags):
    dag = dags["big_data_pipeline"]
    assert dag.get_task("terminate_emr_cluster").trigger_rule == "all_done"
    others = set(PIPELINE_CHAIN) - {"terminate_emr_cluster"}
    assert all(dag.get_task(t).trigger_rule == "all_success" for t in others)


def test_pipeline_run_fails_when_the_jobs_fail_even_though_terminate_succeeds(dags):
    # end_workflow is the only leaf; hanging it on terminate alone would mark such runs successful.
    dag = dags["big_data_pipeline"]
    assert upstream(dag, "end_workflow") == {"check_submission_status", "terminate_emr_cluster"}
    assert [t.task_id for t in dag.leaves] == ["end_workflow"]


def test_pipeline_never_retries_what_would_start_a_second_cluster(dags):
    dag = dags["big_data_pipeline"]
    assert dag.get_task("create_emr_cluster").retries == 0
    assert dag.get_task("check_submission_status").retries == 0
    assert dag.get_task("terminate_emr_cluster").retries >= 1


def test_pipeline_sensors_poke_within_a_timeout(dags):
    dag = dags["big_data_pipeline"]
    for task_id in ("check_cluster_ready", "check_submission_status"):
        sensor = dag.get_task(task_id)
        assert sensor.mode == "poke"
        assert 0 < sensor.poke_interval <= 30
        assert sensor.timeout > 0


def test_pipeline_params_default_to_every_job(dags):
    params = validated(dags["big_data_pipeline"], {})
    assert params == {
        "run_date": None,
        "scale": None,
        "seed": 42,
        "steps": ["generate", "transform", "quality"],
    }


def test_pipeline_params_accept_a_valid_conf(dags):
    conf = {"run_date": "2025-03-01", "scale": 0.5, "seed": 7, "steps": ["quality"]}
    assert validated(dags["big_data_pipeline"], conf) == conf


@pytest.mark.parametrize(
    "conf",
    [
        {"run_date": "2025-13-40"},
        {"run_date": "yesterday"},
        {"scale": 0},
        {"scale": 1000},
        {"scale": "big"},
        {"seed": -1},
        {"steps": []},
        {"steps": ["generate", "generate"]},
        {"steps": ["drop_tables"]},
    ],
)
def test_pipeline_params_reject_an_invalid_conf(dags, conf):
    with pytest.raises(Exception, match="(?i)invalid|valid|param"):
        validated(dags["big_data_pipeline"], conf)
