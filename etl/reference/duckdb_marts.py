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

from etl.schemas import MARTS
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

CREATE TABLE events AS
SELECT * EXCLUDE (reject_reason) FROM (
  SELECT e.*, CAST(e.event_ts AS DATE) AS event_date, CASE
      WHEN e.event_id IS NULL OR e.session_id IS NULL OR e.event_type IS NULL OR e.event_ts IS NULL
        OR e.ingest_date IS NULL THEN 'missing_key'
      WHEN row_number() OVER (PARTITION BY e.event_id ORDER BY e.ingest_date, e.event_ts) > 1 THEN 'duplicate'
      WHEN e.event_type NOT IN ('page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase')
        THEN 'invalid_event_type'
    END AS reject_reason
  FROM read_parquet('{raw}/events/*/*.parquet', hive_partitioning = true,
                    hive_types = {{'ingest_date': DATE}}) e
  WHERE e.ingest_date BETWEEN DATE '{lookback}' AND DATE '{end}'
) WHERE reject_reason IS NULL AND ingest_date BETWEEN DATE '{start}' AND DATE '{end}';
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


def main(argv: list[str] | None = None) -> int:
    """`python -m etl.reference.duckdb_marts --raw DIR --date D --end-date E`: row count per mart."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--raw", type=Path, required=True, help="the lake's raw/ directory")
    parser.add_argument("--date", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--end-date", type=dt.date.fromisoformat, required=True)
    args = parser.parse_args(argv)
    for name, rows in compute_marts(args.raw, args.date, args.end_date).items():
        print(f"{name}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
