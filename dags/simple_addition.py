"""
### simple_addition

The platform's smoke test: `start` → `addition_task` (5 + 3; the result is logged and returned
as the task's XCom) → `end`, daily.

Each task retries twice, a minute apart. A task that fails for good sends an e-mail, and `end`
sends one when the run succeeds (SmtpNotifier through the `smtp_default` connection, to the
`alert_emails` Variable); a notifier that cannot send never fails a task.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import DAG, task
from builditall import notify

log = logging.getLogger(__name__)

with DAG(
    dag_id="simple_addition",
    schedule="@daily",
    start_date=datetime(2025, 1, 1, tzinfo=UTC),
    catchup=False,
    doc_md=__doc__,
    tags=["builditall", "smoke"],
    default_args={
        "owner": "data-platform",
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "on_failure_callback": notify.email("failed"),
    },
):

    @task
    def addition_task(left: int = 5, right: int = 3) -> int:
        result = left + right
        log.info("%d + %d = %d", left, right, result)
        return result

    (
        EmptyOperator(task_id="start")
        >> addition_task()
        >> EmptyOperator(task_id="end", on_success_callback=notify.email("succeeded"))
    )
