"""Check the curated data and marts of a day (or range) and write a JSON report to quality/.

Exits non-zero when any critical check fails, after writing the report, so the DAG run fails
and the portal can still show why.
"""

from __future__ import annotations

import argparse
import logging

from etl.errors import EtlError
from etl.jobs import arguments
from etl.lake import Lake
from etl.quality import report
from etl.quality.suite import run_all

log = logging.getLogger("etl.quality")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=arguments.date, required=True, help="first day to check")
    parser.add_argument("--end-date", type=arguments.date, help="last day to check (default: --date)")
    parser.add_argument("--run-id", type=arguments.run_id, required=True, help="names the report file")


def validate(args: argparse.Namespace) -> None:
    arguments.date_range(args.date, args.end_date)


def run(lake: Lake, args: argparse.Namespace) -> None:
    end = args.end_date or args.date
    log.info("checking %s to %s in %s (run %s)", args.date, end, lake.root, args.run_id)
    results = run_all(lake, args.date, end)
    for x in results:
        level = logging.INFO if x.status == "passed" else logging.WARNING
        log.log(level, "%s %s.%s [%s]: observed %s", x.status, x.dataset, x.check, x.severity, x.observed)
    document = report.build(args.run_id, lake.root, args.date, end, results)
    uri = lake.quality_report(args.date.isoformat(), args.run_id)
    lake.write_json(uri, document)
    log.info("wrote %s: %s", uri, document["summary"])
    if document["status"] == "failed":
        failed = [
            f"{x.dataset}.{x.check}" for x in results if x.status == "failed" and x.severity == "critical"
        ]
        raise EtlError(f"{len(failed)} critical check(s) failed: {', '.join(failed)}")
