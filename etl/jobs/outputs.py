"""Writing job outputs so that a re-run replaces exactly its own partitions, and checking the write."""

from __future__ import annotations

import datetime as dt
import logging

from pyspark.sql import DataFrame

from etl import lineage
from etl.errors import EtlError
from etl.lake import Lake
from etl.write_metrics import Written, last_execution, written_since

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
    """Write df partitioned by `by` with dynamic overwrite; return the rows verified written.

    The run owns the partitions whose `owner` column has one of the `owned` values: any of them the
    new data leaves empty is deleted, so a re-run never leaves stale rows behind.
    Give a cached df: it is counted per partition, then written; the rows and files Spark's write
    reports must match the count and the data files on storage (no second read of the output).
    """
    counts = {_partition_name(row, by): row["count"] for row in df.groupBy(*by).count().collect()}
    expected = sum(counts.values())
    since = last_execution(lake.spark)
    if counts:
        tasks = min(MAX_WRITE_TASKS, len(counts))
        (
            df.repartition(tasks, *by)
            .write.mode("overwrite")
            .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE)
            .partitionBy(*by)
            .parquet(uri)
        )
    written = written_since(lake.spark, since)
    owned_names = {f"{owner}={value}" for value in owned}
    on_storage = lake.partitions(uri, len(by)) if lake.exists(uri) else []
    fs, _ = lake.filesystem(uri)
    for name in on_storage:
        if name not in counts and owned_names.intersection(name.split("/")):
            log.info("removing stale partition %s/%s", uri, name)
            fs.delete(lake.filesystem(f"{uri}/{name}")[1], True)
    sizes = partition_files(lake, uri, len(by), counts)
    verify(uri, expected, written, sum(len(found) for found in sizes.values()))
    log.info("%s: %d rows in %d partitions", uri, expected, len(counts))
    partitions = [lineage.Partition(name, counts[name], sum(sizes[name])) for name in sorted(counts)]
    files = [length for found in sizes.values() for length in found]
    lineage.wrote(uri, expected, (sum(files), len(files)), partitions, lineage.columns(df.schema, by))
    return expected


def partition_files(lake: Lake, uri: str, depth: int, counts: dict[str, int]) -> dict[str, list[int]]:
    """Bytes of each data file in the written partitions, from one listing."""
    sizes: dict[str, list[int]] = {name: [] for name in counts}
    for path, is_dir, length in lake.glob(uri + "/*" * (depth + 1)):
        name = "/".join(path.split("/")[-depth - 1 : -1])
        if not is_dir and name in sizes and not path.rsplit("/", 1)[-1].startswith(("_", ".")):
            sizes[name].append(length)
    return sizes


def replace_all(lake: Lake, df: DataFrame, uri: str) -> int:
    """Replace an unpartitioned dataset (a dimension snapshot) and verify its row count."""
    expected = df.count()
    since = last_execution(lake.spark)
    df.coalesce(1).write.mode("overwrite").parquet(uri)
    size = lake.size(uri)
    verify(uri, expected, written_since(lake.spark, since), size[1])
    log.info("%s: %d rows", uri, expected)
    lineage.wrote(uri, expected, size, [], lineage.columns(df.schema))
    return expected


def verify(uri: str, expected: int, written: Written, files_on_storage: int) -> None:
    """A job never reports rows Spark did not write, nor files that did not reach storage."""
    if written.rows != expected:
        raise EtlError(f"{uri}: wrote {expected} rows but {written.rows} were committed")
    if written.files != files_on_storage:
        raise EtlError(f"{uri}: Spark wrote {written.files} files but {files_on_storage} are on storage")
