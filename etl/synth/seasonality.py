"""How many orders or visits fall on each day: weekly rhythm, seasons, a December peak."""

from __future__ import annotations

import datetime as dt

from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F

from etl.synth.draws import pick, uniform

# Spark's dayofweek: 1 = Sunday … 7 = Saturday. Belgian shops are mostly closed on Sunday.
WEEKDAY_FACTOR = [0.55, 0.95, 0.9, 1.0, 1.0, 1.15, 1.45]
# January sales, a summer dip, Black Friday in November and the December peak.
MONTH_FACTOR = [1.05, 0.85, 0.9, 0.95, 0.95, 0.9, 0.85, 0.85, 0.95, 1.0, 1.25, 1.8]


def daily_allocation(
    spark: SparkSession, start: dt.date, end: dt.date, total: int, seed: int, purpose: str, slices: int
) -> DataFrame:
    """One row per day: (day, n, first_id), the day's count out of `total` and its first row id.

    Ids are contiguous per day, so a day's rows are `first_id + sequence(0, n-1)`: no global shuffle.
    """
    days = spark.range(1).select(
        F.explode(
            F.sequence(F.lit(start.isoformat()).cast("date"), F.lit(end.isoformat()).cast("date"))
        ).alias("day")
    )
    weight = (
        pick(WEEKDAY_FACTOR, F.dayofweek("day") - 1)
        * pick(MONTH_FACTOR, F.month("day") - 1)
        * (F.lit(0.9) + uniform(seed, purpose + ":day", F.col("day").cast("string")) * 0.2)
    )
    everything = Window.partitionBy()  # a few hundred days: one partition is right here
    running = Window.orderBy("day").rowsBetween(Window.unboundedPreceding, Window.currentRow)
    return (
        days.withColumn("w", weight)
        .withColumn("n", F.round(F.col("w") / F.sum("w").over(everything) * total).cast("long"))
        .withColumn("first_id", F.sum("n").over(running) - F.col("n") + 1)
        .where(F.col("n") > 0)
        .select("day", "n", "first_id")
        .repartition(slices, "day")
    )


def explode_days(allocation: DataFrame, id_column: str) -> DataFrame:
    """One row per id of each day: (id_column, day)."""
    ids = F.explode(F.sequence(F.col("first_id"), F.col("first_id") + F.col("n") - 1))
    return allocation.select("day", ids.alias(id_column))
