"""Writes dags/params.json: every DAG's declared Params (default, description, JSON schema).

The portal builds its trigger form from this file and checks a conf against it before anything is
sent (docs/pipelines.md, "Params"). No Airflow CLI command that MWAA accepts prints a DAG's
Params, and the portal never calls Airflow on a page view, so they come from the DAG code of the
same repository version, checked in like a lock file; dags/tests/test_params_file.py fails when
the file is stale.

Usage: .venv/bin/python scripts/dag-params.py [--check]   (--check: exit 1 if the file is stale)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DAGS = REPO / "dags"
OUTPUT = DAGS / "params.json"
REGENERATE = ".venv/bin/python scripts/dag-params.py"


def render(dags: dict[str, Any]) -> str:
    """The file's text for the parsed DAGs (DagBag.dags): Airflow's own dump of each Param."""
    params = {}
    for dag_id, dag in dags.items():
        params[dag_id] = {}
        for name, param in dag.params.items():
            dumped = param.dump()  # a Param without a default dumps it as None, as Airflow does
            params[dag_id][name] = {
                "default": dumped["value"],
                "description": dumped["description"],
                "schema": dumped["schema"],
            }
    return json.dumps(params, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="airflow-params-") as home:
        # Parsing needs no metadata database; an unreachable one proves it, as in dags/tests.
        os.environ.update(
            AIRFLOW_HOME=home,
            AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
            AIRFLOW__CORE__LOAD_EXAMPLES="False",
            AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/unreachable/airflow.db",
        )
        sys.path.insert(0, str(DAGS))  # as the dag processor does with the bundle root
        from airflow.models.dagbag import DagBag

        bag = DagBag(str(DAGS), include_examples=False)
        if bag.import_errors:
            print(f"DAG import errors: {json.dumps(bag.import_errors, indent=2)}", file=sys.stderr)
            return 1
        text = render(bag.dags)
    current = OUTPUT.read_text() if OUTPUT.exists() else None
    if argv == ["--check"]:
        if current != text:
            print(f"{OUTPUT.relative_to(REPO)} is stale: run {REGENERATE}", file=sys.stderr)
            return 1
        return 0
    if current != text:
        OUTPUT.write_text(text)
        print(f"wrote {OUTPUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
