"""Transform raw → curated → marts for a day or a range of days (re-runnable, idempotent).

Curated rows are typed and deduplicated; rejected rows go to curated/_rejects/<dataset>/ with a
reason; returns go to curated/returns/; events land in the day they happened. Each run replaces
exactly the partitions of its days (and, for events, of the days its late arrivals belong to).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from etl import lineage
from etl.errors import MissingInput
from etl.jobs import arguments
from etl.jobs.outputs import replace_all, replace_partitions
from etl.lake import Lake
from etl.schemas import CURATED, CURATED_PARTITION, KEYS, MART_PARTITION, MARTS, RAW, RAW_PARTITION, conform
from etl.transforms import marts, orders
from etl.transforms import rejects as r
from etl.transforms.events import DEDUP_LOOKBACK_DAYS, tag_events

log = logging.getLogger("etl.transform")
DIMENSIONS = ("stores", "customers", "products")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=arguments.date, required=True, help="first day to transform")
    parser.add_argument("--end-date", type=arguments.date, help="last day to transform (default: --date)")


def validate(args: argparse.Namespace) -> None:
    arguments.date_range(args.date, args.end_date)


def between(column: str, start: dt.date, end: dt.date):
    return F.col(column).between(F.lit(start.isoformat()).cast("date"), F.lit(end.isoformat()).cast("date"))


def require_partitions(lake: Lake, days: list[dt.date]) -> None:
    """Every day must have raw orders, lines and events: a missing day fails the run."""
    missing = []
    for name, column in RAW_PARTITION.items():
        present = set(lake.partitions(lake.raw(name))) if lake.exists(lake.raw(name)) else set()
        missing += [f"raw/{name}/{column}={day}" for day in days if f"{column}={day}" not in present]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise MissingInput(f"raw input missing for {len(missing)} partition(s): {shown}")


def curate_dimensions(lake: Lake) -> dict[str, DataFrame]:
    """Snapshot dimensions: keys present and unique; returns the curated DataFrames as written."""
    curated = {}
    for name in DIMENSIONS:
        key = KEYS[name]
        tagged = r.tag(
            lake.read(lake.raw(name)),
            [(r.MISSING_KEY, r.any_null(*key)), (r.DUPLICATE, r.later_copy(key, [F.col(c) for c in key]))],
        ).cache()
        replace_all(lake, conform(r.accepted(tagged), CURATED[name]), lake.curated(name))
        replace_all(lake, r.rejected(tagged), lake.rejects(name))
        tagged.unpersist()
        # Small, and joined several times (tagging, marts): read once and kept in memory.
        curated[name] = lake.read(lake.curated(name)).cache()
    return curated


def write_rejects(lake: Lake, name: str, tagged: DataFrame, days: list[dt.date]) -> None:
    """Rejected rows as they came (raw columns) plus their reason, by the raw partition day."""
    column = RAW_PARTITION[name]
    rows = r.rejected(tagged).select(*RAW[name].fieldNames(), r.REASON)
    replace_partitions(lake, rows, lake.rejects(name), [column], column, days)


def write_curated(lake: Lake, name: str, df: DataFrame, days: list[dt.date]) -> None:
    """The run owns the curated partitions of the days whose raw data it read (the arrival day for events)."""
    owner = "ingest_date" if name == "events" else "order_date"
    replace_partitions(
        lake, conform(df, CURATED[name]), lake.curated(name), CURATED_PARTITION[name], owner, days
    )


def run(lake: Lake, args: argparse.Namespace) -> None:
    start = args.date
    end = args.end_date or start
    days = arguments.date_range(start, end)
    log.info("transforming %s to %s (%d days) in %s", start, end, len(days), lake.root)
    require_partitions(lake, days)
    lineage.read(*(lake.raw(name) for name in (*DIMENSIONS, "orders", "order_lines", "events")))
    dims = curate_dimensions(lake)

    raw_orders = lake.read(lake.raw("orders")).where(between("order_date", start, end))
    tagged_orders = orders.tag_orders(raw_orders, dims["customers"], dims["stores"]).cache()
    # The curated orders of the run's days, kept for the lines and the marts (read once, not three times).
    placed = conform(r.accepted(tagged_orders), CURATED["orders"]).cache()
    write_curated(lake, "orders", placed, days)
    write_rejects(lake, "orders", tagged_orders, days)
    tagged_orders.unpersist()

    raw_lines = lake.read(lake.raw("order_lines")).where(between("order_date", start, end))
    tagged_lines = orders.tag_lines(raw_lines, placed, dims["products"]).cache()
    lines = orders.with_vat_split(r.accepted(tagged_lines))
    sales = conform(orders.sales(lines), CURATED["order_lines"]).cache()
    returned = conform(orders.returns(lines), CURATED["returns"]).cache()
    write_curated(lake, "order_lines", sales, days)
    write_curated(lake, "returns", returned, days)
    write_rejects(lake, "order_lines", tagged_lines, days)
    tagged_lines.unpersist()

    touched = transform_events(lake, start, end, days)
    build_marts(lake, dims, {"order_lines": sales, "returns": returned, "orders": placed}, end, days, touched)
    for df in (placed, sales, returned):
        df.unpersist()


def transform_events(lake: Lake, start: dt.date, end: dt.date, days: list[dt.date]) -> list[dt.date]:
    """Curate the events that arrived on `days`; return the event days they belong to."""
    lookback = start - dt.timedelta(days=DEDUP_LOOKBACK_DAYS)
    raw_events = lake.read(lake.raw("events")).where(between("ingest_date", lookback, end))
    tagged = tag_events(raw_events).where(between("ingest_date", start, end)).cache()
    write_curated(lake, "events", r.accepted(tagged), days)
    write_rejects(lake, "events", tagged, days)
    touched = sorted(row[0] for row in r.accepted(tagged).select("event_date").distinct().collect())
    tagged.unpersist()
    log.info("events of %d arrival day(s) belong to %d event day(s)", len(days), len(touched))
    return touched


def write_mart(lake: Lake, name: str, df: DataFrame, days: list) -> None:
    column = MART_PARTITION[name]
    df = conform(df, MARTS[name]).cache()
    replace_partitions(lake, df, lake.mart(name), [column], column, days)
    df.unpersist()


def build_marts(
    lake: Lake,
    dims: dict[str, DataFrame],
    curated: dict[str, DataFrame],
    end: dt.date,
    days: list[dt.date],
    touched: list,
) -> None:
    """The marts of the run's days, from the curated rows this run wrote (cached, as on storage)."""
    sales, returned, placed = curated["order_lines"], curated["returns"], curated["orders"]
    write_mart(
        lake,
        "daily_sales",
        marts.daily_sales(sales, returned, placed, dims["stores"], dims["products"]),
        days,
    )
    write_mart(
        lake, "product_performance", marts.product_performance(sales, returned, dims["products"]), days
    )
    if touched:
        events = lake.read(lake.curated("events")).where(
            F.col("event_date").isin(*[d.isoformat() for d in touched])
        )
        write_mart(lake, "funnel", marts.funnel(events), touched)
    all_orders = lake.read(lake.curated("orders"))
    write_mart(lake, "customer_value", marts.customer_value(all_orders, dims["customers"], end), [end])
