"""The marts computed by DuckDB straight from the raw Parquet files: a second engine, same rules.

Written independently of the Spark code, from the rules in etl/README.md (reject reasons in order,
dedup keeps the first copy, VAT on integer cents, quintiles with ties broken by customer id), so a
difference between the two engines points at a bug in one of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import duckdb

from etl.schemas import CURATED, MART_PARTITION, MARTS, RAW
from etl.transforms.events import DEDUP_LOOKBACK_DAYS

SETUP = """
SET TimeZone = 'UTC';
CREATE VIEW stores AS SELECT * FROM read_parquet('{raw}/stores/*.parquet')
  WHERE store_id IS NOT NULL QUALIFY row_number() OVER (PARTITION BY store_id) = 1;
CREATE VIEW customers AS SELECT * FROM read_parquet('{raw}/customers/*.parquet')
  WHERE customer_id IS NOT NULL QUALIFY row_number() OVER (PARTITION BY customer_id) = 1;
CREATE VIEW products AS SELECT * FROM read_parquet('{raw}/products/*.parquet')
  WHERE product_id IS NOT NULL QUALIFY row_number() OVER (PARTITION BY product_id) = 1;

CREATE VIEW orders_tagged AS
SELECT o.*, CASE
    WHEN o.order_id IS NULL OR o.customer_id IS NULL OR o.store_id IS NULL OR o.order_date IS NULL
      THEN 'missing_key'
    WHEN row_number() OVER (PARTITION BY o.order_id ORDER BY o.order_ts, o.total_amount) > 1 THEN 'duplicate'
    WHEN c.customer_id IS NULL THEN 'unknown_customer'
    WHEN s.store_id IS NULL THEN 'unknown_store'
  END AS reject_reason
FROM read_parquet('{raw}/orders/*/*.parquet', hive_partitioning = true, hive_types = {{'order_date': DATE}}) o
LEFT JOIN customers c ON o.customer_id = c.customer_id
LEFT JOIN stores s ON o.store_id = s.store_id
WHERE o.order_date BETWEEN DATE '{start}' AND DATE '{end}';
CREATE TABLE orders AS SELECT * EXCLUDE (reject_reason) FROM orders_tagged WHERE reject_reason IS NULL;

CREATE VIEW lines_tagged AS
SELECT l.*, p.vat_rate, CASE
    WHEN l.order_id IS NULL OR l.line_no IS NULL OR l.product_id IS NULL OR l.order_date IS NULL
      THEN 'missing_key'
    WHEN row_number() OVER (PARTITION BY l.order_id, l.line_no ORDER BY l.quantity, l.line_amount) > 1
      THEN 'duplicate'
    WHEN p.vat_rate IS NULL THEN 'unknown_product'
    WHEN o.order_id IS NULL THEN 'unknown_order'
    WHEN coalesce(l.quantity, 0) = 0 THEN 'invalid_quantity'
    WHEN coalesce(l.unit_price, 0) <= 0 THEN 'invalid_price'
  END AS reject_reason
FROM read_parquet('{raw}/order_lines/*/*.parquet', hive_partitioning = true,
                  hive_types = {{'order_date': DATE}}) l
