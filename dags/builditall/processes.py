"""Detached processes that outlive the task starting them, and how they are stopped.

Each is started in a session of its own (so a task ending does not take it down) and recognised
later by its pid *and* a marker in its command line, so a recycled pid is never signalled.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def start_detached(argv: Sequence[str], log: Path, env: Mapping[str, str], cwd: Path) -> int:
    """Starts argv in a new session, output to log, in cwd (where whatever it drops lands)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
        )
    return process.pid


def is_running(pid: int | None, marker: str) -> bool:
    if not pid:
        return False
    _reap(pid)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return marker in cmdline and state != "Z"


def stop_group(pid: int | None, marker: str, grace_seconds: float = 15.0) -> bool:
    """SIGTERM to the process's group, SIGKILL after the grace period; True if it was running."""
    if not is_running(pid, marker):
        return False
    _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline:
        if not is_running(pid, marker):
            return True
        time.sleep(0.2)
    _signal_group(pid, signal.SIGKILL)
    time.sleep(0.2)
    _reap(pid)
    return True


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)


def _reap(pid: int) -> None:
    # A child of this very process (dag.test runs every task in one process) stays a zombie
    # until waited for; any other pid is not ours to wait for.
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
