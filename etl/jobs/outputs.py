"""Writing job outputs so that a re-run replaces exactly its own partitions, and checking the write."""

from __future__ import annotations

import datetime as dt
import logging

from pyspark.sql import DataFrame

from etl.errors import EtlError
from etl.lake import Lake

log = logging.getLogger("etl.outputs")


def _partition_name(row, by: list[str]) -> str:
    return "/".join(f"{column}={row[column]}" for column in by)


def replace_partitions(
    lake: Lake, df: DataFrame, uri: str, by: list[str], owner: str, owned: list[dt.date]
) -> int:
    """Write df partitioned by `by` with dynamic overwrite; return the rows verified on storage.

    The run owns the partitions whose `owner` column has one of the `owned` values: any of them the
    new data leaves empty is deleted, so a re-run never leaves stale rows behind.
    Give a cached df: it is counted per partition, written, then the written rows are counted back.
    """
    counts = {_partition_name(row, by): row["count"] for row in df.groupBy(*by).count().collect()}
    expected = sum(counts.values())
    if counts:
        df.repartition(*by).write.mode("overwrite").partitionBy(*by).parquet(uri)
    owned_names = {f"{owner}={value}" for value in owned}
    on_storage = lake.partitions(uri, len(by)) if lake.exists(uri) else []
    fs, _ = lake.filesystem(uri)
    for name in on_storage:
        if name not in counts and owned_names.intersection(name.split("/")):
            log.info("removing stale partition %s/%s", uri, name)
            fs.delete(lake.filesystem(f"{uri}/{name}")[1], True)
    written_paths = [f"{uri}/{name}" for name in on_storage if name in counts]
    written = lake.spark.read.option("basePath", uri).parquet(*written_paths).count() if written_paths else 0
    if written != expected:
        raise EtlError(f"{uri}: wrote {expected} rows but {written} are on storage")
    log.info("%s: %d rows in %d partitions", uri, written, len(counts))
    return written


def replace_all(lake: Lake, df: DataFrame, uri: str) -> int:
    """Replace an unpartitioned dataset (a dimension snapshot) and verify its row count."""
    expected = df.count()
    df.coalesce(1).write.mode("overwrite").parquet(uri)
    written = lake.read(uri).count()
    if written != expected:
        raise EtlError(f"{uri}: wrote {expected} rows but {written} are on storage")
    log.info("%s: %d rows", uri, written)
    return written
