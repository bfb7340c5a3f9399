"""Stops the processes a hard-killed estate left behind: `python scripts/reap.py NAME=VALUE`.

Every process of an estate inherits the variable that names its home (up.sh exports
PLATFORM_HOME, local.sh exports AIRFLOW_HOME): Airflow's components, its executor workers and task
processes, the local Spark masters, workers and step runners those tasks start, the portal's CLI
calls. So a process whose environment holds exactly NAME=VALUE belongs to that estate, whatever
pid files a kill or an `rm -rf` lost, and a process of another estate (another value) is never
touched. Airflow's own processes blank their environment when they set their title; with
--open-files, a process holding a file open under VALUE (Airflow's logs are its components'
stdout, its database) is taken too — for an Airflow state folder, never for a PLATFORM_HOME,
which may hold another estate's home (.platform/e2e). This process and its ancestors (the script
that calls it) are spared. SIGTERM to each, SIGKILL after the grace period to whatever is left.
Prints what it stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from pathlib import Path


def ancestors(pid: int) -> set[int]:
    chain = set()
    while pid > 1 and pid not in chain:
        chain.add(pid)
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            break
        # The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return chain


def opens_under(entry: Path, home: str) -> bool:
    """A file open under the estate's home: Airflow's logs (every component's stdout), its database."""
    for fd in (entry / "fd").iterdir():
        try:
            if os.readlink(fd).startswith(home):
                return True
        except OSError:
            continue
    return False


def holders(marker: bytes, spared: set[int], open_files: bool) -> dict[int, str]:
    home = marker.decode().partition("=")[2].rstrip("/") + "/"
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in spared:
            continue
        try:
            # Airflow's processes set their title (setproctitle), which blanks /proc/<pid>/environ:
            # those are known by what they hold open.
            inherited = marker in (entry / "environ").read_bytes().split(b"\0")
            if not inherited and not (open_files and opens_under(entry, home)):
                continue
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue  # a zombie holds nothing; its parent reaps it
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue  # gone meanwhile, or not ours to read
        found[int(entry.name)] = command
    return found


def reap(marker: str, grace_seconds: float, open_files: bool = False) -> list[str]:
    name, sep, value = marker.partition("=")
    if not sep or not name or not value.startswith("/"):
        raise SystemExit(f"reap: expected NAME=/absolute/path, got {marker!r}")
    target = marker.encode()
    spared = ancestors(os.getpid())
    left = holders(target, spared, open_files)
    stopped = [f"{pid} {command[:120]}" for pid, command in sorted(left.items())]
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = {pid: c for pid, c in holders(target, spared, open_files).items() if pid in left}
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/reap.py")
    parser.add_argument("marker", help="NAME=/absolute/path, a variable every process of the estate inherits")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds between SIGTERM and SIGKILL")
    parser.add_argument("--open-files", action="store_true", help="also a process holding a file under VALUE")
    args = parser.parse_args(argv)
    stopped = reap(args.marker, args.grace, args.open_files)
    if stopped:
        print(f"stopped {len(stopped)} leftover process(es) of {args.marker}:")
        for line in stopped:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
