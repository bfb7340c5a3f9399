"""The checks run for a range of days, per dataset, each with its severity."""

from __future__ import annotations

import datetime as dt
import functools

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

from etl.lake import Lake
from etl.quality import checks as c
from etl.quality.checks import CRITICAL, WARNING, CheckResult
from etl.schemas import CURATED, KEYS, MARTS, RAW, RAW_PARTITION
from etl.synth.reference import CHANNELS, FUNNEL_STAGES, REGION_SHARE
from etl.transforms import rejects as r

VAT_RATES = (6, 12, 21)
MAX_REJECT_RATE = 0.05  # more than this is unusual for these sources: look before trusting the day


def _between(column: str, start: dt.date, end: dt.date):
    return F.col(column).between(F.lit(start.isoformat()).cast("date"), F.lit(end.isoformat()).cast("date"))


class Inputs:
    """The raw, curated, rejected and mart rows of the days being checked."""

    def __init__(self, lake: Lake, start: dt.date, end: dt.date):
        self.lake, self.start, self.end = lake, start, end
        # Each read lists the dataset and infers its schema from a footer: once per dataset.
        self.read = functools.cache(lake.read)

    def raw(self, name: str) -> DataFrame:
        df = self.read(self.lake.raw(name))
        column = RAW_PARTITION.get(name)
        return df.where(_between(column, self.start, self.end)) if column else df

    def curated(self, name: str, column: str | None = "order_date") -> DataFrame:
        df = self.read(self.lake.curated(name))
        return df.where(_between(column, self.start, self.end)) if column and name not in DIMENSIONS else df

    def rejects(self, name: str) -> DataFrame:
        schema = StructType([*RAW[name].fields, StructField(r.REASON, StringType())])
        df = self.lake.read_or_empty(self.lake.rejects(name), schema)
        column = RAW_PARTITION.get(name)
        return df.where(_between(column, self.start, self.end)) if column else df

    def mart(self, name: str, column: str) -> DataFrame:
        return self.read(self.lake.mart(name)).where(_between(column, self.start, self.end))


DIMENSIONS = ("stores", "customers", "products")


def _shape_checks(name: str, df: DataFrame, nulls: int) -> list[CheckResult]:
    return [
        c.schema_contract(name, df, CURATED[name]),
        c.not_null(name, nulls, KEYS[name]),
        c.unique(name, df, KEYS[name]),
    ]


def _reject_rate(name: str, raw: int, rejected: int) -> CheckResult:
    rate = rejected / raw if raw else 0.0
    return c.at_most(name, "reject_rate", WARNING, rate, MAX_REJECT_RATE, "share of raw rows rejected")


# Each dataset is scanned once for its row count, null keys and row conditions together (c.tally);
# only the key uniqueness, the joins with large datasets and the raw/reject counts are jobs apart.
def _dimension_rules() -> dict[str, tuple[str, Column, str]]:
    return {
        "products": (
            "accepted_range",
            (F.col("unit_price") > 0) & F.col("vat_rate").isin(*VAT_RATES),
            "price > 0 and VAT rate in 6/12/21 %",
        ),
        "stores": (
            "accepted_values",
            F.col("region").isin(*REGION_SHARE),
            "region is Flanders, Wallonia or Brussels",
        ),
    }


def dimension_checks(data: Inputs) -> list[CheckResult]:
    results, rules, dimension_rules = [], [], _dimension_rules()
    for name in DIMENSIONS:
        curated = data.curated(name)
        measures = {"rows": F.count(F.lit(1)), "nulls": c.null_rows(KEYS[name])}
        if name in dimension_rules:
            measures["violations"] = c.violations(dimension_rules[name][1])
        seen = c.tally(curated, **measures)
        results += _shape_checks(name, curated, seen["nulls"])
        raw, rejected = data.raw(name).count(), data.rejects(name).count()
        results.append(c.reconciles(name, raw, {"curated": seen["rows"], "rejects": rejected}))
        if name in dimension_rules:
            check, _, what = dimension_rules[name]
            rules.append(c.accepted(name, check, seen["violations"], CRITICAL, what))
    return results + sorted(rules, key=lambda x: x.dataset)


