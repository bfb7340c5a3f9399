"""The checks run for a range of days, per dataset, each with its severity."""

from __future__ import annotations

import datetime as dt

from pyspark.sql import DataFrame
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

    def raw(self, name: str) -> DataFrame:
        df = self.lake.read(self.lake.raw(name))
        column = RAW_PARTITION.get(name)
        return df.where(_between(column, self.start, self.end)) if column else df

    def curated(self, name: str, column: str | None = "order_date") -> DataFrame:
        df = self.lake.read(self.lake.curated(name))
        return df.where(_between(column, self.start, self.end)) if column and name not in DIMENSIONS else df

    def rejects(self, name: str) -> DataFrame:
        schema = StructType([*RAW[name].fields, StructField(r.REASON, StringType())])
        df = self.lake.read_or_empty(self.lake.rejects(name), schema)
        column = RAW_PARTITION.get(name)
        return df.where(_between(column, self.start, self.end)) if column else df

    def mart(self, name: str, column: str) -> DataFrame:
        return self.lake.read(self.lake.mart(name)).where(_between(column, self.start, self.end))


DIMENSIONS = ("stores", "customers", "products")


def _shape_checks(name: str, df: DataFrame) -> list[CheckResult]:
    return [
        c.schema_contract(name, df, CURATED[name]),
        c.not_null(name, df, KEYS[name]),
        c.unique(name, df, KEYS[name]),
    ]


def _reject_rate(name: str, raw: int, rejected: int) -> CheckResult:
    rate = rejected / raw if raw else 0.0
    return c.at_most(name, "reject_rate", WARNING, rate, MAX_REJECT_RATE, "share of raw rows rejected")


def dimension_checks(data: Inputs) -> list[CheckResult]:
    results = []
    for name in DIMENSIONS:
        curated = data.curated(name)
        results += _shape_checks(name, curated)
        raw, kept, rejected = data.raw(name).count(), curated.count(), data.rejects(name).count()
        results.append(c.reconciles(name, raw, {"curated": kept, "rejects": rejected}))
    products = data.curated("products")
    results.append(
        c.accepted(
            "products",
            products,
            "accepted_range",
            (F.col("unit_price") > 0) & F.col("vat_rate").isin(*VAT_RATES),
            CRITICAL,
            "price > 0 and VAT rate in 6/12/21 %",
        )
    )
    results.append(
        c.accepted(
            "stores",
            data.curated("stores"),
            "accepted_values",
            F.col("region").isin(*REGION_SHARE),
            CRITICAL,
            "region is Flanders, Wallonia or Brussels",
        )
    )
    return results


def order_checks(data: Inputs) -> list[CheckResult]:
    orders, lines, returns = data.curated("orders"), data.curated("order_lines"), data.curated("returns")
    rejected_orders, rejected_lines = data.rejects("orders"), data.rejects("order_lines")
    results = (
        _shape_checks("orders", orders)
        + _shape_checks("order_lines", lines)
        + _shape_checks("returns", returns)
    )
    raw_orders, raw_lines = data.raw("orders").count(), data.raw("order_lines").count()
    n_orders, n_rejected_orders = orders.count(), rejected_orders.count()
    n_lines, n_returns, n_rejected_lines = lines.count(), returns.count(), rejected_lines.count()
    results += [
        c.reconciles("orders", raw_orders, {"curated": n_orders, "rejects": n_rejected_orders}),
        c.reconciles(
            "order_lines", raw_lines, {"curated": n_lines, "returns": n_returns, "rejects": n_rejected_lines}
        ),
        _reject_rate("orders", raw_orders, n_rejected_orders),
        _reject_rate("order_lines", raw_lines, n_rejected_lines),
        c.referential("orders", orders, "customer_id", data.curated("customers"), "customers"),
        c.referential("orders", orders, "store_id", data.curated("stores"), "stores"),
        c.accepted(
            "orders",
            orders,
            "accepted_values",
            F.col("channel").isin(*CHANNELS),
            CRITICAL,
            "channel is store, web or app",
        ),
        c.accepted(
            "orders",
            orders,
            "order_date_matches_timestamp",
            F.to_date("order_ts") == F.col("order_date"),
            CRITICAL,
            "order_date is the UTC day of order_ts",
        ),
    ]
    for name, df, sign in (
        ("order_lines", lines, F.col("quantity") > 0),
        ("returns", returns, F.col("quantity") < 0),
    ):
        results += [
            c.referential(name, df, "order_id", orders, "orders"),
            c.referential(name, df, "product_id", data.curated("products"), "products"),
            c.accepted(
                name,
                df,
                "accepted_range",
                sign & (F.col("unit_price") > 0) & F.col("vat_rate").isin(*VAT_RATES),
                CRITICAL,
                "quantity sign matches the dataset, price > 0, VAT rate in 6/12/21 %",
            ),
            c.accepted(
                name,
                df,
                "amounts_add_up",
                (F.col("quantity") * F.col("unit_price") == F.col("line_amount"))
                & (F.col("net_amount") + F.col("vat_amount") == F.col("line_amount")),
                CRITICAL,
                "line_amount = quantity × unit_price = net_amount + vat_amount",
            ),
        ]
    results.append(order_totals(orders, lines, returns, rejected_lines))
    latest = orders.agg(F.max("order_date")).first()[0]
    results.append(c.fresh("orders", latest, data.end, CRITICAL, "latest curated order day"))
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
    rejected = data.rejects("events")
    raw, kept, n_rejected = data.raw("events").count(), arrived.count(), rejected.count()
    results = _shape_checks("events", arrived) + [
        c.reconciles("events", raw, {"curated": kept, "rejects": n_rejected}),
        _reject_rate("events", raw, n_rejected),
        c.accepted(
            "events",
            arrived,
            "accepted_values",
            F.col("event_type").isin(*FUNNEL_STAGES),
            CRITICAL,
            "event_type is a funnel stage",
        ),
        c.accepted(
            "events",
            arrived,
            "event_date_matches_timestamp",
            F.to_date("event_ts") == F.col("event_date"),
            CRITICAL,
            "event_date is the UTC day of event_ts",
        ),
        c.accepted(
            "events",
            arrived,
            "arrives_after_it_happens",
            F.col("ingest_date") >= F.col("event_date"),
            WARNING,
            "no event arrives before the day it happened",
        ),
    ]
    latest = arrived.agg(F.max("event_date")).first()[0]
    results.append(c.fresh("events", latest, data.end, WARNING, "latest event day among the arrivals"))
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
    funnel = data.mart("funnel", "event_date")
    results.append(
        c.accepted(
            "funnel",
            funnel,
            "funnel_narrows",
            (F.col("sessions") >= F.col("product_view_sessions"))
            & (F.col("product_view_sessions") >= F.col("cart_sessions"))
            & (F.col("cart_sessions") >= F.col("checkout_sessions"))
            & (F.col("checkout_sessions") >= F.col("purchase_sessions")),
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
