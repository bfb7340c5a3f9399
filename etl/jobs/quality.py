"""Check the curated data and marts of a day (or range) and write a JSON report to quality/.

Exits non-zero when any critical check fails, after writing the report, so the DAG run fails
and the portal can still show why.
"""

from __future__ import annotations

import argparse
import json
import logging

from etl import lineage
from etl.errors import EtlError
from etl.jobs import arguments
from etl.lake import Lake
from etl.quality import report
from etl.quality.checks import CheckResult
from etl.quality.suite import run_all
from etl.schemas import MARTS

log = logging.getLogger("etl.quality")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=arguments.date, required=True, help="first day to check")
    parser.add_argument("--end-date", type=arguments.date, help="last day to check (default: --date)")
    parser.add_argument("--run-id", type=arguments.run_id, required=True, help="names the report file")


def validate(args: argparse.Namespace) -> None:
    arguments.date_range(args.date, args.end_date)


def dataset_uri(lake: Lake, name: str) -> str:
    """The dataset a check's `dataset` names: a mart, else a curated dataset."""
    return lake.mart(name) if name in MARTS else lake.curated(name)


def assertion(lake: Lake, x: CheckResult) -> lineage.Assertion:
    return lineage.Assertion(
        dataset=lineage.dataset_name(lake, dataset_uri(lake, x.dataset)),
        check=x.check,
        severity=x.severity,
        success=x.status == "passed",
        expected=json.dumps(x.expected, default=str),
        actual=json.dumps(x.observed, default=str),
        description=x.message,
    )


def run(lake: Lake, args: argparse.Namespace) -> None:
    end = args.end_date or args.date
    log.info("checking %s to %s in %s (run %s)", args.date, end, lake.root, args.run_id)
    results = run_all(lake, args.date, end)
    lineage.read(*sorted({dataset_uri(lake, x.dataset) for x in results}))
    lineage.checked([assertion(lake, x) for x in results])
    for x in results:
        level = logging.INFO if x.status == "passed" else logging.WARNING
        log.log(level, "%s %s.%s [%s]: observed %s", x.status, x.dataset, x.check, x.severity, x.observed)
    document = report.build(args.run_id, lake.root, args.date, end, results)
    uri = lake.quality_report(args.date.isoformat(), args.run_id)
    lake.write_json(uri, document)
    # The report as a dataset: one row per check, its partition the day checked.
    size = sum(length for _, _, length in lake.glob(uri))
    partition = lineage.Partition(f"date={args.date}", len(results), size)
    lineage.wrote(lake.path("quality"), len(results), (size, 1), [partition])
    log.info("wrote %s: %s", uri, document["summary"])
    if document["status"] == "failed":
        failed = [
            f"{x.dataset}.{x.check}" for x in results if x.status == "failed" and x.severity == "critical"
        ]
        raise EtlError(f"{len(failed)} critical check(s) failed: {', '.join(failed)}")
