"""One SparkSession for the whole suite (local[2], small shuffles, no UI) and the shared lakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from etl.cli import main
from etl.session import spark_session

# The lake most tests read: two full weeks (Monday 24 November to Sunday 7 December) at scale 0.01.
START, END = dt.date(2025, 11, 24), dt.date(2025, 12, 7)
SEED = 7
SCALE = 0.01


@pytest.fixture(scope="session")
def spark() -> SparkSession:
    session = (
        SparkSession.builder.master("local[2]")
        .appName("etl-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    spark_session("etl-tests")  # the jobs' settings (UTC, dynamic overwrite) on the same session
    yield session
    session.stop()


@pytest.fixture(scope="session")
def generated_lake(spark, tmp_path_factory) -> Path:
    """A lake with raw data only."""
    root = tmp_path_factory.mktemp("generated") / "lake"
    argv = ["generate", "--lake", root.as_uri(), "--seed", str(SEED), "--scale", str(SCALE)]
    assert main([*argv, "--start-date", START.isoformat(), "--end-date", END.isoformat()]) == 0
    return root


@pytest.fixture(scope="session")
def lake(generated_lake) -> Path:
    """The generated lake after transform over the whole range, then quality."""
    uri = generated_lake.as_uri()
    assert main(["transform", "--lake", uri, "--date", START.isoformat(), "--end-date", END.isoformat()]) == 0
    argv = ["quality", "--lake", uri, "--date", START.isoformat(), "--end-date", END.isoformat()]
    assert main([*argv, "--run-id", "manual__2025-12-07T00:00:00+00:00"]) == 0
    return generated_lake
