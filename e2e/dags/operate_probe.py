"""A test-only DAG (the e2e estate's and the integration Airflow's extra DAG folder, never MWAA).

`check` fails while the file blockers/<conf blocker> exists beside this file: a test makes a run
fail for a conf it chooses, removes the file (the cause is fixed) and re-runs the run from failure.
"""

import re
from datetime import datetime
from pathlib import Path

from airflow.sdk import DAG, Param, task

BLOCKERS = Path(__file__).parent / "blockers"

with DAG(
    "operate_probe",
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    tags=["e2e"],
    params={"blocker": Param("none", type="string", pattern=r"^[a-z0-9-]{1,40}$")},
):

    @task
    def check(params=None):
        blocker = params["blocker"]
        if not re.fullmatch(r"[a-z0-9-]{1,40}", blocker):
            raise ValueError(f"blocker {blocker!r} is not a plain name")
        if (BLOCKERS / blocker).exists():
            raise RuntimeError(f"blocked by {BLOCKERS / blocker}")

    @task
    def publish():
        return "published"

    check() >> publish()
