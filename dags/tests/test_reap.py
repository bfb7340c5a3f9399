"""scripts/reap.py: after a hard kill, the processes that carry the estate's marker are stopped,
each in a session of its own as Airflow's components and the local Spark daemons run; a process
of another estate, and the caller itself, are left alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REAP = Path(__file__).resolve().parents[2] / "scripts" / "reap.py"


def detached(marker: str, script: str) -> subprocess.Popen:
    env = {**os.environ, "AIRFLOW_HOME": marker}
    return subprocess.Popen(["bash", "-c", script], env=env, start_new_session=True)


def test_stops_the_estates_leftovers_only(tmp_path):
    home = str(tmp_path / "airflow")
    ours = detached(home, "exec sleep 120")
    stubborn = detached(home, "trap '' TERM; sleep 120 & wait")  # ignores SIGTERM: killed after the grace
    other = detached(home + "-other", "exec sleep 120")
    try:
        result = subprocess.run(
            [sys.executable, str(REAP), f"AIRFLOW_HOME={home}", "--grace", "1"],
            env={**os.environ, "AIRFLOW_HOME": home},  # the caller carries the marker too, and is spared
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        assert ours.wait(timeout=10) != 0
        assert stubborn.wait(timeout=10) != 0
        assert other.poll() is None
        assert f"of AIRFLOW_HOME={home}:" in result.stdout
    finally:
        for process in (ours, stubborn, other):
            process.kill()
            process.wait()


def test_open_files_find_a_process_whose_environment_was_blanked(tmp_path):
    # Airflow's components set their title, which blanks their environment; their stdout is a log
    # under the state folder. `env -i` starts one with no environment at all, writing there.
    home = tmp_path / "airflow"
    (home / "logs").mkdir(parents=True)
    with open(home / "logs" / "scheduler.log", "w") as log:
        titled = subprocess.Popen(["env", "-i", "sleep", "120"], stdout=log, start_new_session=True)
    try:
        marker = f"AIRFLOW_HOME={home}"
        reap = [sys.executable, str(REAP), marker, "--grace", "1"]
        subprocess.run(reap, check=True, timeout=30)
        assert titled.poll() is None  # without --open-files: not recognised
        subprocess.run([*reap, "--open-files"], check=True, timeout=30)
        assert titled.wait(timeout=10) != 0
    finally:
        titled.kill()
        titled.wait()


def test_refuses_a_marker_that_is_not_an_absolute_path():
    argv = [sys.executable, str(REAP), "PLATFORM_HOME=.platform"]
    result = subprocess.run(argv, capture_output=True, text=True)
    assert result.returncode != 0
    assert "NAME=/absolute/path" in result.stderr