LEFT JOIN products p ON l.product_id = p.product_id
LEFT JOIN (SELECT DISTINCT order_id FROM orders) o ON l.order_id = o.order_id
WHERE l.order_date BETWEEN DATE '{start}' AND DATE '{end}';
CREATE TABLE lines AS
WITH cents AS (
  SELECT *, CAST(line_amount * 100 AS BIGINT) AS c, CAST(vat_rate * 100 AS BIGINT) + 10000 AS b
  FROM lines_tagged WHERE reject_reason IS NULL
)
SELECT * EXCLUDE (c, b, reject_reason),
  CAST(CAST(sign(c) * ((abs(c) * 20000 + b) // (2 * b)) AS DECIMAL(18, 2)) * 0.01 AS DECIMAL(12, 2))
    AS net_amount
FROM cents;

CREATE TABLE events_tagged AS
SELECT e.*, CAST(e.event_ts AS DATE) AS event_date, CASE
    WHEN e.event_id IS NULL OR e.session_id IS NULL OR e.event_type IS NULL OR e.event_ts IS NULL
      OR e.ingest_date IS NULL THEN 'missing_key'
    WHEN row_number() OVER (PARTITION BY e.event_id ORDER BY e.ingest_date, e.event_ts) > 1 THEN 'duplicate'
    WHEN e.event_type NOT IN ('page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase')
      THEN 'invalid_event_type'
  END AS reject_reason
FROM read_parquet('{raw}/events/*/*.parquet', hive_partitioning = true,
                  hive_types = {{'ingest_date': DATE}}) e
WHERE e.ingest_date BETWEEN DATE '{lookback}' AND DATE '{end}';
DELETE FROM events_tagged WHERE ingest_date < DATE '{start}';
CREATE TABLE events AS SELECT * EXCLUDE (reject_reason) FROM events_tagged WHERE reject_reason IS NULL;
"""

LINE_MEASURES = """
  count(DISTINCT CASE WHEN l.quantity > 0 THEN l.order_id END) AS orders,
  coalesce(sum(CASE WHEN l.quantity > 0 THEN l.quantity END), 0) AS units,
  CAST(coalesce(sum(CASE WHEN l.quantity > 0 THEN l.line_amount END), 0) AS DECIMAL(18, 2)) AS gross_amount,
  CAST(coalesce(sum(CASE WHEN l.quantity > 0 THEN l.net_amount END), 0) AS DECIMAL(18, 2)) AS net_amount,
  coalesce(sum(CASE WHEN l.quantity < 0 THEN -l.quantity END), 0) AS returned_units,
  CAST(coalesce(sum(CASE WHEN l.quantity < 0 THEN -l.line_amount END), 0) AS DECIMAL(18, 2)) AS returns_amount
"""

QUERIES = {
    "daily_sales": f"""
SELECT *, CAST(gross_amount - net_amount AS DECIMAL(18, 2)) AS vat_amount FROM (
  SELECT l.order_date, o.store_id, s.region, p.category, {LINE_MEASURES}
  FROM lines l JOIN orders o ON l.order_id = o.order_id JOIN stores s ON o.store_id = s.store_id
  JOIN products p ON l.product_id = p.product_id
  GROUP BY ALL
)
""",
    "product_performance": f"""
SELECT l.order_date, l.product_id, p.category, p.brand, {LINE_MEASURES}
FROM lines l JOIN products p ON l.product_id = p.product_id
GROUP BY ALL
""",
    "funnel": """
SELECT event_date, platform, count(DISTINCT session_id) AS sessions,
  count(DISTINCT CASE WHEN event_type = 'product_view' THEN session_id END) AS product_view_sessions,
  count(DISTINCT CASE WHEN event_type = 'add_to_cart' THEN session_id END) AS cart_sessions,
  count(DISTINCT CASE WHEN event_type = 'checkout' THEN session_id END) AS checkout_sessions,
  count(DISTINCT CASE WHEN event_type = 'purchase' THEN session_id END) AS purchase_sessions,
  count(DISTINCT CASE WHEN event_type = 'purchase' THEN session_id END) / count(DISTINCT session_id)
    AS conversion_rate
FROM events WHERE event_date BETWEEN DATE '{start}' AND DATE '{end}'
GROUP BY ALL
""",
    "customer_value": """
WITH per_customer AS (
  SELECT o.customer_id, c.region, min(o.order_date) AS first_order_date, max(o.order_date) AS last_order_date,
    count(*) AS orders, CAST(sum(o.total_amount) AS DECIMAL(18, 2)) AS lifetime_value,
    CAST(DATE '{end}' - max(o.order_date) AS INTEGER) AS recency_days
  FROM orders o JOIN customers c ON o.customer_id = c.customer_id
  GROUP BY ALL
), scored AS (
  SELECT *, ntile(5) OVER (ORDER BY recency_days DESC, customer_id) AS r_score,
    ntile(5) OVER (ORDER BY orders, customer_id) AS f_score,
    ntile(5) OVER (ORDER BY lifetime_value, customer_id) AS m_score
  FROM per_customer
)
SELECT DATE '{end}' AS as_of_date, *, CASE
    WHEN r_score >= 4 AND f_score >= 4 THEN 'Champions'
    WHEN r_score >= 3 AND f_score >= 3 THEN 'Loyal'
    WHEN r_score >= 4 AND f_score <= 2 THEN 'New'
    WHEN r_score <= 2 AND f_score >= 3 THEN 'At risk'
    WHEN r_score <= 2 AND f_score <= 2 THEN 'Hibernating'
    ELSE 'Needs attention'
  END AS rfm_segment
FROM scored
""",
}


def compute_marts(raw_dir: Path, start: dt.date, end: dt.date) -> dict[str, list[tuple]]:
    """Each mart's rows (columns in the mart contract's order), sorted, from the raw files in raw_dir.

    customer_value is as of `end`, over the orders of start..end only (the range must cover all
    orders for it to equal the Spark mart, as it does when the whole generated range is given).
    """
    params = {
        "raw": raw_dir.as_posix(),
        "start": start,
        "end": end,
        "lookback": start - dt.timedelta(days=DEDUP_LOOKBACK_DAYS),
    }
    with duckdb.connect() as db:
        db.execute(SETUP.format(**params))
        return {
            name: sorted(
                db.execute(
                    f"SELECT {', '.join(MARTS[name].fieldNames())} FROM ({query.format(**params)})"
                ).fetchall()
            )
            for name, query in QUERIES.items()
        }


def _dimension_rejects(raw: str, name: str, key: str) -> str:
    return f"""
SELECT * EXCLUDE (_copy), CASE WHEN {key} IS NULL THEN 'missing_key' ELSE 'duplicate' END AS reject_reason
FROM (SELECT *, row_number() OVER (PARTITION BY {key}) AS _copy FROM read_parquet('{raw}/{name}/*.parquet'))
WHERE {key} IS NULL OR _copy > 1
"""


def _rejected(name: str, tagged: str) -> str:
    """Rejected rows as they came (raw columns) plus their reason, as the Spark transform keeps them."""
    columns = ", ".join(RAW[name].fieldNames())
    return f"SELECT {columns}, reject_reason FROM {tagged} WHERE reject_reason IS NOT NULL"


def write_outputs(raw_dir: Path, out_dir: Path, start: dt.date, end: dt.date) -> dict[str, int]:
    """What the Spark transform writes (curated, rejects, marts; same partition layout, Parquet
    zstd), from the same raw files: for the benchmark only. Returns the rows written per output.

    customer_value is over the orders of start..end (as compute_marts); the others match Spark's.
    """
    params = {
        "raw": raw_dir.as_posix(),
        "start": start,
        "end": end,
        "lookback": start - dt.timedelta(days=DEDUP_LOOKBACK_DAYS),
    }
    lines = "SELECT *, CAST(line_amount - net_amount AS DECIMAL(12, 2)) AS vat_amount FROM lines"
    outputs: dict[str, tuple[str, list[str]]] = {
        **{f"curated/{name}": (f"SELECT * FROM {name}", []) for name in ("stores", "customers", "products")},
        **{
            f"curated/_rejects/{name}": (_dimension_rejects(params["raw"], name, key), [])
            for name, key in (
                ("stores", "store_id"),
                ("customers", "customer_id"),
                ("products", "product_id"),
            )
        },
        "curated/orders": ("SELECT * FROM orders", ["order_date"]),
        "curated/_rejects/orders": (
            _rejected("orders", "orders_tagged"),
            ["order_date"],
        ),
        "curated/order_lines": (f"SELECT * FROM ({lines}) WHERE quantity > 0", ["order_date"]),
        "curated/returns": (f"SELECT * FROM ({lines}) WHERE quantity < 0", ["order_date"]),
        "curated/_rejects/order_lines": (
            _rejected("order_lines", "lines_tagged"),
            ["order_date"],
        ),
        "curated/events": ("SELECT * FROM events", ["event_date", "ingest_date"]),
        "curated/_rejects/events": (
            _rejected("events", "events_tagged"),
            ["ingest_date"],
        ),
        **{f"marts/{name}": (query, [MART_PARTITION[name]]) for name, query in QUERIES.items()},
    }
    written = {}
    with duckdb.connect() as db:
        db.execute(SETUP.format(**params))
        for path, (query, partition_by) in outputs.items():
            name = path.rsplit("/", 1)[1]
            columns = (
                ", ".join(CURATED[name].fieldNames())
                if path.startswith("curated/") and "_rejects" not in path
                else "*"
            )
            if path.startswith("marts/"):
                columns = ", ".join(MARTS[name].fieldNames())
            options = "FORMAT parquet, COMPRESSION zstd, OVERWRITE_OR_IGNORE"
            if partition_by:
                options += f", PARTITION_BY ({', '.join(partition_by)})"
            target = out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            where = target if partition_by else target.with_suffix(".parquet")
            select = f"SELECT {columns} FROM ({query.format(**params)})"
            written[path] = db.execute(f"COPY ({select}) TO '{where.as_posix()}' ({options})").fetchone()[0]
    return written


def main(argv: list[str] | None = None) -> int:
    """`python -m etl.reference.duckdb_marts --raw DIR --date D --end-date E [--out DIR]`.

    Without --out: row count per mart. With --out: writes every output of the Spark transform
    under DIR (see write_outputs) and prints rows per output.
    """
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--raw", type=Path, required=True, help="the lake's raw/ directory")
    parser.add_argument("--date", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--end-date", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--out", type=Path, help="write the transform's outputs under this directory")
    args = parser.parse_args(argv)
    if args.out:
        for path, rows in write_outputs(args.raw, args.out, args.date, args.end_date).items():
            print(f"{path}: {rows} rows")
        return 0
    for name, rows in compute_marts(args.raw, args.date, args.end_date).items():
        print(f"{name}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
