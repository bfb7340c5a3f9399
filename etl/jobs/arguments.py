"""Argument types shared by the jobs: each rejects a bad value with a message argparse prints."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from etl.errors import EtlError
from etl.lake import parse_lake_uri

AIRFLOW_ID = re.compile(r"[A-Za-z0-9_.-]{1,250}")
RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+-]{0,199}")
MAX_SCALE = 100.0


def lake_uri(value: str) -> str:
    try:
        return parse_lake_uri(value)
    except EtlError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def date(value: str) -> dt.date:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a calendar date: {value!r} ({error})") from None


def scale(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"scale must be a number, got {value!r}") from None
    if not 0 < number <= MAX_SCALE:
        raise argparse.ArgumentTypeError(f"scale must be in (0, {MAX_SCALE:g}], got {value}")
    return number


def seed(value: str) -> int:
    if not re.fullmatch(r"\d{1,18}", value):
        raise argparse.ArgumentTypeError(f"seed must be a non-negative integer, got {value!r}")
    return int(value)


def run_id(value: str) -> str:
    """Airflow run ids (manual__2025-01-01T00:00:00+00:00) pass; path separators and spaces do not."""
    if not RUN_ID.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"run id must be 1-200 characters of letters, digits and . _ : + -, got {value!r}"
        )
    return value


def airflow_id(value: str) -> str:
    """DAG and task ids as Airflow allows them: letters, digits, _ . - (task groups add dots)."""
    if not AIRFLOW_ID.fullmatch(value):
        raise argparse.ArgumentTypeError(f"expected an Airflow id (letters, digits, _ . -), got {value!r}")
    return value


def try_number(value: str) -> int:
    if not re.fullmatch(r"\d{1,4}", value) or int(value) < 1:
        raise argparse.ArgumentTypeError(f"try number must be a positive integer, got {value!r}")
    return int(value)


def date_range(start: dt.date, end: dt.date | None, max_days: int = 3660) -> list[dt.date]:
    """Every date from start to end inclusive; end defaults to start."""
    end = end or start
    if end < start:
        raise EtlError(f"end date {end} is before start date {start}")
    days = (end - start).days + 1
    if days > max_days:
        raise EtlError(f"date range of {days} days is longer than the limit of {max_days}")
    return [start + dt.timedelta(days=n) for n in range(days)]
