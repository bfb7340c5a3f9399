"""The SparkSession every job uses, with the settings the lake's contract depends on."""

from __future__ import annotations

import os

from pyspark.sql import SparkSession

# Runtime settings the data depends on, applied even to a session that already exists.
LAKE_CONF = {
    # Dates and timestamps in the lake are UTC, whatever the machine's zone.
    "spark.sql.session.timeZone": "UTC",
    # Re-running a date replaces that date's partitions only.
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    # INT96 is deprecated; micros are what other readers (DuckDB, Athena) expect.
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.sql.parquet.compression.codec": "zstd",
}


def spark_session(app_name: str, master: str | None = None) -> SparkSession:
    """The active session, or a new one: local[*] unless --master or spark-submit chose a master."""
    builder = SparkSession.builder.appName(app_name)
    under_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if master:
        builder = builder.master(master)
    elif not under_spark_submit and SparkSession.getActiveSession() is None:
        builder = builder.master("local[*]")
    spark = builder.getOrCreate()
    for key, value in LAKE_CONF.items():
        spark.conf.set(key, value)
    if not spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        # Spark's 200 suits terabytes; cached plans keep it even with AQE, and on a few cores each
        # of the transform's small shuffles then costs seconds. The submitter's --conf still wins.
        spark.conf.set("spark.sql.shuffle.partitions", str(max(8, 2 * spark.sparkContext.defaultParallelism)))
    return spark
