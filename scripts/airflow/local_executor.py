"""The local Airflow's executor: Airflow 3.0.6's LocalExecutor, handing work over one heartbeat later.

3.0.6's LocalExecutor puts a task on its workers' queue as soon as the scheduler queues it, before
the scheduler commits the task's QUEUED state. An idle worker can then ask the API server to start
a task that is still SCHEDULED in the database: the server answers 409 and the task fails
("state changed externally", apache/airflow#52754; seen here with big_data_pipeline's sensor).
Holding the work until the next heartbeat, which the scheduler runs after committing, closes that
window. `local.sh` links this file into `$AIRFLOW_HOME/config/`, which Airflow puts on sys.path.
"""

from __future__ import annotations

from airflow.executors import workloads
from airflow.executors.local_executor import LocalExecutor
from airflow.utils.session import NEW_SESSION


class CommittedLocalExecutor(LocalExecutor):
    def start(self) -> None:
        super().start()
        self._held: list[workloads.All] = []

    def queue_workload(self, workload: workloads.All, session=NEW_SESSION) -> None:
        self._held.append(workload)

    def sync(self) -> None:
        held, self._held = self._held, []
        for workload in held:
            super().queue_workload(workload)
        super().sync()
