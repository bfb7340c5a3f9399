"""The DAG folder parses with no import errors, with the metadata DB unreachable, reading no
Variable or Connection."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import DAGS, PLATFORM_KEYS, PYTHON, UNREACHABLE_DB
from parse_report import REPORT_PREFIX

EXPECTED_DAGS = ["big_data_pipeline", "simple_addition"]


def parse(folder: Path, tmp_path: Path) -> tuple[dict, list[str]]:
    spy_log = tmp_path / "secrets-reads.log"
    spy_log.touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith(PLATFORM_KEYS)}
    env.update(
        AIRFLOW_HOME=str(tmp_path / "home"),
        AIRFLOW__CORE__DAGS_FOLDER=str(folder),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=UNREACHABLE_DB,
        AIRFLOW__SECRETS__BACKEND="spy_secrets.RecordingSecretsBackend",
        PYTHONPATH=str(Path(__file__).parent),
        SPY_SECRETS_LOG=str(spy_log),
    )
    process = subprocess.run(
        [PYTHON, str(DAGS / "tests" / "parse_report.py"), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in process.stdout.splitlines() if line.startswith(REPORT_PREFIX)]
    assert process.returncode == 0 and lines, process.stdout[-3000:] + process.stderr[-3000:]
    return json.loads(lines[-1].removeprefix(REPORT_PREFIX)), spy_log.read_text().splitlines()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list[str]]:
    return parse(DAGS, tmp_path_factory.mktemp("parse"))


def test_dag_folder_parses_without_import_errors_and_without_a_database(report):
    parsed, _ = report
    assert parsed["import_errors"] == {}
    assert parsed["dag_ids"] == EXPECTED_DAGS


def test_parsing_reads_no_variable_and_no_connection(report):
    _, secrets_reads = report
    assert secrets_reads == []


def test_tests_and_shared_code_are_not_parsed_as_dag_files(report):
    parsed, _ = report
    assert sorted(parsed["files"]) == ["big_data_pipeline.py", "simple_addition.py"]


def test_the_spy_would_catch_a_variable_read_at_parse_time(tmp_path):
    """Control: without it the test above could pass with a blind spy."""
    folder = tmp_path / "dags"
    folder.mkdir()
    (folder / "reads_variable.py").write_text(
        "from airflow.sdk import DAG, Variable\n"
        "Variable.get('lake_uri', default=None)\n"
        "dag = DAG('reads_variable', schedule=None)\n"
    )
    _, secrets_reads = parse(folder, tmp_path)
    assert "variable lake_uri" in secrets_reads
