"""The production path: the zip and submit.py under the real spark-submit, away from the source tree,
on an interpreter that has nothing installed, as on EMR: every import but pyspark (which
spark-submit puts on the path) and the standard library must come from the zip."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pyspark
import pytest

from etl import package

SPARK_SUBMIT = Path(pyspark.__file__).parent / "bin" / "spark-submit"
SUBMIT_PY = Path(package.__file__).parent / "submit.py"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> Path:
    """The bucket's etl/ prefix as CI fills it: etl.zip (built by the CLI) and submit.py."""
    prefix = tmp_path_factory.mktemp("bucket") / "etl"
    result = subprocess.run(
        [sys.executable, "-m", "etl.package", "--out", str(prefix / "etl.zip")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    shutil.copy(SUBMIT_PY, prefix / "submit.py")
    return prefix


@pytest.fixture(scope="module")
def bare_python(tmp_path_factory) -> Path:
    """This Python without its site-packages (-S)."""
    wrapper = tmp_path_factory.mktemp("bin") / "python3"
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -S "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def spark_submit(prefix: Path, python: Path, *job: str) -> subprocess.CompletedProcess:
    argv = [
        str(SPARK_SUBMIT),
        "--master",
        "local[2]",
        "--conf",
        "spark.ui.enabled=false",
        "--conf",
        "spark.sql.shuffle.partitions=2",
        "--py-files",
        str(prefix / "etl.zip"),
        str(prefix / "submit.py"),
        *job,
    ]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env |= {"PYSPARK_PYTHON": str(python), "PYSPARK_DRIVER_PYTHON": str(python)}
    # Run from the bucket copy, so nothing can be imported from the source tree by accident.
    return subprocess.run(argv, cwd=prefix, env=env, capture_output=True, text=True, timeout=600, check=False)


def test_zip_is_deterministic_and_holds_no_tests(tmp_path):
    first, second = tmp_path / "a" / "etl.zip", tmp_path / "b" / "etl.zip"
    assert package.build(first) == package.build(second)
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()
    names = zipfile.ZipFile(first).namelist()
    assert "etl/cli.py" in names and "etl/submit.py" in names
    assert not [n for n in names if n.startswith(("etl/tests/", "etl/reference/"))]
    # openlineage-python vendored, with the folder entry zipimport needs for a namespace package
    assert "openlineage/client/serde.py" in names and "openlineage/" in names
    assert not [n for n in names if n.endswith(".so") or n.endswith("/RECORD")]


def test_generate_runs_under_spark_submit_and_emits_lineage(shipped, bare_python, tmp_path):
    lake = tmp_path / "lake"
    job = ["generate", "--lake", lake.as_uri(), "--seed", "3", "--scale", "0.001"]
    result = spark_submit(
        shipped, bare_python, *job, "--start-date", "2025-12-01", "--end-date", "2025-12-02"
    )
    # spark-submit relays the Python driver's log lines on its stdout.
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "generate succeeded" in result.stdout
    manifest = json.loads((lake / "raw" / "_manifest.json").read_text())
    assert manifest["seed"] == 3 and manifest["total_rows"] > 0
    # openlineage-python came from the zip: without it the job runs but logs "not emitted" instead.
    events = [json.loads(p.read_text()) for p in sorted((lake / "logs" / "lineage").rglob("*.json"))]
    assert [e["eventType"] for e in events] == ["START", "COMPLETE"], result.stdout[-3000:]
    assert "raw/orders" in {d["name"] for d in events[1]["outputs"]}


def test_missing_input_fails_the_spark_submit_step(shipped, bare_python, tmp_path):
    result = spark_submit(
        shipped, bare_python, "transform", "--lake", (tmp_path / "empty").as_uri(), "--date", "2025-12-01"
    )
    assert result.returncode != 0
    assert "raw input missing" in result.stdout
