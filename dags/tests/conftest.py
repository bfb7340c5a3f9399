"""Shared fixtures: an Airflow configuration per test session, and a driver for real DAG runs.

Tests that import Airflow in-process get a throw-away AIRFLOW_HOME whose metadata database cannot
be reached (parsing must not need one); end-to-end runs happen in subprocesses against a real
SQLite metadata database migrated once per session.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from dag_runner import RESULT_PREFIX

DAGS = Path(__file__).resolve().parents[1]
REPO = DAGS.parent
PYTHON = sys.executable
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
UNREACHABLE_DB = "sqlite:////nonexistent-dir/unreachable/airflow.db"
# Settings of the platform read by the DAGs; cleared so the developer's shell cannot leak in.
PLATFORM_KEYS = ("AIRFLOW", "PLATFORM_", "LAKE_", "EMR_", "PIPELINE_", "AWS_")

sys.path.insert(0, str(DAGS))
_home = tempfile.mkdtemp(prefix="airflow-parse-")
for _key in [k for k in os.environ if k.startswith(PLATFORM_KEYS)]:
    del os.environ[_key]
os.environ.update(
    AIRFLOW_HOME=_home,
    AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
    AIRFLOW__CORE__LOAD_EXAMPLES="False",
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=UNREACHABLE_DB,
)


def closed_port() -> int:
    """A loopback port nothing listens on (so an SMTP send fails at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def airflow_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(PLATFORM_KEYS)}
    smtp = {
        "conn_type": "smtp",
        "host": "127.0.0.1",
        "port": closed_port(),
        "extra": {"disable_ssl": True, "disable_tls": True, "retry_limit": 0, "timeout": 5},
    }
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/airflow.db",
        AIRFLOW_CONN_SMTP_DEFAULT=json.dumps(smtp),
    )
    env.update(extra or {})
    return env


@pytest.fixture(scope="session")
def dags() -> dict:
    """The DAG folder parsed in-process once per session (DagBag.dags: dag_id → DAG)."""
    from airflow.models.dagbag import DagBag  # here: Airflow reads its settings on import

    bag = DagBag(str(DAGS), include_examples=False)
    assert bag.import_errors == {}
    return bag.dags


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("airflow-home")
    subprocess.run([AIRFLOW, "db", "migrate"], env=airflow_env(home), check=True, capture_output=True)
    return home


def run_dag(
    home: Path,
    dag_id: str,
    conf: dict | None = None,
    env: dict[str, str] | None = None,
    mark_success: str | None = None,
) -> dict:
    """Runs the DAG with dag.test() in a subprocess; returns its run state, task states, XComs, log."""
    argv = [PYTHON, str(DAGS / "tests" / "dag_runner.py"), dag_id, json.dumps(conf or {})]
    if mark_success:
        argv.append(mark_success)
    process = subprocess.run(
        argv, env=airflow_env(home, env), capture_output=True, text=True, timeout=900, cwd=REPO
    )
    output = process.stdout + process.stderr
    results = [line for line in process.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if process.returncode != 0 or not results:
        raise AssertionError(f"dag_runner exited {process.returncode}:\n{output[-6000:]}")
    return {**json.loads(results[-1].removeprefix(RESULT_PREFIX)), "log": output}
