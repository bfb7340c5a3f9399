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


def test_refuses_a_marker_that_is_not_an_absolute_path():
    argv = [sys.executable, str(REAP), "PLATFORM_HOME=.platform"]
    result = subprocess.run(argv, capture_output=True, text=True)
    assert result.returncode != 0
    assert "NAME=/absolute/path" in result.stderr
