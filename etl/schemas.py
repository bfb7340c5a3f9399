"""Declared schemas of the lake: raw (what the sources deliver), curated and marts (the contracts).

Money is DECIMAL, never float: 150000.00 stays 150000.00.
"""

from __future__ import annotations

import hashlib
import re

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import (
    DataType,
    DateType,
    DecimalType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
    TimestampType,
)

MONEY = "decimal(12,2)"
PRICE = "decimal(10,2)"
RATE = "decimal(4,2)"
TOTAL = "decimal(18,2)"


_TYPES: dict[str, DataType] = {
    "INT": IntegerType(),
    "BIGINT": LongType(),
    "STRING": StringType(),
    "DATE": DateType(),
    "TIMESTAMP": TimestampType(),
    "DOUBLE": DoubleType(),
}
_FIELD = re.compile(r"\s*(\w+) (\w+)(?:\((\d+),(\d+)\))?\s*(?:,|$)")


def schema(ddl: str) -> StructType:
    """A flat schema from "name TYPE, …" (Spark 3.5's Python API has no DDL parser without a JVM)."""
    fields = []
    for name, kind, precision, digits in _FIELD.findall(ddl):
        data_type = DecimalType(int(precision), int(digits)) if precision else _TYPES[kind.upper()]
        fields.append(StructField(name, data_type))
    return StructType(fields)


RAW = {
    "stores": schema(
        "store_id INT, store_name STRING, format STRING, region STRING, city STRING, postcode STRING,"
        " opened_on DATE"
    ),
    "customers": schema(
        "customer_id BIGINT, email STRING, birth_year INT, region STRING, city STRING, postcode STRING,"
        " loyalty_tier STRING, signup_date DATE"
    ),
    "products": schema(
        f"product_id INT, sku STRING, product_name STRING, category STRING, brand STRING,"
        f" unit_price {PRICE}, vat_rate {RATE}"
    ),
    "orders": schema(
        f"order_id BIGINT, customer_id BIGINT, store_id INT, channel STRING, payment_method STRING,"
        f" order_ts TIMESTAMP, total_amount {MONEY}, order_date DATE"
    ),
    "order_lines": schema(
        f"order_id BIGINT, line_no INT, product_id INT, quantity INT, unit_price {PRICE},"
        f" line_amount {MONEY}, order_date DATE"
    ),
    "events": schema(
        "event_id BIGINT, session_id BIGINT, customer_id BIGINT, platform STRING, event_type STRING,"
        " product_id INT, event_ts TIMESTAMP, ingest_date DATE"
    ),
}
# Partition column of each raw dataset (dimensions are small snapshots, not partitioned).
RAW_PARTITION = {"orders": "order_date", "order_lines": "order_date", "events": "ingest_date"}
# The key that identifies a row of each dataset.
KEYS = {
    "stores": ["store_id"],
    "customers": ["customer_id"],
    "products": ["product_id"],
    "orders": ["order_id"],
    "order_lines": ["order_id", "line_no"],
    "returns": ["order_id", "line_no"],
    "events": ["event_id"],
}

_LINE = (
    f"order_id BIGINT, line_no INT, product_id INT, quantity INT, unit_price {PRICE}, line_amount {MONEY},"
    f" vat_rate {RATE}, net_amount {MONEY}, vat_amount {MONEY}, order_date DATE"
)
CURATED = {
    "stores": RAW["stores"],
    "customers": RAW["customers"],
    "products": RAW["products"],
    "orders": RAW["orders"],
    "order_lines": schema(_LINE),
    "returns": schema(_LINE),
    "events": schema(
        "event_id BIGINT, session_id BIGINT, customer_id BIGINT, platform STRING, event_type STRING,"
        " product_id INT, event_ts TIMESTAMP, event_date DATE, ingest_date DATE"
    ),
}
# Curated events are partitioned by the day they happened, then by the day they arrived, so a late
# event lands in its own day without a later run overwriting what earlier runs wrote there.
CURATED_PARTITION = {
    "orders": ["order_date"],
    "order_lines": ["order_date"],
    "returns": ["order_date"],
    "events": ["event_date", "ingest_date"],
}

MARTS = {
    "daily_sales": schema(
        f"order_date DATE, store_id INT, region STRING, category STRING, orders BIGINT, units BIGINT,"
        f" gross_amount {TOTAL}, net_amount {TOTAL}, vat_amount {TOTAL}, returned_units BIGINT,"
        f" returns_amount {TOTAL}"
    ),
    "product_performance": schema(
        f"order_date DATE, product_id INT, category STRING, brand STRING, orders BIGINT, units BIGINT,"
        f" gross_amount {TOTAL}, net_amount {TOTAL}, returned_units BIGINT, returns_amount {TOTAL}"
    ),
    "funnel": schema(
        "event_date DATE, platform STRING, sessions BIGINT, product_view_sessions BIGINT,"
        " cart_sessions BIGINT, checkout_sessions BIGINT, purchase_sessions BIGINT, conversion_rate DOUBLE"
    ),
    "customer_value": schema(
        f"as_of_date DATE, customer_id BIGINT, region STRING, first_order_date DATE, last_order_date DATE,"
        f" orders BIGINT, lifetime_value {TOTAL}, recency_days INT, r_score INT, f_score INT, m_score INT,"
        f" rfm_segment STRING"
    ),
}
MART_PARTITION = {
    "daily_sales": "order_date",
    "product_performance": "order_date",
    "funnel": "event_date",
    "customer_value": "as_of_date",
}


def conform(df: DataFrame, contract: StructType) -> DataFrame:
    """The contract's columns, in its order, cast to its types (extra columns dropped)."""
    return df.select(*[F.col(f.name).cast(f.dataType).alias(f.name) for f in contract.fields])


def schema_signature(contract: StructType) -> list[str]:
    return [f"{f.name}:{f.dataType.simpleString()}" for f in contract.fields]


def schema_hash(contract: StructType) -> str:
    """Hash of column names and types in order (nullability is not kept by Parquet round trips)."""
    return hashlib.sha256("\n".join(schema_signature(contract)).encode()).hexdigest()