def order_checks(data: Inputs) -> list[CheckResult]:
    orders, lines, returns = data.curated("orders"), data.curated("order_lines"), data.curated("returns")
    rejected_orders, rejected_lines = data.rejects("orders"), data.rejects("order_lines")
    flagged = c.with_reference_flag(orders, "customer_id", data.curated("customers"), "_customer_ok")
    flagged = c.with_reference_flag(flagged, "store_id", data.curated("stores"), "_store_ok")
    seen = c.tally(
        flagged,
        rows=F.count(F.lit(1)),
        nulls=c.null_rows(KEYS["orders"]),
        no_customer=c.orphan_rows("customer_id", "_customer_ok"),
        no_store=c.orphan_rows("store_id", "_store_ok"),
        channel=c.violations(F.col("channel").isin(*CHANNELS)),
        order_date=c.violations(F.to_date("order_ts") == F.col("order_date")),
        latest=F.max("order_date"),
    )
    line_rules = {}
    for name, df, sign in (
        ("order_lines", lines, F.col("quantity") > 0),
        ("returns", returns, F.col("quantity") < 0),
    ):
        line_rules[name] = c.tally(
            c.with_reference_flag(df, "product_id", data.curated("products"), "_product_ok"),
            rows=F.count(F.lit(1)),
            nulls=c.null_rows(KEYS[name]),
            no_product=c.orphan_rows("product_id", "_product_ok"),
            range=c.violations(sign & (F.col("unit_price") > 0) & F.col("vat_rate").isin(*VAT_RATES)),
            amounts=c.violations(
                (F.col("quantity") * F.col("unit_price") == F.col("line_amount"))
                & (F.col("net_amount") + F.col("vat_amount") == F.col("line_amount"))
            ),
        )
    results = (
        _shape_checks("orders", orders, seen["nulls"])
        + _shape_checks("order_lines", lines, line_rules["order_lines"]["nulls"])
        + _shape_checks("returns", returns, line_rules["returns"]["nulls"])
    )
    raw_orders, raw_lines = data.raw("orders").count(), data.raw("order_lines").count()
    n_rejected_orders, n_rejected_lines = rejected_orders.count(), rejected_lines.count()
    n_lines, n_returns = line_rules["order_lines"]["rows"], line_rules["returns"]["rows"]
    results += [
        c.reconciles("orders", raw_orders, {"curated": seen["rows"], "rejects": n_rejected_orders}),
        c.reconciles(
            "order_lines", raw_lines, {"curated": n_lines, "returns": n_returns, "rejects": n_rejected_lines}
        ),
        _reject_rate("orders", raw_orders, n_rejected_orders),
        _reject_rate("order_lines", raw_lines, n_rejected_lines),
        c.referential("orders", seen["no_customer"], "customer_id", "customers"),
        c.referential("orders", seen["no_store"], "store_id", "stores"),
        c.accepted("orders", "accepted_values", seen["channel"], CRITICAL, "channel is store, web or app"),
        c.accepted(
            "orders",
            "order_date_matches_timestamp",
            seen["order_date"],
            CRITICAL,
            "order_date is the UTC day of order_ts",
        ),
    ]
    for name, df in (("order_lines", lines), ("returns", returns)):
        measured = line_rules[name]
        results += [
            c.referential(name, c.orphans(df, "order_id", orders), "order_id", "orders"),
            c.referential(name, measured["no_product"], "product_id", "products"),
            c.accepted(
                name,
                "accepted_range",
                measured["range"],
                CRITICAL,
                "quantity sign matches the dataset, price > 0, VAT rate in 6/12/21 %",
            ),
            c.accepted(
                name,
                "amounts_add_up",
                measured["amounts"],
                CRITICAL,
                "line_amount = quantity × unit_price = net_amount + vat_amount",
            ),
        ]
    results.append(order_totals(orders, lines, returns, rejected_lines))
    results.append(c.fresh("orders", seen["latest"], data.end, CRITICAL, "latest curated order day"))
    return results


