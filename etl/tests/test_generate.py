"""The generator: row counts, determinism, realistic shape, dirt on purpose, Spark-native plans."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import pytest
from pyspark.sql import functions as F

from etl.cli import main
from etl.jobs.generate import STORES, count_and_hash, sizes
from etl.schemas import RAW, schema_hash
from etl.synth import dims, facts
from etl.synth.seasonality import daily_allocation, explode_days
from etl.tests.conftest import END, SCALE, START


def manifest(lake) -> dict:
    return json.loads((lake / "raw" / "_manifest.json").read_text())


def test_manifest_counts_what_is_on_disk_as_another_engine_reads_it(generated_lake):
    described = manifest(generated_lake)["datasets"]
    assert len(described) >= 5
    with duckdb.connect() as db:
        for name, entry in described.items():
            files = f"{generated_lake}/{entry['path']}/**/*.parquet"
            assert (
                db.execute(f"SELECT count(*) FROM read_parquet('{files}')").fetchone()[0] == entry["rows"]
            ), name
            assert entry["schema_hash"] == schema_hash(RAW[name])
            assert entry["bytes"] > 0 and entry["files"] >= 1


def test_generate_hits_its_row_counts(generated_lake):
    rows = {name: entry["rows"] for name, entry in manifest(generated_lake)["datasets"].items()}
    n = sizes(SCALE)
    assert rows["stores"] == STORES
    assert rows["customers"] == n["customers"]
    assert rows["products"] == n["products"]
    # Per-day rounding moves the order count by a few; 0.5 % are sent twice on purpose.
    assert n["orders"] * 0.995 <= rows["orders"] <= n["orders"] * 1.015
    assert 2.0 <= rows["order_lines"] / rows["orders"] <= 2.8  # heavy-tailed baskets, mean about 2.3
    assert 2.2 <= rows["events"] / n["visits"] <= 3.2


def test_scale_one_plans_more_than_five_million_records():
    n = sizes(1.0)
    # lines ≈ 2.3 per order and events ≈ 2.6 per visit (measured at small scale above)
    planned = STORES + n["customers"] + n["products"] + n["orders"] * (1 + 2.3) + n["visits"] * 2.6
    assert planned > 5_000_000


def _generate(root, seed: int) -> dict:
    argv = ["generate", "--lake", root.as_uri(), "--seed", str(seed), "--scale", "0.001"]
    assert main([*argv, "--start-date", "2025-12-01", "--end-date", "2025-12-03"]) == 0
    return {
        name: (entry["rows"], entry["schema_hash"], entry["content_hash"])
        for name, entry in manifest(root)["datasets"].items()
    }


def test_same_seed_gives_the_same_manifest(spark, tmp_path):
    first, again = _generate(tmp_path / "a", 1), _generate(tmp_path / "b", 1)
    assert first == again


def test_a_day_generated_into_a_lake_that_holds_other_days_stands_on_its_own(spark, tmp_path):
    """As a pipeline run does on the local lake: order ids restart at 1 in every generation."""
    root = tmp_path / "lake"
    _generate(root, 1)  # 2025-12-01..03
    day = "2025-12-05"
    argv = ["generate", "--lake", root.as_uri(), "--seed", "2", "--scale", "0.001"]
    assert main([*argv, "--start-date", day, "--end-date", day]) == 0
    orders = spark.read.parquet(str(root / "raw" / "orders")).where(F.col("order_date") == day)
    lines = spark.read.parquet(str(root / "raw" / "order_lines")).where(F.col("order_date") == day)
    totals = lines.groupBy("order_id").agg(F.sum("line_amount").alias("lines_total"))
    assert orders.join(totals, "order_id").where(F.col("lines_total") != F.col("total_amount")).count() == 0
    described = manifest(root)["datasets"]
    assert described["orders"]["rows"] == orders.count()  # this run's day, not the lake's
    assert described["order_lines"]["files"] == len(
        list((root / "raw" / "order_lines").glob(f"*={day}/*.parquet"))
    )
    uri = root.as_uri()
    assert main(["transform", "--lake", uri, "--date", day]) == 0
    assert main(["quality", "--lake", uri, "--date", day, "--run-id", "manual__1"]) == 0


def test_another_seed_gives_other_data(spark):
    day = dt.date(2025, 12, 1)
    hashes = {
        seed: [
            count_and_hash(df)[1]
            for df in (
                dims.customers(spark, 100, seed, day),
                dims.products(spark, 100, seed),
                dims.stores(spark, 20, seed),
            )
        ]
        for seed in (1, 2)
    }
    assert all(a != b for a, b in zip(hashes[1], hashes[2], strict=True))


def test_money_is_decimal(generated_lake, spark):
    orders = spark.read.parquet(str(generated_lake / "raw" / "orders"))
    assert orders.schema["total_amount"].dataType.simpleString() == "decimal(12,2)"
    prices = spark.read.parquet(str(generated_lake / "raw" / "products")).schema["unit_price"].dataType
    assert prices.simpleString() == "decimal(10,2)"


def test_december_sells_more_than_november(generated_lake):
    # START..END are two full weeks, Monday to Sunday: one in November, one in December.
    orders = f"read_parquet('{generated_lake}/raw/orders/*/*.parquet', hive_partitioning = true)"
    with duckdb.connect() as db:
        by_month = dict(db.execute(f"SELECT month(order_date), count(*) FROM {orders} GROUP BY 1").fetchall())
        saturday, sunday = db.execute(
            f"SELECT count(*) FILTER (dayofweek(order_date) = 6), count(*) FILTER (dayofweek(order_date) = 0)"
            f" FROM {orders}"
        ).fetchone()
    assert by_month[12] > 1.25 * by_month[11]
    assert saturday > 2 * sunday  # Belgian shops are mostly closed on Sunday


def test_product_popularity_and_baskets_are_heavy_tailed(generated_lake):
    lines = f"read_parquet('{generated_lake}/raw/order_lines/*/*.parquet', hive_partitioning = true)"
    with duckdb.connect() as db:
        top_share = db.execute(
            f"WITH p AS (SELECT product_id, count(*) n FROM {lines} GROUP BY 1)"
            f" SELECT sum(n) FILTER (product_id <= (SELECT count(*) FROM p) / 10) / sum(n) FROM p"
        ).fetchone()[0]
        median, biggest = db.execute(
            f"WITH b AS (SELECT order_id, count(*) n FROM {lines} GROUP BY 1) SELECT median(n), max(n) FROM b"
        ).fetchone()
    assert top_share > 0.4  # the top tenth of products sells nearly half the lines
    assert median <= 2 and biggest >= 15


def test_dirty_rows_are_there_on_purpose(generated_lake):
    raw = f"{generated_lake}/raw"
    with duckdb.connect() as db:
        db.execute("SET TimeZone = 'UTC'")

        def count(sql: str) -> int:
            return db.execute(sql).fetchone()[0]

        lines = f"read_parquet('{raw}/order_lines/*/*.parquet')"
        events = f"read_parquet('{raw}/events/*/*.parquet', hive_partitioning = true)"
        orders = f"read_parquet('{raw}/orders/*/*.parquet')"
        assert count(f"SELECT count(*) FROM {lines} WHERE product_id IS NULL") > 0
        assert count(f"SELECT count(*) FROM {lines} WHERE quantity < 0") > 0
        assert count(f"SELECT count(*) FROM {orders} WHERE customer_id IS NULL") > 0
        assert count(f"SELECT count(*) - count(DISTINCT order_id) FROM {orders}") > 0
        assert count(f"SELECT count(*) - count(DISTINCT event_id) FROM {events}") > 0
        assert count(f"SELECT count(*) FROM {events} WHERE ingest_date > CAST(event_ts AS DATE)") > 0
        assert count(f"SELECT count(*) FROM {events} WHERE event_type IS NULL") > 0


@pytest.mark.parametrize("which", ["orders", "order_lines", "events", "customers", "products", "stores"])
def test_generation_plans_have_no_python_udf(spark, which):
    start, end = dt.date(2025, 12, 1), dt.date(2025, 12, 2)
    products = dims.products(spark, 50, 1)
    headers = facts.order_headers(
        explode_days(daily_allocation(spark, start, end, 100, 1, "o", 2), "order_id"), 50, 5, 1
    )
    lines = facts.order_lines(headers, products, 50, 1)
    visits = explode_days(daily_allocation(spark, start, end, 50, 1, "v", 2), "session_id")
    frames = {
        "orders": facts.orders_with_totals(headers, lines, 1),
        "order_lines": lines,
        "events": facts.events(visits, 50, 50, end, 1),
        "customers": dims.customers(spark, 50, 1, start),
        "products": products,
        "stores": dims.stores(spark, 5, 1),
    }
    plan = frames[which]._jdf.queryExecution().executedPlan().toString()
    assert "EvalPython" not in plan and "PythonUDF" not in plan
    assert frames[which].where(F.lit(True)).count() > 0


def test_dates_cover_the_range(generated_lake):
    days = sorted(
        p.name for p in (generated_lake / "raw" / "orders").iterdir() if p.name.startswith("order_date=")
    )
    assert days[0] == f"order_date={START}" and days[-1] == f"order_date={END}"
    assert len(days) == (END - START).days + 1
