"""Fixed reference data of the Belgian retailer: places, categories and brands."""

# (city, postcode, region): regions are Belgium's three, with their larger cities.
CITIES = {
    "Flanders": [
        ("Antwerpen", "2000"),
        ("Gent", "9000"),
        ("Brugge", "8000"),
        ("Leuven", "3000"),
        ("Mechelen", "2800"),
        ("Hasselt", "3500"),
        ("Kortrijk", "8500"),
        ("Aalst", "9300"),
        ("Oostende", "8400"),
        ("Genk", "3600"),
        ("Sint-Niklaas", "9100"),
        ("Roeselare", "8800"),
    ],
    "Wallonia": [
        ("Liège", "4000"),
        ("Charleroi", "6000"),
        ("Namur", "5000"),
        ("Mons", "7000"),
        ("La Louvière", "7100"),
        ("Tournai", "7500"),
        ("Verviers", "4800"),
        ("Wavre", "1300"),
        ("Arlon", "6700"),
        ("Seraing", "4100"),
    ],
    "Brussels": [
        ("Bruxelles", "1000"),
        ("Ixelles", "1050"),
        ("Schaerbeek", "1030"),
        ("Anderlecht", "1070"),
        ("Uccle", "1180"),
        ("Etterbeek", "1040"),
    ],
}
# Share of customers and stores per region, roughly the population split.
REGION_SHARE = {"Flanders": 0.58, "Wallonia": 0.31, "Brussels": 0.11}

# category: (VAT rate % in Belgium, median price EUR, price spread as a log-normal sigma)
CATEGORIES = {
    "Groceries": (6, 3.5, 0.6),
    "Fresh food": (6, 4.5, 0.5),
    "Ready meals": (12, 7.0, 0.4),
    "Beverages": (21, 4.0, 0.7),
    "Household": (21, 6.0, 0.6),
    "Beauty": (21, 9.0, 0.7),
    "Books": (6, 15.0, 0.4),
    "Clothing": (21, 30.0, 0.6),
    "Toys": (21, 25.0, 0.8),
    "Garden": (21, 35.0, 0.9),
    "Electronics": (21, 120.0, 1.0),
}
BRANDS = [
    "Maison Verte",
    "Noordzee",
    "Ardenne",
    "Schelde",
    "Brabo",
    "Meuse",
    "Kempen",
    "Sonian",
    "Polder",
    "Hainaut",
    "Zenne",
    "Lys",
    "Gaume",
    "Leie",
    "Condroz",
    "Dijle",
]
CHANNELS = ["store", "web", "app"]
CHANNEL_SHARE = [0.70, 0.20, 0.10]
PAYMENT_METHODS = ["bancontact", "card", "cash", "payconiq", "voucher"]
STORE_FORMATS = ["hyper", "super", "express"]
LOYALTY_TIERS = ["none", "silver", "gold"]
# The web/app funnel, in order: a visit reaches a prefix of these stages.
FUNNEL_STAGES = ["page_view", "product_view", "add_to_cart", "checkout", "purchase"]
