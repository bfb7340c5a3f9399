"""The quality report: one JSON document per run, under <lake>/quality/date=<day>/<run-id>.json."""

from __future__ import annotations

import datetime as dt

from etl.quality.checks import CRITICAL, CheckResult

FORMAT_VERSION = 1


def build(run_id: str, lake_root: str, start: dt.date, end: dt.date, results: list[CheckResult]) -> dict:
    failed = [x for x in results if x.status == "failed"]
    critical = [x for x in failed if x.severity == CRITICAL]
    return {
        "format_version": FORMAT_VERSION,
        "run_id": run_id,
        "lake": lake_root,
        "date": start.isoformat(),
        "end_date": end.isoformat(),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "status": "failed" if critical else "passed",
        "summary": {
            "checks": len(results),
            "passed": len(results) - len(failed),
            "failed_critical": len(critical),
            "failed_warning": len(failed) - len(critical),
        },
        "checks": [x.as_dict() for x in results],
    }