def order_totals(
    orders: DataFrame, lines: DataFrame, returns: DataFrame, rejected_lines: DataFrame
) -> CheckResult:
    """Each order's total equals its lines: kept, returned, and rejected ones (not duplicates)."""
    amounts = (
        lines.select("order_id", "line_amount")
        .unionByName(returns.select("order_id", "line_amount"))
        .unionByName(rejected_lines.where(F.col(r.REASON) != r.DUPLICATE).select("order_id", "line_amount"))
        .groupBy("order_id")
        .agg(F.sum("line_amount").alias("lines_total"))
    )
    mismatched = (
        orders.join(amounts, "order_id", "left")
        .where(~F.coalesce(F.col("lines_total") == F.col("total_amount"), F.lit(False)))
        .count()
    )
    return c.result(
        "orders",
        "totals_match_lines",
        CRITICAL,
        mismatched == 0,
        mismatched,
        0,
        "orders whose total differs from the sum of their lines",
    )


def event_checks(data: Inputs) -> list[CheckResult]:
    arrived = data.curated("events", "ingest_date")
    seen = c.tally(
        arrived,
        rows=F.count(F.lit(1)),
        nulls=c.null_rows(KEYS["events"]),
        event_type=c.violations(F.col("event_type").isin(*FUNNEL_STAGES)),
        event_date=c.violations(F.to_date("event_ts") == F.col("event_date")),
        arrival=c.violations(F.col("ingest_date") >= F.col("event_date")),
        latest=F.max("event_date"),
    )
    raw, n_rejected = data.raw("events").count(), data.rejects("events").count()
    results = _shape_checks("events", arrived, seen["nulls"]) + [
        c.reconciles("events", raw, {"curated": seen["rows"], "rejects": n_rejected}),
        _reject_rate("events", raw, n_rejected),
        c.accepted("events", "accepted_values", seen["event_type"], CRITICAL, "event_type is a funnel stage"),
        c.accepted(
            "events",
            "event_date_matches_timestamp",
            seen["event_date"],
            CRITICAL,
            "event_date is the UTC day of event_ts",
        ),
        c.accepted(
            "events",
            "arrives_after_it_happens",
            seen["arrival"],
            WARNING,
            "no event arrives before the day it happened",
        ),
    ]
    results.append(
        c.fresh("events", seen["latest"], data.end, WARNING, "latest event day among the arrivals")
    )
    return results


def mart_checks(data: Inputs) -> list[CheckResult]:
    sales = data.mart("daily_sales", "order_date")
    products = data.mart("product_performance", "order_date")
    lines, returns = data.curated("order_lines"), data.curated("returns")
    curated_gross = lines.agg(F.sum("line_amount")).first()[0]
    curated_returns = returns.agg(F.sum(-F.col("line_amount"))).first()[0]
    results = []
    for name, mart in (("daily_sales", sales), ("product_performance", products)):
        results.append(c.schema_contract(name, mart, MARTS[name]))
        totals = mart.agg(F.sum("gross_amount"), F.sum("returns_amount")).first()
        results += [
            c.equal_totals(
                name,
                "gross_matches_curated",
                {"mart": _text(totals[0]), "curated": _text(curated_gross)},
                "sum of gross_amount = sum of curated order line amounts",
            ),
            c.equal_totals(
                name,
                "returns_match_curated",
                {"mart": _text(totals[1]), "curated": _text(curated_returns)},
                "sum of returns_amount = sum of curated return amounts",
            ),
        ]
    narrows = c.tally(
        data.mart("funnel", "event_date"),
        violations=c.violations(
            (F.col("sessions") >= F.col("product_view_sessions"))
            & (F.col("product_view_sessions") >= F.col("cart_sessions"))
            & (F.col("cart_sessions") >= F.col("checkout_sessions"))
            & (F.col("checkout_sessions") >= F.col("purchase_sessions"))
        ),
    )
    results.append(
        c.accepted(
            "funnel",
            "funnel_narrows",
            narrows["violations"],
            WARNING,
            "each stage is reached by no more sessions than the one before",
        )
    )
    return results


def _text(value) -> str:
    """Decimals as text in the report: exact, and JSON has no decimal type."""
    return "0.00" if value is None else str(value)


def run_all(lake: Lake, start: dt.date, end: dt.date) -> list[CheckResult]:
    data = Inputs(lake, start, end)
    return dimension_checks(data) + order_checks(data) + event_checks(data) + mart_checks(data)
