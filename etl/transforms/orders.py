"""Orders and their lines: raw → curated, with rejects tagged and returns separated."""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from etl.transforms import rejects as r
from etl.transforms.money import net_of_vat


def tag_orders(orders: DataFrame, customers: DataFrame, stores: DataFrame) -> DataFrame:
    """Raw orders with reject_reason: missing key, duplicate, unknown customer, unknown store."""
    checked = r.exists_in(orders, customers, "customer_id", "_customer_ok", small=True)
    checked = r.exists_in(checked, stores, "store_id", "_store_ok", small=True)
    tagged = r.tag(
        checked,
        [
            (r.MISSING_KEY, r.any_null("order_id", "customer_id", "store_id", "order_date")),
            (r.DUPLICATE, r.later_copy(["order_id"], [F.col("order_ts"), F.col("total_amount")])),
            (r.UNKNOWN_CUSTOMER, ~F.col("_customer_ok")),
            (r.UNKNOWN_STORE, ~F.col("_store_ok")),
        ],
    )
    return tagged.select(*orders.columns, r.REASON)


def tag_lines(lines: DataFrame, curated_orders: DataFrame, products: DataFrame) -> DataFrame:
    """Raw lines with reject_reason; accepted lines get the product's VAT rate."""
    checked = r.exists_in(lines, curated_orders, "order_id", "_order_ok")
    rates = products.select("product_id", F.col("vat_rate").alias("_vat_rate"))
    checked = checked.join(F.broadcast(rates), "product_id", "left")
    tagged = r.tag(
        checked,
        [
            (r.MISSING_KEY, r.any_null("order_id", "line_no", "product_id", "order_date")),
            (r.DUPLICATE, r.later_copy(["order_id", "line_no"], [F.col("quantity"), F.col("line_amount")])),
            (r.UNKNOWN_PRODUCT, F.col("_vat_rate").isNull()),
            (r.UNKNOWN_ORDER, ~F.col("_order_ok")),
            (r.INVALID_QUANTITY, F.coalesce(F.col("quantity"), F.lit(0)) == 0),
            (r.INVALID_PRICE, F.coalesce(F.col("unit_price"), F.lit(0)) <= 0),
        ],
    )
    return tagged.select(*lines.columns, F.col("_vat_rate").alias("vat_rate"), r.REASON)


def with_vat_split(lines: DataFrame) -> DataFrame:
    """Add net_amount and vat_amount (line_amount includes VAT at vat_rate)."""
    return lines.withColumn("net_amount", net_of_vat(F.col("line_amount"), F.col("vat_rate"))).withColumn(
        "vat_amount", (F.col("line_amount") - F.col("net_amount")).cast("decimal(12,2)")
    )


def sales(lines: DataFrame) -> DataFrame:
    return lines.where(F.col("quantity") > 0)


def returns(lines: DataFrame) -> DataFrame:
    """Returned items come in as lines with a negative quantity (and amount); kept as they came."""
    return lines.where(F.col("quantity") < 0)
