"""Dimensions: stores, customers and products."""

from __future__ import annotations

import datetime as dt

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from etl.synth.draws import below, chance, normal, pick, uniform
from etl.synth.reference import BRANDS, CATEGORIES, CITIES, LOYALTY_TIERS, REGION_SHARE, STORE_FORMATS

REGIONS = list(REGION_SHARE)


def _region(u: Column) -> Column:
    """Region by population share, from a uniform draw."""
    flanders, wallonia = REGION_SHARE["Flanders"], REGION_SHARE["Wallonia"]
    return F.when(u < flanders, "Flanders").when(u < flanders + wallonia, "Wallonia").otherwise("Brussels")


def _place(seed: int, purpose: str, key: Column) -> list[Column]:
    """region, city and postcode columns: a region, then one of its cities."""
    region = _region(uniform(seed, purpose + ":region", key))
    cities = F.create_map(
        *[x for r in REGIONS for x in (F.lit(r), F.array(*[F.lit(c) for c, _ in CITIES[r]]))]
    )
    postcodes = F.create_map(
        *[x for r in REGIONS for x in (F.lit(r), F.array(*[F.lit(p) for _, p in CITIES[r]]))]
    )
    index = below(seed, purpose + ":city", F.size(cities[region]), key)
    return [
        region.alias("region"),
        F.element_at(cities[region], index + 1).alias("city"),
        F.element_at(postcodes[region], index + 1).alias("postcode"),
    ]


def stores(spark: SparkSession, n: int, seed: int) -> DataFrame:
    store_id = F.col("id").cast("int")
    base = spark.range(1, n + 1).select(store_id.alias("store_id"), *_place(seed, "store", F.col("id")))
    return base.select(
        "store_id",
        F.concat_ws(" ", F.lit("BuildItAll"), "city", F.col("store_id").cast("string")).alias("store_name"),
        pick(STORE_FORMATS, below(seed, "store:format", len(STORE_FORMATS), F.col("store_id"))).alias(
            "format"
        ),
        "region",
        "city",
        "postcode",
        F.date_sub(
            F.lit("2024-12-31").cast("date"), below(seed, "store:opened", 7300, F.col("store_id"))
        ).alias("opened_on"),
    )


def customers(spark: SparkSession, n: int, seed: int, start: dt.date) -> DataFrame:
    key = F.col("id")
    email = F.when(
        ~chance(seed, "customer:no-email", 0.01, key), F.concat(F.lit("customer"), key, F.lit("@example.be"))
    )
    tier = uniform(seed, "customer:tier", key)
    return spark.range(1, n + 1).select(
        key.alias("customer_id"),
        email.alias("email"),
        (F.lit(1940) + below(seed, "customer:birth", 67, key)).alias("birth_year"),
        *_place(seed, "customer", key),
        pick(LOYALTY_TIERS, F.when(tier < 0.6, 0).when(tier < 0.9, 1).otherwise(2)).alias("loyalty_tier"),
        F.date_sub(F.lit(start.isoformat()).cast("date"), below(seed, "customer:signup", 1500, key)).alias(
            "signup_date"
        ),
    )


def products(spark: SparkSession, n: int, seed: int) -> DataFrame:
    """Prices are log-normal around each category's median, VAT by Belgian category rates."""
    key = F.col("id")
    names = list(CATEGORIES)
    category = pick(names, below(seed, "product:category", len(names), key))

    def by_category(position: int) -> Column:
        return F.create_map(*[x for c, v in CATEGORIES.items() for x in (F.lit(c), F.lit(v[position]))])

    price = by_category(1)[category] * F.exp(by_category(2)[category] * normal(seed, "product:price", key))
    return (
        spark.range(1, n + 1)
        .select(key.cast("int").alias("product_id"), category.alias("category"), price.alias("price"))
        .select(
            "product_id",
            F.format_string("SKU-%07d", "product_id").alias("sku"),
            F.concat_ws(" ", "category", F.lit("item"), F.col("product_id").cast("string")).alias(
                "product_name"
            ),
            "category",
            pick(BRANDS, below(seed, "product:brand", len(BRANDS), F.col("product_id"))).alias("brand"),
            F.greatest(F.round("price", 2), F.lit(0.49)).cast("decimal(10,2)").alias("unit_price"),
            by_category(0)[F.col("category")].cast("decimal(4,2)").alias("vat_rate"),
        )
    )
