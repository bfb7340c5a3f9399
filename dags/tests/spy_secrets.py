"""A secrets backend that records every Variable or Connection asked of it, and answers nothing.

Configured as Airflow's first secrets backend while the DAG files are parsed, it proves that
parsing reads no Variable and no Connection (each read is appended to $SPY_SECRETS_LOG).
"""

from __future__ import annotations

import os

from airflow.secrets import BaseSecretsBackend


class RecordingSecretsBackend(BaseSecretsBackend):
    def _record(self, kind: str, key: str) -> None:
        with open(os.environ["SPY_SECRETS_LOG"], "a") as log:
            log.write(f"{kind} {key}\n")

    def get_conn_value(self, conn_id: str) -> str | None:
        self._record("connection", conn_id)
        return None

    def get_variable(self, key: str) -> str | None:
        self._record("variable", key)
        return None
