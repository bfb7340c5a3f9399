"""Rejecting rows with a reason instead of dropping them: tag each row, then split."""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

REASON = "reject_reason"

# Reasons, in the order a row is judged: the first that applies is recorded.
MISSING_KEY = "missing_key"  # a key or required reference is null
DUPLICATE = "duplicate"  # a later copy of a key already kept
UNKNOWN_CUSTOMER = "unknown_customer"
UNKNOWN_STORE = "unknown_store"
UNKNOWN_PRODUCT = "unknown_product"
UNKNOWN_ORDER = "unknown_order"  # the line's order is not among the curated orders (absent or rejected)
INVALID_QUANTITY = "invalid_quantity"  # zero: neither a sale nor a return
INVALID_PRICE = "invalid_price"
INVALID_EVENT_TYPE = "invalid_event_type"


def any_null(*columns: str) -> Column:
    condition = F.lit(False)
    for name in columns:
        condition = condition | F.col(name).isNull()
    return condition


def later_copy(keys: list[str], order_by: list[Column]) -> Column:
    """True for every row of a key but the first by `order_by`."""
    return F.row_number().over(Window.partitionBy(*keys).orderBy(*order_by)) > 1


def tag(df: DataFrame, rules: list[tuple[str, Column]]) -> DataFrame:
    """Add reject_reason: the first rule whose condition holds, else null (the row is accepted)."""
    reason = F.lit(None).cast("string")
    for name, condition in reversed(rules):
        reason = F.when(condition, F.lit(name)).otherwise(reason)
    return df.withColumn(REASON, reason)


def accepted(tagged: DataFrame) -> DataFrame:
    return tagged.where(F.col(REASON).isNull()).drop(REASON)


def rejected(tagged: DataFrame) -> DataFrame:
    return tagged.where(F.col(REASON).isNotNull())


def exists_in(df: DataFrame, reference: DataFrame, key: str, flag: str, small: bool = False) -> DataFrame:
    """Add boolean `flag`: the row's `key` is present in `reference` (null keys are absent).

    `small`: the reference is a dimension, sent whole to every task (broadcast) instead of shuffled.
    """
    present = reference.select(F.col(key)).distinct().withColumn(flag, F.lit(True))
    present = F.broadcast(present) if small else present
    return df.join(present, key, "left").withColumn(flag, F.coalesce(F.col(flag), F.lit(False)))
