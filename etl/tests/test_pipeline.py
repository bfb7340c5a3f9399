"""The lake after transform and quality: reconciliations, idempotency, late events, the report."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from etl.cli import main
from etl.jobs.generate import count_and_hash
from etl.tests.conftest import END, START

CURATED = ["orders", "order_lines", "returns", "events"]


def scan(lake, area: str, dataset: str) -> str:
    files = f"{lake}/{area}/{dataset}/**/*.parquet"
    return f"read_parquet('{files}', hive_partitioning = true, union_by_name = true)"


def one(db, sql: str):
    return db.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def db():
    with duckdb.connect() as connection:
        connection.execute("SET TimeZone = 'UTC'")
        yield connection


def test_every_raw_row_is_curated_returned_or_rejected(lake, db):
    for dataset, parts in {
        "orders": ["orders"],
        "order_lines": ["order_lines", "returns"],
        "events": ["events"],
        "customers": ["customers"],
    }.items():
        raw = one(db, f"SELECT count(*) FROM {scan(lake, 'raw', dataset)}")
        kept = sum(one(db, f"SELECT count(*) FROM {scan(lake, 'curated', part)}") for part in parts)
        rejected = one(db, f"SELECT count(*) FROM {scan(lake, 'curated/_rejects', dataset)}")
        assert kept + rejected == raw, dataset
        if dataset != "customers":
            assert rejected > 0, f"the generator dirties {dataset}, so some must be rejected"


def test_order_totals_equal_their_lines(lake, db):
    orders, lines = scan(lake, "curated", "orders"), scan(lake, "curated", "order_lines")
    returns, rejected = scan(lake, "curated", "returns"), scan(lake, "curated/_rejects", "order_lines")
    mismatched, checked = db.execute(
        f"""
        WITH amounts AS (
          SELECT order_id, line_amount FROM {lines} UNION ALL SELECT order_id, line_amount FROM {returns}
          UNION ALL SELECT order_id, line_amount FROM {rejected} WHERE reject_reason <> 'duplicate'
        ), per_order AS (SELECT order_id, sum(line_amount) AS lines_total FROM amounts GROUP BY 1)
        SELECT count(*) FILTER (lines_total IS DISTINCT FROM total_amount), count(*)
        FROM {orders} LEFT JOIN per_order USING (order_id)
        """
    ).fetchone()
    assert checked > 0 and mismatched == 0
    # And in total, over orders whose lines were all kept: sales + returns = order totals.
    assert one(
        db,
        f"""
        WITH clean AS (SELECT order_id FROM {orders} WHERE order_id NOT IN (SELECT order_id FROM {rejected}
                       WHERE order_id IS NOT NULL))
        SELECT (SELECT sum(total_amount) FROM {orders} WHERE order_id IN (SELECT * FROM clean))
             = (SELECT sum(line_amount) FROM (SELECT * FROM {lines} UNION ALL SELECT * FROM {returns})
                WHERE order_id IN (SELECT * FROM clean))
        """,
    )


def test_marts_totals_equal_curated_totals(lake, db):
    lines, returns = scan(lake, "curated", "order_lines"), scan(lake, "curated", "returns")
    gross, net, units = db.execute(
        f"SELECT sum(line_amount), sum(net_amount), sum(quantity) FROM {lines}"
    ).fetchone()
    returned = one(db, f"SELECT -sum(line_amount) FROM {returns}")
    for mart in ("daily_sales", "product_performance"):
        totals = db.execute(
            "SELECT sum(gross_amount), sum(net_amount), sum(units), sum(returns_amount)"
            f" FROM {scan(lake, 'marts', mart)}"
        ).fetchone()
        assert totals == (gross, net, units, returned), mart
    sales_vat = one(db, f"SELECT sum(vat_amount) FROM {scan(lake, 'marts', 'daily_sales')}")
    assert sales_vat == one(db, f"SELECT sum(vat_amount) FROM {lines}")
    orders_total = one(db, f"SELECT sum(total_amount) FROM {scan(lake, 'curated', 'orders')}")
    assert orders_total == one(db, f"SELECT sum(lifetime_value) FROM {scan(lake, 'marts', 'customer_value')}")


def test_late_events_land_in_the_day_they_happened(lake, db):
    events = scan(lake, "curated", "events")
    late = db.execute(
        f"SELECT event_date, ingest_date FROM {events} WHERE ingest_date > event_date LIMIT 1"
    ).fetchone()
    assert late is not None
    event_date, ingest_date = late
    assert (lake / "curated" / "events" / f"event_date={event_date}" / f"ingest_date={ingest_date}").is_dir()
    assert (
        one(
            db,
            f"SELECT count(*) FROM {events} WHERE CAST(event_ts AS DATE) <> event_date",
        )
        == 0
    )


def _fingerprints(spark, lake) -> dict:
    areas = [("curated", name) for name in CURATED] + [("curated/_rejects", name) for name in CURATED[:2]]
    areas += [("marts", name) for name in ("daily_sales", "product_performance", "funnel", "customer_value")]
    return {f"{a}/{n}": count_and_hash(spark.read.parquet(str(lake / a / n))) for a, n in areas}


def test_rerunning_a_day_changes_nothing(spark, lake):
    before = _fingerprints(spark, lake)
    middle = START.replace(day=START.day + 5).isoformat()
    assert main(["transform", "--lake", lake.as_uri(), "--date", middle]) == 0
    after = _fingerprints(spark, lake)
    # customer_value is a snapshot per as-of day: the re-run adds the day's snapshot, the rest is equal.
    new_snapshot = lake / "marts" / "customer_value" / f"as_of_date={middle}"
    assert new_snapshot.is_dir()
    shutil.rmtree(new_snapshot)
    after["marts/customer_value"] = count_and_hash(spark.read.parquet(str(lake / "marts" / "customer_value")))
    assert after == before


def test_quality_report_passes_and_has_the_documented_shape(lake):
    report = json.loads(
        (lake / "quality" / f"date={START}" / "manual__2025-12-07T00_00_00+00_00.json").read_text()
    )
    assert report["run_id"] == "manual__2025-12-07T00:00:00+00:00"
    assert report["status"] == "passed" and report["summary"]["failed_critical"] == 0
    assert (report["date"], report["end_date"]) == (START.isoformat(), END.isoformat())
    keys = {"dataset", "check", "severity", "status", "observed", "expected", "message"}
    assert all(set(check) == keys for check in report["checks"])
    checks = {(c["dataset"], c["check"]) for c in report["checks"]}
    for expected in [
        ("orders", "schema_contract"),
        ("orders", "not_null"),
        ("orders", "unique_key"),
        ("orders", "references_customers"),
        ("order_lines", "accepted_range"),
        ("order_lines", "row_count_reconciliation"),
        ("orders", "totals_match_lines"),
        ("events", "freshness"),
        ("daily_sales", "gross_matches_curated"),
    ]:
        assert expected in checks
    assert {c["severity"] for c in report["checks"]} == {"critical", "warning"}


def test_quality_fails_the_run_when_a_critical_check_fails(lake, tmp_path, spark):
    broken = tmp_path / "lake"
    shutil.copytree(lake, broken)
    day = f"order_date={END}"
    # Land an extra copy of the day's curated orders: keys are no longer unique, counts no longer add up.
    orders = spark.read.parquet(str(broken / "curated" / "orders" / day))
    orders.write.mode("append").parquet(str(broken / "curated" / "orders" / day))
    argv = ["quality", "--lake", broken.as_uri(), "--date", END.isoformat(), "--run-id", "broken-1"]
    assert main(argv) == 1
    report = json.loads((broken / "quality" / f"date={END}" / "broken-1.json").read_text())
    failed = {(c["dataset"], c["check"]) for c in report["checks"] if c["status"] == "failed"}
    assert report["status"] == "failed"
    assert {("orders", "unique_key"), ("orders", "row_count_reconciliation")} <= failed
