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


def not_null(dataset: str, df: DataFrame, columns: list[str]) -> CheckResult:
    condition = F.lit(False)
    for name in columns:
        condition = condition | F.col(name).isNull()
    nulls = df.where(condition).count()
    return result(
        dataset, "not_null", CRITICAL, nulls == 0, nulls, 0, f"rows with a null in {', '.join(columns)}"
    )


def unique(dataset: str, df: DataFrame, key: list[str]) -> CheckResult:
    repeated = df.groupBy(*key).count().where(F.col("count") > 1).count()
    return result(
        dataset, "unique_key", CRITICAL, repeated == 0, repeated, 0, f"keys ({', '.join(key)}) seen twice"
    )


def referential(dataset: str, df: DataFrame, column: str, reference: DataFrame, target: str) -> CheckResult:
    orphans = df.where(F.col(column).isNotNull()).join(reference.select(column), column, "left_anti").count()
    return result(
        dataset,
        f"references_{target}",
        CRITICAL,
        orphans == 0,
        orphans,
        0,
        f"{column} values with no row in {target}",
    )


def accepted(
    dataset: str, df: DataFrame, check: str, condition: Column, severity: str, what: str
) -> CheckResult:
    """Rows for which `condition` does not hold (a null condition counts as a violation)."""
    violations = df.where(~F.coalesce(condition, F.lit(False))).count()
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
