"""Check functions: each looks at DataFrames and returns one CheckResult (no I/O of its own)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

from etl.schemas import schema_signature

CRITICAL = "critical"
WARNING = "warning"


@dataclass(frozen=True)
class CheckResult:
    dataset: str
    check: str
    severity: str
    status: str  # "passed" or "failed"
    observed: Any
    expected: Any
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def result(dataset: str, check: str, severity: str, passed: bool, observed, expected, message: str):
    return CheckResult(
        dataset, check, severity, "passed" if passed else "failed", observed, expected, message
    )


def schema_contract(dataset: str, df: DataFrame, contract: StructType) -> CheckResult:
    # By name: Parquet readers match columns by name, and partition columns come back last.
    observed, expected = sorted(schema_signature(df.schema)), sorted(schema_signature(contract))
    return result(
        dataset,
        "schema_contract",
        CRITICAL,
        observed == expected,
        observed,
        expected,
        "the same columns with the same types as the declared contract, no more, no less",
    )


def null_rows(columns: list[str]) -> Column:
    """Aggregate: rows with a null in any of `columns` (for tally)."""
    condition = F.lit(False)
    for name in columns:
        condition = condition | F.col(name).isNull()
    return F.count(F.when(condition, 1))


def violations(condition: Column) -> Column:
    """Aggregate: rows for which `condition` does not hold (a null condition counts as a violation)."""
    return F.count(F.when(~F.coalesce(condition, F.lit(False)), 1))


def tally(df: DataFrame, **measures: Column) -> dict[str, Any]:
    """Every measure a dataset's checks need, computed in one aggregation (one Spark job)."""
    return df.agg(*[column.alias(name) for name, column in measures.items()]).first().asDict()


def with_reference_flag(df: DataFrame, column: str, reference: DataFrame, flag: str) -> DataFrame:
    """Add boolean `flag`: the row's `column` is in the (small, broadcast) reference."""
    present = reference.select(column).distinct().withColumn(flag, F.lit(True))
    return df.join(F.broadcast(present), column, "left").withColumn(
        flag, F.coalesce(F.col(flag), F.lit(False))
    )


def orphan_rows(column: str, flag: str) -> Column:
    """Aggregate over with_reference_flag's output: non-null values absent from the reference."""
    return F.count(F.when(F.col(column).isNotNull() & ~F.col(flag), 1))


def not_null(dataset: str, nulls: int, columns: list[str]) -> CheckResult:
    return result(
        dataset, "not_null", CRITICAL, nulls == 0, nulls, 0, f"rows with a null in {', '.join(columns)}"
    )


def unique(dataset: str, df: DataFrame, key: list[str]) -> CheckResult:
    repeated = df.groupBy(*key).count().where(F.col("count") > 1).count()
    return result(
        dataset, "unique_key", CRITICAL, repeated == 0, repeated, 0, f"keys ({', '.join(key)}) seen twice"
    )


def orphans(df: DataFrame, column: str, reference: DataFrame) -> int:
    """Non-null values of `column` with no row in a large reference (an anti join)."""
    return df.where(F.col(column).isNotNull()).join(reference.select(column), column, "left_anti").count()


def referential(dataset: str, orphans: int, column: str, target: str) -> CheckResult:
    return result(
        dataset,
        f"references_{target}",
        CRITICAL,
        orphans == 0,
        orphans,
        0,
        f"{column} values with no row in {target}",
    )


def accepted(dataset: str, check: str, violations: int, severity: str, what: str) -> CheckResult:
    """`violations`: rows for which the check's condition does not hold (see violations())."""
    return result(dataset, check, severity, violations == 0, violations, 0, what)


def reconciles(dataset: str, raw: int, parts: dict[str, int]) -> CheckResult:
    """Every raw row is accounted for in exactly one of `parts` (curated, returns, rejects…)."""
    accounted = sum(parts.values())
    return result(
        dataset,
        "row_count_reconciliation",
        CRITICAL,
        raw == accounted,
        {"raw": raw, **parts},
        {"raw": raw, "sum_of_parts": raw},
        "raw rows = " + " + ".join(parts),
    )


def equal_totals(dataset: str, check: str, observed: dict[str, Any], what: str) -> CheckResult:
    values = list(observed.values())
    return result(dataset, check, CRITICAL, all(v == values[0] for v in values), observed, "all equal", what)


def at_most(dataset: str, check: str, severity: str, value: float, limit: float, what: str) -> CheckResult:
    return result(dataset, check, severity, value <= limit, round(value, 6), f"<= {limit}", what)


def fresh(dataset: str, latest, expected, severity: str, what: str) -> CheckResult:
    passed = latest is not None and str(latest) >= str(expected)
    return result(
        dataset,
        "freshness",
        severity,
        passed,
        None if latest is None else str(latest),
        f">= {expected}",
        what,
    )
