"""Figures of the local Airflow: DAG parse time, start time, idle memory, CLI call time, trigger to
success, stop time. Prints a table; asserts nothing.

    .venv/bin/python scripts/airflow/bench.py [--port 18080]

It starts and stops its own local Airflow (scripts/airflow/local.sh) with its state and lake in a
temporary folder, so it never touches a running .platform/airflow.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LOCAL = REPO / "scripts" / "airflow" / "local.sh"
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
COMPONENTS = ("api-server", "scheduler", "dag-processor")


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout


def parse_figures() -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
        env.update(
            AIRFLOW_HOME=home,
            AIRFLOW__CORE__LOAD_EXAMPLES="False",
            AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:////nonexistent-dir/unreachable/airflow.db",
        )
        _, out = timed(
            [sys.executable, str(REPO / "dags" / "tests" / "parse_report.py"), str(REPO / "dags")], env
        )
    return json.loads(out.splitlines()[-1].split(" ", 1)[1])


def group_pss_mib(state: Path) -> tuple[float, int]:
    """Proportional set size of every process in the components' process groups."""
    groups = {int((state / "run" / f"{c}.pid").read_text()) for c in COMPONENTS}
    total_kib, count = 0, 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) not in groups:
                continue
            rollup = (entry / "smaps_rollup").read_text()
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
        total_kib += next(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
        count += 1
    return total_kib / 1024, count


def cli_env(base: dict[str, str]) -> dict[str, str]:
    env = dict(base)
    for line in subprocess.run(
        [str(LOCAL), "env"], env=base, capture_output=True, text=True, check=True
    ).stdout.split():
        key, value = line.split("=", 1)
        env[key] = value
    return env


def trigger_to_success(env: dict[str, str]) -> float:
    started = time.perf_counter()
    _, out = timed([AIRFLOW, "dags", "trigger", "simple_addition", "-o", "json"], env)
    run_id = json.loads(out)[0]["dag_run_id"]
    while time.perf_counter() - started < 300:
        _, out = timed([AIRFLOW, "dags", "list-runs", "simple_addition", "-o", "json"], env)
        state = next(r["state"] for r in json.loads(out) if r["run_id"] == run_id)
        if state in ("success", "failed"):
            return time.perf_counter() - started if state == "success" else float("nan")
        time.sleep(1)
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18080, help="API server port for the run")
    args = parser.parse_args()
    rows = []
    report = parse_figures()
    rows.append(("import errors with the DB unreachable", str(len(report["import_errors"]))))
    rows.append(("import of airflow (s)", f"{report['airflow_import_seconds']:.2f}"))
    for name, stat in report["files"].items():
        rows.append(
            (
                f"parse {name}, first / cached imports (s)",
                f"{stat['cold_seconds']:.3f} / {report['warm_files'][name]:.3f}",
            )
        )
    scratch = Path(tempfile.mkdtemp(prefix="airflow-bench-"))
    env = dict(
        os.environ,
        AIRFLOW_PORT=str(args.port),
        AIRFLOW_STATE_DIR=str(scratch / "airflow"),
        LAKE_URI=f"file://{scratch / 'lake'}",
    )
    seconds, _ = timed([str(LOCAL), "start"], env)
    rows.append(("start to healthy, fresh state (s)", f"{seconds:.1f}"))
    try:
        time.sleep(15)  # let the components settle to idle
        pss, count = group_pss_mib(scratch / "airflow")
        rows.append((f"idle memory, PSS of {count} processes (MiB)", f"{pss:.0f}"))
        cli = cli_env(env)
        calls = [timed([AIRFLOW, "dags", "list", "-o", "json"], cli)[0] for _ in range(3)]
        rows.append(("CLI call `dags list -o json`, min / max (s)", f"{min(calls):.2f} / {max(calls):.2f}"))
        rows.append(("trigger simple_addition to success (s)", f"{trigger_to_success(cli):.1f}"))
    finally:
        seconds, _ = timed([str(LOCAL), "stop"], env)
        rows.append(("stop, every process group (s)", f"{seconds:.1f}"))
        shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
