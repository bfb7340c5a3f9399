"""Marts: daily sales, product performance, web/app funnel, customer value with RFM segments."""

from __future__ import annotations

import datetime as dt

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

TOTAL = "decimal(18,2)"


def _sum(condition: Column, value: Column, data_type: str) -> Column:
    """Sum of value where condition holds, 0 (not null) when nothing matches."""
    return F.coalesce(F.sum(F.when(condition, value)), F.lit(0)).cast(data_type)


def _order_line_measures(lines: DataFrame) -> list[Column]:
    sale, back = F.col("quantity") > 0, F.col("quantity") < 0
    return [
        F.countDistinct(F.when(sale, F.col("order_id"))).alias("orders"),
        _sum(sale, F.col("quantity"), "bigint").alias("units"),
        _sum(sale, F.col("line_amount"), TOTAL).alias("gross_amount"),
        _sum(sale, F.col("net_amount"), TOTAL).alias("net_amount"),
        _sum(back, -F.col("quantity"), "bigint").alias("returned_units"),
        _sum(back, -F.col("line_amount"), TOTAL).alias("returns_amount"),
    ]


def daily_sales(
    sales: DataFrame, returns: DataFrame, orders: DataFrame, stores: DataFrame, products: DataFrame
) -> DataFrame:
    """Per day, store (with its region) and category: orders, units, amounts; returns apart."""
    lines = (
        sales.unionByName(returns)
        .join(orders.select("order_id", "store_id"), "order_id")
        .join(F.broadcast(stores.select("store_id", "region")), "store_id")
        .join(F.broadcast(products.select("product_id", "category")), "product_id")
    )
    return (
        lines.groupBy("order_date", "store_id", "region", "category")
        .agg(*_order_line_measures(lines))
        .withColumn("vat_amount", (F.col("gross_amount") - F.col("net_amount")).cast(TOTAL))
    )


def product_performance(sales: DataFrame, returns: DataFrame, products: DataFrame) -> DataFrame:
    """Per day and product: orders, units and amounts sold, units and amounts returned."""
    lines = sales.unionByName(returns).join(
        F.broadcast(products.select("product_id", "category", "brand")), "product_id"
    )
    return lines.groupBy("order_date", "product_id", "category", "brand").agg(*_order_line_measures(lines))


def funnel(events: DataFrame) -> DataFrame:
    """Per day and platform: visits (sessions) reaching each funnel stage, and the conversion rate.

    Exact distinct counts in two aggregations (one row per session first, then per day and
    platform): five COUNT(DISTINCT) side by side would copy every event five times (Expand).
    """
    stages = {
        "product_view": "product_view_sessions",
        "add_to_cart": "cart_sessions",
        "checkout": "checkout_sessions",
        "purchase": "purchase_sessions",
    }
    per_session = (
        events.where(F.col("session_id").isNotNull())
        .groupBy("event_date", "platform", "session_id")
        .agg(
            *[F.max((F.col("event_type") == stage).cast("int")).alias(name) for stage, name in stages.items()]
        )
    )
    return (
        per_session.groupBy("event_date", "platform")
        .agg(
            F.count(F.lit(1)).alias("sessions"),
            *[F.coalesce(F.sum(name), F.lit(0)).cast("bigint").alias(name) for name in stages.values()],
        )
        .withColumn("conversion_rate", F.col("purchase_sessions") / F.col("sessions"))
    )


def rfm_segment(r: Column, f: Column) -> Column:
    """Segments from recency and frequency scores (1 = worst, 5 = best)."""
    return (
        F.when((r >= 4) & (f >= 4), "Champions")
        .when((r >= 3) & (f >= 3), "Loyal")
        .when((r >= 4) & (f <= 2), "New")
        .when((r <= 2) & (f >= 3), "At risk")
        .when((r <= 2) & (f <= 2), "Hibernating")
        .otherwise("Needs attention")
    )


def customer_value(orders: DataFrame, customers: DataFrame, as_of: dt.date) -> DataFrame:
    """Lifetime value and RFM scores of every customer with an order on or before `as_of`.

    Scores are quintiles (ntile 5) with ties broken by customer id, so the result is deterministic.
    """
    as_of_date = F.lit(as_of.isoformat()).cast("date")
    per_customer = (
        orders.where(F.col("order_date") <= as_of_date)
        .groupBy("customer_id")
        .agg(
            F.min("order_date").alias("first_order_date"),
            F.max("order_date").alias("last_order_date"),
            F.count(F.lit(1)).alias("orders"),
            F.sum("total_amount").cast(TOTAL).alias("lifetime_value"),
        )
        .withColumn("recency_days", F.datediff(as_of_date, F.col("last_order_date")))
    )

    def quintile(*order: Column) -> Column:
        return F.ntile(5).over(Window.orderBy(*order, F.col("customer_id")))

    return (
        per_customer.join(F.broadcast(customers.select("customer_id", "region")), "customer_id")
        .withColumn("as_of_date", as_of_date)
        .withColumn("r_score", quintile(F.col("recency_days").desc()))
        .withColumn("f_score", quintile(F.col("orders")))
        .withColumn("m_score", quintile(F.col("lifetime_value")))
        .withColumn("rfm_segment", rfm_segment(F.col("r_score"), F.col("f_score")))
    )
