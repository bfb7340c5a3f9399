"""Facts: orders with their lines, and web/app visit events, with a few percent of dirty rows."""

from __future__ import annotations

import datetime as dt

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from etl.synth.draws import below, chance, pareto_int, pick, uniform, zipf_rank
from etl.synth.reference import CHANNEL_SHARE, CHANNELS, FUNNEL_STAGES, PAYMENT_METHODS

# Share of dirty rows, on purpose: the pipeline must separate or reject each kind.
DIRTY = {
    "order_unknown_customer": 0.003,
    "order_null_customer": 0.002,
    "order_duplicate": 0.005,
    "line_null_product": 0.004,
    "line_unknown_product": 0.002,
    "line_return": 0.02,
    "event_null_type": 0.004,
    "event_duplicate": 0.01,
    "event_late": 0.03,
}
DAY_SECONDS = 86_400


def _at(day: Column, seconds: Column) -> Column:
    return (day.cast("timestamp").cast("long") + seconds).cast("timestamp")


def _customer(seed: int, purpose: str, n_customers: int, key: Column) -> Column:
    """Customer ids skewed towards regulars (low ids buy more often)."""
    return (F.floor(F.pow(uniform(seed, purpose, key), 1.6) * n_customers) + 1).cast("long")


def order_headers(days: DataFrame, n_customers: int, n_stores: int, seed: int) -> DataFrame:
    """One row per order id from `explode_days`, without the total (that comes from the lines)."""
    key = F.col("order_id")
    u_channel = uniform(seed, "order:channel", key)
    channel = (
        F.when(u_channel < CHANNEL_SHARE[0], CHANNELS[0])
        .when(u_channel < CHANNEL_SHARE[0] + CHANNEL_SHARE[1], CHANNELS[1])
        .otherwise(CHANNELS[2])
    )
    u_time = uniform(seed, "order:time", key)
    # Shops open 08:00-20:00; web and app orders come at any hour.
    seconds = F.when(channel == "store", F.lit(8 * 3600) + u_time * 12 * 3600).otherwise(u_time * DAY_SECONDS)
    u_dirty = uniform(seed, "order:dirty-customer", key)
    customer = (
        F.when(u_dirty < DIRTY["order_null_customer"], F.lit(None).cast("long"))
        .when(
            u_dirty < DIRTY["order_null_customer"] + DIRTY["order_unknown_customer"],
            F.lit(n_customers + 1) + below(seed, "order:unknown", 1000, key),
        )
        .otherwise(_customer(seed, "order:customer", n_customers, key))
    )
    return days.select(
        key,
        customer.alias("customer_id"),
        (below(seed, "order:store", n_stores, key) + 1).alias("store_id"),
        channel.alias("channel"),
        pick(PAYMENT_METHODS, below(seed, "order:payment", len(PAYMENT_METHODS), key)).alias(
            "payment_method"
        ),
        _at(F.col("day"), seconds.cast("long")).alias("order_ts"),
        F.col("day").alias("order_date"),
    )


def order_lines(headers: DataFrame, products: DataFrame, n_products: int, seed: int) -> DataFrame:
    """Heavy-tailed baskets of Zipf-popular products; 2 % returns as negative quantities."""
    order = F.col("order_id")
    lines = headers.select(
        order,
        "order_date",
        F.explode(F.sequence(F.lit(1), pareto_int(seed, "order:basket", 1.5, 40, order))).alias("line_no"),
    )
    key = [order, F.col("line_no")]
    lines = lines.withColumn("product_id", zipf_rank(seed, "line:product", n_products, *key))
    prices = products.select("product_id", F.col("unit_price").alias("list_price"))
    quantity = F.lit(1) + F.floor(-F.log(F.lit(1.0) - uniform(seed, "line:quantity", *key)) * 0.7).cast("int")
    quantity = F.when(chance(seed, "line:return", DIRTY["line_return"], *key), -quantity).otherwise(quantity)
    # One line in ten is on promotion at 20 % off.
    unit_price = F.when(
        chance(seed, "line:promo", 0.1, *key), F.round(F.col("list_price") * F.lit(0.8), 2)
    ).otherwise(F.col("list_price"))
    priced = (
        lines.join(F.broadcast(prices), "product_id")
        .withColumn("quantity", quantity)
        .withColumn("unit_price", unit_price.cast("decimal(10,2)"))
        .withColumn("line_amount", (F.col("quantity") * F.col("unit_price")).cast("decimal(12,2)"))
    )
    # Broken product references, after pricing: the source total still counts these lines.
    u_dirty = uniform(seed, "line:dirty-product", *key)
    product = (
        F.when(u_dirty < DIRTY["line_null_product"], F.lit(None).cast("int"))
        .when(
            u_dirty < DIRTY["line_null_product"] + DIRTY["line_unknown_product"],
            F.lit(n_products + 1) + below(seed, "line:unknown", 100, *key),
        )
        .otherwise(F.col("product_id"))
    )
    return priced.withColumn("product_id", product)


