"""Parses a DAG folder with DagBag and prints one JSON line: DAG ids, import errors, per-file times.

Run in a subprocess whose environment points Airflow at an unreachable metadata database
(the DagBag tests, and scripts/airflow/bench.py for the parse-time figures):
`python dags/tests/parse_report.py <dag folder>`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPORT_PREFIX = "PARSE_REPORT "


def main(argv: list[str]) -> int:
    folder = Path(argv[0]).resolve()
    sys.path.insert(0, str(folder))  # as the dag processor does with the bundle root
    started = time.perf_counter()
    from airflow.models.dagbag import DagBag

    imported = time.perf_counter()
    cold = DagBag(str(folder), include_examples=False)
    parsed = time.perf_counter()
    warm = DagBag(str(folder), include_examples=False)  # modules cached, as in a running processor
    report = {
        "dag_ids": sorted(cold.dag_ids),
        "import_errors": cold.import_errors,
        "airflow_import_seconds": round(imported - started, 3),
        "cold_parse_seconds": round(parsed - imported, 3),
        "files": {
            Path(stat.file).name: {"cold_seconds": stat.duration.total_seconds(), "tasks": stat.task_num}
            for stat in cold.dagbag_stats
        },
        "warm_files": {Path(s.file).name: s.duration.total_seconds() for s in warm.dagbag_stats},
    }
    print(REPORT_PREFIX + json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
