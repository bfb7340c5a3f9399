"""Deterministic random draws as Spark column expressions (no Python UDF, no driver loop)."""

from __future__ import annotations

import math

from pyspark.sql import Column
from pyspark.sql import functions as F

_MANTISSA = (1 << 53) - 1


def uniform(seed: int, purpose: str, *keys: Column) -> Column:
    """A uniform double in [0, 1) from a 64-bit hash of the seed, the purpose and the row's key."""
    bits = F.xxhash64(F.lit(seed), F.lit(purpose), *keys).bitwiseAND(F.lit(_MANTISSA))
    return bits.cast("double") / float(1 << 53)


def chance(seed: int, purpose: str, probability: float, *keys: Column) -> Column:
    """True for about `probability` of the rows."""
    return uniform(seed, purpose, *keys) < probability


def below(seed: int, purpose: str, n: int | Column, *keys: Column) -> Column:
    """A uniform integer in [0, n)."""
    return F.floor(uniform(seed, purpose, *keys) * n).cast("int")


def pareto_int(seed: int, purpose: str, alpha: float, cap: int, *keys: Column) -> Column:
    """Heavy-tailed integer >= 1 (Pareto with minimum 1), capped: basket sizes, pages per visit."""
    u = uniform(seed, purpose, *keys)
    return F.least(F.floor(F.pow(1.0 - u, -1.0 / alpha)), F.lit(cap)).cast("int")


def zipf_rank(seed: int, purpose: str, n: int, *keys: Column) -> Column:
    """A rank in [1, n] with P(rank <= k) = log k / log n: Zipf-like (s ~ 1) popularity."""
    return F.least(F.floor(F.pow(F.lit(float(n)), uniform(seed, purpose, *keys))), F.lit(n)).cast("int")


def normal(seed: int, purpose: str, *keys: Column) -> Column:
    """A standard normal draw (Box-Muller on two uniforms)."""
    u1 = F.lit(1.0) - uniform(seed, purpose + ":1", *keys)
    u2 = uniform(seed, purpose + ":2", *keys)
    return F.sqrt(F.log(u1) * -2.0) * F.cos(u2 * (2 * math.pi))


def pick(values: list, index: Column) -> Column:
    """values[index] for a 0-based integer column."""
    return F.element_at(F.array(*[F.lit(v) for v in values]), index + 1)
