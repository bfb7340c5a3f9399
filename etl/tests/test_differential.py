"""Two engines, one answer: the Spark marts equal DuckDB's, computed straight from the raw files."""

from __future__ import annotations

import math

import pytest

from etl.reference.duckdb_marts import compute_marts
from etl.schemas import MART_PARTITION, MARTS
from etl.tests.conftest import END, START


@pytest.fixture(scope="module")
def reference(lake) -> dict[str, list[tuple]]:
    return compute_marts(lake / "raw", START, END)


@pytest.mark.parametrize("mart", list(MARTS))
def test_spark_mart_equals_duckdb(spark, lake, reference, mart):
    column = MART_PARTITION[mart]
    rows = spark.read.parquet(str(lake / "marts" / mart)).where(f"{column} BETWEEN '{START}' AND '{END}'")
    if mart == "customer_value":
        rows = rows.where(f"as_of_date = '{END}'")
    got = sorted(tuple(row) for row in rows.select(*MARTS[mart].fieldNames()).collect())
    expected = reference[mart]
    assert len(got) == len(expected) > 0
    for ours, theirs in zip(got, expected, strict=True):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            assert math.isclose(a, b, rel_tol=1e-12) if isinstance(a, float) else a == b, (ours, theirs)
