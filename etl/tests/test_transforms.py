"""Transforms on tiny hand-built DataFrames, dirty cases included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from chispa import assert_df_equality
from pyspark.sql import functions as F

from etl.schemas import CURATED, RAW
from etl.transforms import marts, orders
from etl.transforms import rejects as r
from etl.transforms.events import tag_events
from etl.transforms.money import net_of_vat

D1, D2 = dt.date(2025, 12, 1), dt.date(2025, 12, 2)


def ts(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def reasons(df, key: str) -> dict:
    return {row[key]: row[r.REASON] for row in df.select(key, r.REASON).collect()}


def dims(spark):
    customers = spark.createDataFrame(
        [(1, "a@example.be", 1980, "Flanders", "Gent", "9000", "gold", D1)], RAW["customers"]
    )
    stores = spark.createDataFrame(
        [(10, "BuildItAll Gent 10", "super", "Flanders", "Gent", "9000", D1)], RAW["stores"]
    )
    products = spark.createDataFrame(
        [
            (
                100,
                "SKU-0000100",
                "Groceries item 100",
                "Groceries",
                "Polder",
                Decimal("1.06"),
                Decimal("6.00"),
            ),
            (200, "SKU-0000200", "Toys item 200", "Toys", "Brabo", Decimal("12.10"), Decimal("21.00")),
        ],
        RAW["products"],
    )
    return customers, stores, products


def test_orders_are_rejected_with_the_first_reason_that_applies(spark):
    customers, stores, _ = dims(spark)
    raw = spark.createDataFrame(
        [
            (1, 1, 10, "store", "cash", ts(D1, 9), Decimal("1.06"), D1),  # valid
            (1, 1, 10, "store", "cash", ts(D1, 9), Decimal("1.06"), D1),  # sent twice
            (2, None, 10, "web", "card", ts(D1, 10), Decimal("5.00"), D1),  # no customer
            (3, 99, 10, "web", "card", ts(D1, 11), Decimal("5.00"), D1),  # customer unknown
            (4, 99, 77, "web", "card", ts(D1, 11), Decimal("5.00"), D1),  # customer checked before store
            (5, 1, 77, "app", "card", ts(D1, 12), Decimal("5.00"), D1),  # store unknown
        ],
        RAW["orders"],
    )
    tagged = orders.tag_orders(raw, customers, stores)
    got = sorted((row["order_id"], row[r.REASON] or "") for row in tagged.collect())
    assert got == [
        (1, ""),
        (1, r.DUPLICATE),
        (2, r.MISSING_KEY),
        (3, r.UNKNOWN_CUSTOMER),
        (4, r.UNKNOWN_CUSTOMER),
        (5, r.UNKNOWN_STORE),
    ]
    assert r.accepted(tagged).count() + r.rejected(tagged).count() == raw.count()


def test_lines_are_checked_and_returns_separated(spark):
    _, _, products = dims(spark)
    curated_orders = spark.createDataFrame(
        [(1, 1, 10, "store", "cash", ts(D1, 9), Decimal("0"), D1)], RAW["orders"]
    )
    raw = spark.createDataFrame(
        [
            (1, 1, 200, 2, Decimal("12.10"), Decimal("24.20"), D1),  # sale
            (1, 2, 100, -1, Decimal("1.06"), Decimal("-1.06"), D1),  # return
            (1, 3, None, 1, Decimal("1.06"), Decimal("1.06"), D1),  # product missing
            (1, 4, 999, 1, Decimal("1.06"), Decimal("1.06"), D1),  # product unknown
            (2, 1, 100, 1, Decimal("1.06"), Decimal("1.06"), D1),  # order rejected or absent
            (1, 5, 100, 0, Decimal("1.06"), Decimal("0.00"), D1),  # neither sale nor return
            (1, 6, 100, 1, Decimal("0.00"), Decimal("0.00"), D1),  # free: price invalid
            (1, 1, 200, 2, Decimal("12.10"), Decimal("24.20"), D1),  # line sent twice
        ],
        RAW["order_lines"],
    )
    tagged = orders.tag_lines(raw, curated_orders, products).cache()
    got = sorted((row["order_id"], row["line_no"], row[r.REASON] or "") for row in tagged.collect())
    assert got == [
        (1, 1, ""),
        (1, 1, r.DUPLICATE),
        (1, 2, ""),
        (1, 3, r.MISSING_KEY),
        (1, 4, r.UNKNOWN_PRODUCT),
        (1, 5, r.INVALID_QUANTITY),
        (1, 6, r.INVALID_PRICE),
        (2, 1, r.UNKNOWN_ORDER),
    ]
    lines = orders.with_vat_split(r.accepted(tagged))
    sale = orders.sales(lines).select("line_no", "net_amount", "vat_amount").collect()
    returned = orders.returns(lines).select("line_no", "net_amount", "vat_amount").collect()
    assert [tuple(x) for x in sale] == [(1, Decimal("20.00"), Decimal("4.20"))]
    assert [tuple(x) for x in returned] == [(2, Decimal("-1.00"), Decimal("-0.06"))]


def test_net_of_vat_is_exact_to_the_cent_and_rounds_half_away_from_zero(spark):
    rows = [
        (Decimal("12.10"), Decimal("21.00"), Decimal("10.00")),
        (Decimal("1.06"), Decimal("6.00"), Decimal("1.00")),
        (Decimal("-12.10"), Decimal("21.00"), Decimal("-10.00")),
        (Decimal("0.01"), Decimal("21.00"), Decimal("0.01")),  # 0.00826 -> 0.01
        (Decimal("0.03"), Decimal("6.00"), Decimal("0.03")),  # 0.0283 -> 0.03
        (Decimal("2.12"), Decimal("12.00"), Decimal("1.89")),  # 1.892857 -> 1.89
        (Decimal("150000.00"), Decimal("21.00"), Decimal("123966.94")),  # 123966.9421
        (Decimal("0.53"), Decimal("6.00"), Decimal("0.50")),  # exact
        (Decimal("0.14"), Decimal("12.00"), Decimal("0.13")),  # 0.125 exactly: half up
        (Decimal("-0.14"), Decimal("12.00"), Decimal("-0.13")),  # -0.125: half away from zero
    ]
    df = spark.createDataFrame(rows, "gross decimal(12,2), rate decimal(4,2), expected decimal(12,2)")
    got = df.select(net_of_vat(F.col("gross"), F.col("rate")).alias("net"), "expected").collect()
    assert [row["net"] for row in got] == [row["expected"] for row in got]


def test_events_keep_the_first_arrival_and_land_on_the_day_they_happened(spark):
    raw = spark.createDataFrame(
        [
            (1, 10, None, "web", "page_view", None, ts(D1, 23, 50), D1),
            (2, 10, None, "web", "product_view", 5, ts(D1, 23, 55), D2),  # late: happened on D1
            (2, 10, None, "web", "product_view", 5, ts(D1, 23, 55), D2),  # resent the same day
            (1, 10, None, "web", "page_view", None, ts(D1, 23, 50), D2),  # resent a day later
            (3, 11, 1, "app", None, None, ts(D2, 8), D2),  # no type
            (4, 11, 1, "app", "wishlist", None, ts(D2, 8), D2),  # not a funnel stage
        ],
        RAW["events"],
    )
    tagged = tag_events(raw)
    got = sorted(
        (row["event_id"], str(row["ingest_date"]), str(row["event_date"]), row[r.REASON] or "")
        for row in tagged.collect()
    )
    assert got == [
        (1, "2025-12-01", "2025-12-01", ""),
        (1, "2025-12-02", "2025-12-01", r.DUPLICATE),
        (2, "2025-12-02", "2025-12-01", ""),
        (2, "2025-12-02", "2025-12-01", r.DUPLICATE),
        (3, "2025-12-02", "2025-12-02", r.MISSING_KEY),
        (4, "2025-12-02", "2025-12-02", r.INVALID_EVENT_TYPE),
    ]


def test_tag_records_the_first_matching_rule(spark):
    df = spark.createDataFrame([(1, None), (2, 5), (None, 5)], "a int, b int")
    tagged = r.tag(df, [("a_missing", F.col("a").isNull()), ("b_missing", F.col("b").isNull())])
    assert reasons(tagged.fillna(0, ["a"]), "a") == {1: "b_missing", 2: None, 0: "a_missing"}


def _lines(spark, rows):
    return spark.createDataFrame(rows, CURATED["order_lines"])


def test_daily_sales_sum_sales_and_returns_apart(spark):
    customers, stores, products = dims(spark)
    placed = spark.createDataFrame(
        [
            (1, 1, 10, "store", "cash", ts(D1, 9), Decimal("0"), D1),
            (2, 1, 10, "web", "card", ts(D1, 9), Decimal("0"), D1),
        ],
        RAW["orders"],
    )
    d, r21, r6 = D1, Decimal("21.00"), Decimal("6.00")
    sales = _lines(
        spark,
        [
            (1, 1, 200, 2, Decimal("12.10"), Decimal("24.20"), r21, Decimal("20.00"), Decimal("4.20"), d),
            (2, 1, 200, 1, Decimal("12.10"), Decimal("12.10"), r21, Decimal("10.00"), Decimal("2.10"), d),
            (2, 2, 100, 3, Decimal("1.06"), Decimal("3.18"), r6, Decimal("3.00"), Decimal("0.18"), d),
        ],
    )
    returned = _lines(
        spark,
        [(1, 2, 200, -1, Decimal("12.10"), Decimal("-12.10"), r21, Decimal("-10.00"), Decimal("-2.10"), d)],
    )
    got = marts.daily_sales(sales, returned, placed, stores, products)
    expected = spark.createDataFrame(
        [
            (
                D1,
                10,
                "Flanders",
                "Toys",
                2,
                3,
                Decimal("36.30"),
                Decimal("30.00"),
                1,
                Decimal("12.10"),
                Decimal("6.30"),
            ),
            (
                D1,
                10,
                "Flanders",
                "Groceries",
                1,
                3,
                Decimal("3.18"),
                Decimal("3.00"),
                0,
                Decimal("0.00"),
                Decimal("0.18"),
            ),
        ],
        "order_date date, store_id int, region string, category string, orders bigint, units bigint,"
        " gross_amount decimal(18,2), net_amount decimal(18,2), returned_units bigint,"
        " returns_amount decimal(18,2), vat_amount decimal(18,2)",
    )
    assert_df_equality(got, expected, ignore_row_order=True, ignore_nullable=True)


def test_funnel_counts_sessions_per_stage(spark):
    rows = [
        (1, 1, None, "web", "page_view", None, ts(D1, 9), D1, D1),
        (2, 1, None, "web", "page_view", None, ts(D1, 9), D1, D1),
        (3, 1, None, "web", "product_view", 5, ts(D1, 9), D1, D1),
        (4, 2, None, "web", "page_view", None, ts(D1, 9), D1, D1),
        (5, 2, None, "web", "product_view", 5, ts(D1, 9), D1, D1),
        (6, 2, None, "web", "add_to_cart", 5, ts(D1, 9), D1, D1),
        (7, 2, None, "web", "checkout", 5, ts(D1, 9), D1, D1),
        (8, 2, None, "web", "purchase", 5, ts(D1, 9), D1, D1),
        (9, 3, None, "web", "page_view", None, ts(D1, 9), D1, D1),
        (10, 3, None, "web", "page_view", None, ts(D1, 9), D1, D1),
        (11, 4, None, "web", "page_view", None, ts(D1, 9), D1, D1),
    ]
    got = marts.funnel(spark.createDataFrame(rows, CURATED["events"])).collect()
    assert [tuple(x) for x in got] == [(D1, "web", 4, 2, 1, 1, 1, 0.25)]


def test_customer_value_scores_and_segments(spark):
    customers = spark.createDataFrame(
        [(c, None, 1980, "Brussels", "Uccle", "1180", "none", D1) for c in range(1, 6)], RAW["customers"]
    )
    # Customer c orders c times, the last one c days before the as-of day (so 5 is loyal but lapsed).
    as_of = dt.date(2025, 12, 31)
    rows = [
        (c * 100 + n, c, 10, "store", "cash", None, Decimal("10.00"), as_of - dt.timedelta(days=c + n))
        for c in range(1, 6)
        for n in range(c)
    ]
    rows.append((999, 1, 10, "store", "cash", None, Decimal("99.00"), dt.date(2026, 1, 5)))  # after as-of
    placed = spark.createDataFrame(rows, RAW["orders"])
    got = {
        row["customer_id"]: (
            row["orders"],
            row["lifetime_value"],
            row["recency_days"],
            row["r_score"],
            row["f_score"],
            row["rfm_segment"],
        )
        for row in marts.customer_value(placed, customers, as_of).collect()
    }
    assert got == {
        1: (1, Decimal("10.00"), 1, 5, 1, "New"),
        2: (2, Decimal("20.00"), 2, 4, 2, "New"),
        3: (3, Decimal("30.00"), 3, 3, 3, "Loyal"),
        4: (4, Decimal("40.00"), 4, 2, 4, "At risk"),
        5: (5, Decimal("50.00"), 5, 1, 5, "At risk"),
    }
