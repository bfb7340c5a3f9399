"""Generate the synthetic raw datasets and their manifest (deterministic for a seed).

Writes Parquet under <lake>/raw/<dataset>/ (facts partitioned by day) and <lake>/raw/_manifest.json
with each dataset's row count, bytes, schema hash and content hash, counted from what was written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import time

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from etl import lineage
from etl.jobs import arguments
from etl.lake import Lake
from etl.schemas import RAW, RAW_PARTITION, conform, schema_hash
from etl.synth import dims, facts
from etl.synth.seasonality import daily_allocation, explode_days

log = logging.getLogger("etl.generate")

# Rows at scale 1.0 (about 5.4 million in all, with the generated duplicates).
BASE = {"customers": 150_000, "products": 20_000, "orders": 1_050_000, "visits": 700_000}
STORES = 150  # the chain's size does not grow with data volume
MIN_ROWS = {"customers": 500, "products": 200, "orders": 200, "visits": 200}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=arguments.seed, default=42, help="random seed (default 42)")
    parser.add_argument("--scale", type=arguments.scale, default=1.0, help="1.0 = 5M+ records (default 1.0)")
    parser.add_argument("--start-date", type=arguments.date, default=dt.date(2025, 1, 1), help="first day")
    parser.add_argument("--end-date", type=arguments.date, default=dt.date(2025, 12, 31), help="last day")


def validate(args: argparse.Namespace) -> None:
    arguments.date_range(args.start_date, args.end_date)


def sizes(scale: float) -> dict[str, int]:
    return {name: max(MIN_ROWS[name], round(rows * scale)) for name, rows in BASE.items()}


def count_and_hash(df: DataFrame) -> tuple[int, str]:
    """Row count and an order-independent hash of every row, in one pass.

    The hash is equal for equal data however it was partitioned or ordered in the files.
    """
    row_hash = F.xxhash64(*[F.col(c) for c in df.columns]).cast("decimal(20,0)")
    rows, total = df.agg(F.count(F.lit(1)), F.sum(row_hash)).first()
    return rows, str(total or 0)


def read_written(lake: Lake, name: str, start: dt.date, end: dt.date) -> DataFrame:
    """A raw dataset as this run wrote it: a lake that already holds other days keeps those
    partitions (dynamic overwrite), and their order ids may repeat this run's."""
    df = lake.read(lake.raw(name))
    partition = RAW_PARTITION.get(name)
    return df.where(F.col(partition).between(start, end)) if partition else df


def written_size(lake: Lake, name: str, start: dt.date, end: dt.date) -> tuple[int, int]:
    """(bytes, files) of the dataset's data files in this run's days, in one listing."""
    path, partition = lake.raw(name), RAW_PARTITION.get(name)
    if not partition:
        return lake.size(path)
    first, last = f"{partition}={start.isoformat()}", f"{partition}={end.isoformat()}"
    found = [
        length
        for file, is_dir, length in lake.glob(f"{path}/{partition}=*/*")
        if not is_dir
        and first <= file.split("/")[-2] <= last
        and not file.rsplit("/", 1)[-1].startswith(("_", "."))
    ]
    return sum(found), len(found)


def generated_partitions(
    partition: str | None, start: dt.date, end: dt.date, rows: int, size: int
) -> list[lineage.Partition]:
    """The days written; rows and bytes per day are known when there is one day (a pipeline run)."""
    if not partition:
        return []
    days = arguments.date_range(start, end)
    if len(days) == 1:
        return [lineage.Partition(f"{partition}={start.isoformat()}", rows, size)]
    return [lineage.Partition(f"{partition}={day.isoformat()}", None, None) for day in days]


def write_dataset(lake: Lake, name: str, df: DataFrame, start: dt.date, end: dt.date) -> dict:
    """Write a raw dataset, then describe it from what is on storage (not from the plan)."""
    started = time.monotonic()
    path = lake.raw(name)
    partition = RAW_PARTITION.get(name)
    df = conform(df, RAW[name])
    writer = (df.repartition(partition) if partition else df.coalesce(1)).write.mode("overwrite")
    (writer.partitionBy(partition) if partition else writer).parquet(path)
    written = conform(read_written(lake, name, start, end), RAW[name])
    rows, digest = count_and_hash(written)
    size, files = written_size(lake, name, start, end)
    log.info(
        "raw/%s: %d rows, %d bytes in %d files (%.1f s)", name, rows, size, files, time.monotonic() - started
    )
    lineage.wrote(
        path,
        rows,
        (size, files),
        generated_partitions(partition, start, end, rows, size),
        lineage.columns(written.schema),
    )
    return {
        "path": f"raw/{name}",
        "rows": rows,
        "bytes": size,
        "files": files,
        "partitioned_by": partition,
        "schema_hash": schema_hash(written.schema),
        "content_hash": digest,
    }


def run(lake: Lake, args: argparse.Namespace) -> None:
    spark, seed = lake.spark, args.seed
    days = (args.start_date, args.end_date)
    n = sizes(args.scale)
    slices = max(2, spark.sparkContext.defaultParallelism * 2)
    log.info("generating scale %s seed %d, %s to %s: %s", args.scale, seed, args.start_date, args.end_date, n)
    products = dims.products(spark, n["products"], seed).cache()
    order_days = daily_allocation(spark, args.start_date, args.end_date, n["orders"], seed, "orders", slices)
    headers = facts.order_headers(explode_days(order_days, "order_id"), n["customers"], STORES, seed)
    lines = facts.order_lines(headers, products, n["products"], seed)
    visit_days = daily_allocation(spark, args.start_date, args.end_date, n["visits"], seed, "visits", slices)
    described = {
        "stores": write_dataset(lake, "stores", dims.stores(spark, STORES, seed), *days),
        "customers": write_dataset(
            lake, "customers", dims.customers(spark, n["customers"], seed, args.start_date), *days
        ),
        "products": write_dataset(lake, "products", products, *days),
        "order_lines": write_dataset(lake, "order_lines", lines, *days),
    }
    products.unpersist()
    # Totals from the lines as written: the source total is exactly the sum of its stored lines.
    orders = facts.orders_with_totals(headers, read_written(lake, "order_lines", *days), seed)
    described["orders"] = write_dataset(lake, "orders", orders, *days)
    events = facts.events(
        explode_days(visit_days, "session_id"), n["customers"], n["products"], args.end_date, seed
    )
    described["events"] = write_dataset(lake, "events", events, *days)
    manifest = {
        "generator": "etl.generate",
        "seed": seed,
        "scale": args.scale,
        "start_date": args.start_date.isoformat(),
        "end_date": args.end_date.isoformat(),
        "datasets": described,
        "total_rows": sum(d["rows"] for d in described.values()),
    }
    lake.write_json(lake.manifest, manifest)
    log.info("wrote %s: %d rows over %d datasets", lake.manifest, manifest["total_rows"], len(described))