def orders_with_totals(headers: DataFrame, lines: DataFrame, seed: int) -> DataFrame:
    """Headers with the source system's total (all lines, returns included); 0.5 % sent twice."""
    totals = lines.groupBy("order_id").agg(F.sum("line_amount").cast("decimal(12,2)").alias("total_amount"))
    orders = headers.join(totals, "order_id")
    resent = orders.where(chance(seed, "order:duplicate", DIRTY["order_duplicate"], F.col("order_id")))
    return orders.unionByName(resent)


def events(visits: DataFrame, n_customers: int, n_products: int, end: dt.date, seed: int) -> DataFrame:
    """Visits (`explode_days` with session_id) walk down the funnel; events arrive late or twice."""
    session = F.col("session_id")

    def step(name: str, probability: float) -> Column:
        return chance(seed, f"visit:{name}", probability, session).cast("int")

    reached = F.lit(1)
    depth = F.lit(1)
    for name, probability in zip(FUNNEL_STAGES[1:], (0.55, 0.35, 0.6, 0.75), strict=True):
        reached = reached * step(name, probability)
        depth = depth + reached
    visits = visits.select(
        session,
        F.col("day"),
        F.when(chance(seed, "visit:platform", 0.6, session), "web").otherwise("app").alias("platform"),
        F.when(
            chance(seed, "visit:signed-in", 0.55, session),
            _customer(seed, "visit:customer", n_customers, session),
        ).alias("customer_id"),
        zipf_rank(seed, "visit:product", n_products, session).alias("product"),
        # Visits start before 23:00 so the whole visit stays within the generated dates.
        (uniform(seed, "visit:start", session) * (DAY_SECONDS - 3600)).cast("long").alias("start"),
        pareto_int(seed, "visit:pages", 2.0, 30, session).alias("pages"),
        depth.alias("depth"),
    )
    n = F.col("pages") + F.col("depth") - 1
    rows = visits.select("*", F.explode(F.sequence(F.lit(1), n)).alias("i"))
    key = F.col("event_id")
    stage = F.greatest(F.col("i") - F.col("pages"), F.lit(0))
    event_type = F.when(
        ~chance(seed, "event:null-type", DIRTY["event_null_type"], key), pick(FUNNEL_STAGES, stage)
    )
    seconds = F.col("start") + F.col("i") * 40 + below(seed, "event:jitter", 30, key)
    rows = rows.withColumn("event_id", session * 64 + F.col("i")).select(
        "event_id",
        session,
        "customer_id",
        "platform",
        event_type.alias("event_type"),
        F.when(stage > 0, F.col("product")).alias("product_id"),
        _at(F.col("day"), seconds).alias("event_ts"),
    )
    last_day = F.lit(end.isoformat()).cast("date")

    def arrival(day: Column, lag: Column) -> Column:
        """The ingest day `lag` days after `day`, but never after the last generated day."""
        later = F.date_add(day, lag)
        return F.when(later <= last_day, later).otherwise(day)

    lag = F.when(chance(seed, "event:late", DIRTY["event_late"], key), below(seed, "event:lag", 3, key) + 1)
    rows = rows.withColumn("ingest_date", arrival(F.to_date("event_ts"), F.coalesce(lag, F.lit(0))))
    resent = rows.where(chance(seed, "event:duplicate", DIRTY["event_duplicate"], key)).withColumn(
        "ingest_date", arrival(F.col("ingest_date"), chance(seed, "event:resent-late", 0.3, key).cast("int"))
    )
    return rows.unionByName(resent)
