"""Runs one DAG with `dag.test()` on a real Airflow and prints the outcome as one JSON line.

The end-to-end tests start it in a subprocess, so each run gets its own Airflow configuration
(AIRFLOW_HOME, Variables and Connections from the environment):
`python dags/tests/dag_runner.py <dag_id> '<conf json>' [mark-success-pattern]`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1]
RESULT_PREFIX = "DAG_RUN_RESULT "


def main(argv: list[str]) -> int:
    dag_id, conf = argv[0], json.loads(argv[1])
    mark_success = argv[2] if len(argv) > 2 else None
    # The dag processor and the task runner put the bundle root on sys.path; so does this driver.
    sys.path.insert(0, str(DAGS))
    from airflow.models.dagbag import DagBag
    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session

    bag = DagBag(str(DAGS), include_examples=False)
    dag = bag.get_dag(dag_id)
    run = dag.test(run_conf=conf, mark_success_pattern=mark_success)
    with create_session() as session:
        xcoms = session.query(XComModel).filter(
            XComModel.run_id == run.run_id, XComModel.key == "return_value"
        )
        returned = {x.task_id: XComModel.deserialize_value(x) for x in xcoms}
        tasks = {ti.task_id: ti.state for ti in run.get_task_instances(session=session)}
    result = {"run_id": run.run_id, "state": run.state, "tasks": tasks, "returned": returned}
    print(RESULT_PREFIX + json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
