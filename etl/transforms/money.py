"""VAT arithmetic on exact cents: prices include VAT, as Belgian shelf prices do."""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F


def net_of_vat(gross: Column, vat_rate: Column) -> Column:
    """gross / (1 + rate/100) to the cent, half away from zero, in integer arithmetic.

    Integer cents make the result exact and identical in any SQL engine (DuckDB turns decimal
    division into a double), so the differential test can compare to the cent.
    """
    cents = (gross * 100).cast("long")
    basis = (vat_rate * 100).cast("long") + 10_000  # 1 + rate, in hundredths of a percent
    numerator = F.abs(cents) * 20_000 + basis
    denominator = basis * 2
    # Exact integer quotient: the difference is a multiple of the denominator, far below 2**53.
    quotient = ((numerator - F.pmod(numerator, denominator)) / denominator).cast("long")
    net_cents = F.signum(cents).cast("long") * quotient
    return (net_cents.cast("decimal(18,0)") / F.lit(100)).cast("decimal(12,2)")
