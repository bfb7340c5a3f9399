"""Writing job outputs so that a re-run replaces exactly its own partitions, and checking the write."""

from __future__ import annotations

import datetime as dt
import logging

from pyspark.sql import DataFrame

from etl import lineage
from etl.errors import EtlError
from etl.lake import Lake

log = logging.getLogger("etl.outputs")

# One write task per partition value, at most this many tasks: each daily partition gets one file
# (a file per task that holds rows of it), not one per shuffle partition.
MAX_WRITE_TASKS = 8
MAX_RECORDS_PER_FILE = 2_000_000


def _partition_name(row, by: list[str]) -> str:
    return "/".join(f"{column}={row[column]}" for column in by)


def replace_partitions(
    lake: Lake, df: DataFrame, uri: str, by: list[str], owner: str, owned: list[dt.date]
) -> int:
    """Write df partitioned by `by` with dynamic overwrite; return the rows verified on storage.

    The run owns the partitions whose `owner` column has one of the `owned` values: any of them the
    new data leaves empty is deleted, so a re-run never leaves stale rows behind.
    Give a cached df: it is counted per partition, written, then the rows of the written partitions
    are counted back in one Spark job (Parquet footers: no column is decoded).
    """
    counts = {_partition_name(row, by): row["count"] for row in df.groupBy(*by).count().collect()}
    expected = sum(counts.values())
    if counts:
        tasks = min(MAX_WRITE_TASKS, len(counts))
        (
            df.repartition(tasks, *by)
            .write.mode("overwrite")
            .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
            .partitionBy(*by)
            .parquet(uri)
        )
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
    record_partitions(lake, uri, len(by), written, counts, lineage.columns(df.schema, by))
    return written


def record_partitions(
    lake: Lake, uri: str, depth: int, rows: int, counts: dict[str, int], schema: list[tuple[str, str]]
) -> None:
    """Tell lineage what was written: bytes per partition from one listing of the data files."""
    sizes: dict[str, list[int]] = {name: [] for name in counts}
    for path, is_dir, length in lake.glob(uri + "/*" * (depth + 1)):
        name = "/".join(path.split("/")[-depth - 1 : -1])
        if not is_dir and name in sizes and not path.rsplit("/", 1)[-1].startswith(("_", ".")):
            sizes[name].append(length)
    files = [length for found in sizes.values() for length in found]
    partitions = [lineage.Partition(name, counts[name], sum(sizes[name])) for name in sorted(counts)]
    lineage.wrote(uri, rows, (sum(files), len(files)), partitions, schema)


def replace_all(lake: Lake, df: DataFrame, uri: str) -> int:
    """Replace an unpartitioned dataset (a dimension snapshot) and verify its row count."""
    expected = df.count()
    df.coalesce(1).write.mode("overwrite").parquet(uri)
    written = lake.read(uri).count()
    if written != expected:
        raise EtlError(f"{uri}: wrote {expected} rows but {written} are on storage")
    log.info("%s: %d rows", uri, written)
    lineage.wrote(uri, written, lake.size(uri), [], lineage.columns(df.schema))
    return written
