"""Partition replacement: a re-run replaces its own partitions, removes the ones it empties, keeps others."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.errors import EtlError
from etl.jobs.outputs import replace_partitions
from etl.lake import Lake

D1, D2, D3 = dt.date(2025, 12, 1), dt.date(2025, 12, 2), dt.date(2025, 12, 3)


def test_rerun_replaces_owned_days_only_and_drops_emptied_ones(spark, tmp_path):
    lake = Lake(tmp_path.as_uri(), spark)
    uri = lake.path("curated", "things")
    first = spark.createDataFrame([(1, D1), (2, D2), (3, D3), (4, D3)], "id int, day date").cache()
    assert replace_partitions(lake, first, uri, ["day"], "day", [D1, D2, D3]) == 4
    # Re-run of D1..D2 where D2 has no rows any more: D1 replaced, D2 removed, D3 untouched.
    again = spark.createDataFrame([(10, D1)], "id int, day date").cache()
    assert replace_partitions(lake, again, uri, ["day"], "day", [D1, D2]) == 1
    rows = sorted((r["id"], r["day"]) for r in spark.read.parquet(uri).collect())
    assert rows == [(3, D3), (4, D3), (10, D1)]
    assert not (tmp_path / "curated" / "things" / f"day={D2}").exists()


def test_two_level_partitions_are_owned_by_their_arrival_day(spark, tmp_path):
    lake = Lake(tmp_path.as_uri(), spark)
    uri = lake.path("curated", "events")
    schema = "id int, event_date date, ingest_date date"
    first = spark.createDataFrame([(1, D1, D1), (2, D1, D2), (3, D2, D2)], schema).cache()
    replace_partitions(lake, first, uri, ["event_date", "ingest_date"], "ingest_date", [D1, D2])
    # Arrival day D2 re-run: its late event for D1 is gone; D1's own arrivals stay.
    again = spark.createDataFrame([(3, D2, D2)], schema).cache()
    replace_partitions(lake, again, uri, ["event_date", "ingest_date"], "ingest_date", [D2])
    assert sorted(r["id"] for r in spark.read.parquet(uri).collect()) == [1, 3]


def test_replacement_refuses_to_report_rows_it_cannot_find(spark, tmp_path, monkeypatch):
    lake = Lake(tmp_path.as_uri(), spark)
    uri = lake.path("curated", "things")
    df = spark.createDataFrame([(1, D1)], "id int, day date").cache()
    # Storage that loses the write: the job must fail, not log success.
    monkeypatch.setattr(type(df.write), "parquet", lambda self, path: None)
    with pytest.raises(EtlError, match="wrote 1 rows but 0"):
        replace_partitions(lake, df, uri, ["day"], "day", [D1])


def test_replacement_refuses_files_missing_from_storage(spark, tmp_path, monkeypatch):
    lake = Lake(tmp_path.as_uri(), spark)
    uri = lake.path("curated", "things")
    df = spark.createDataFrame([(1, D1)], "id int, day date").cache()
    # Storage that lists no data file where Spark reported one written.
    listed = Lake.glob
    monkeypatch.setattr(
        Lake,
        "glob",
        lambda self, pattern: [f for f in listed(self, pattern) if not f[0].endswith(".parquet")],
    )
    with pytest.raises(EtlError, match="Spark wrote 1 files but 0 are on storage"):
        replace_partitions(lake, df, uri, ["day"], "day", [D1])
