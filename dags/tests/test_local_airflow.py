"""scripts/airflow/local.sh on a fresh state folder: starts, listens on loopback only, runs a
triggered DAG through the real scheduler and executor, and stops every process it started."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import AIRFLOW, PLATFORM_KEYS, PYTHON, REPO, closed_port

LOCAL = str(REPO / "scripts" / "airflow" / "local.sh")
COMPONENTS = ("api-server", "scheduler", "dag-processor")


def group_pids(groups: set[int]) -> set[int]:
    """Live (not zombie) processes of these process groups."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(stat[2]) in groups and stat[0] != "Z":  # fields after the name: state, ppid, pgrp
                pids.add(int(entry.name))
    return pids


def listening_addresses(pids: set[int]) -> set[str]:
    """Local addresses of the TCP sockets these processes listen on (from /proc/net)."""
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except (FileNotFoundError, PermissionError, ProcessLookupError):
            continue
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                addresses.add(_address(fields[1].split(":")[0]))
    return addresses


def _address(hex_ip: str) -> str:
    raw = bytes.fromhex(hex_ip)
    if len(raw) == 4:
        return ".".join(str(b) for b in reversed(raw))
    words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]  # /proc stores each 32-bit word host-ordered
    flat = b"".join(words)
    if flat[:12] == b"\0" * 10 + b"\xff\xff":
        return ".".join(str(b) for b in flat[12:])  # IPv4-mapped
    return flat.hex()


@pytest.fixture(scope="module")
def local_airflow(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("local_airflow")
    env = {k: v for k, v in os.environ.items() if not k.startswith(PLATFORM_KEYS)}
    env.update(
        AIRFLOW_PORT=str(closed_port()),
        AIRFLOW_STATE_DIR=str(tmp_path / "airflow"),
        LAKE_URI=f"file://{tmp_path / 'lake'}",
    )
    started = subprocess.run([LOCAL, "start"], env=env, capture_output=True, text=True, timeout=300)
    state = tmp_path / "airflow"
    groups = {
        int((state / "run" / f"{c}.pid").read_text())
        for c in COMPONENTS
        if (state / "run" / f"{c}.pid").exists()
    }
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        yield env, groups, started.stdout
    finally:
        stopped = subprocess.run([LOCAL, "stop"], env=env, capture_output=True, text=True, timeout=120)
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        assert group_pids(groups) == set(), "processes left after stop"


def cli_env(env: dict[str, str]) -> dict[str, str]:
    """The environment the portal gives an Airflow CLI call (`local.sh env`)."""
    lines = subprocess.run([LOCAL, "env"], env=env, capture_output=True, text=True, check=True).stdout.split()
    return {**env, **dict(line.split("=", 1) for line in lines)}


def cli(env: dict[str, str], *args: str) -> list | dict:
    done = subprocess.run(
        [AIRFLOW, *args, "-o", "json"], env=cli_env(env), capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_local_airflow_listens_on_loopback_runs_a_triggered_dag_and_stops_cleanly(local_airflow):
    env, groups, output = local_airflow
    assert "ready in" in output
    assert listening_addresses(group_pids(groups)) == {"127.0.0.1"}
    dags = {d["dag_id"]: d for d in cli(env, "dags", "list")}
    assert set(dags) == {"simple_addition", "big_data_pipeline"}
    assert all(d["is_paused"] in (False, "False") for d in dags.values())
    run_id = cli(env, "dags", "trigger", "simple_addition")[0]["dag_run_id"]
    deadline = time.monotonic() + 180
    while True:
        run = next(r for r in cli(env, "dags", "list-runs", "simple_addition") if r["run_id"] == run_id)
        if run["state"] in ("success", "failed") or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert run["state"] == "success"
    states = {
        t["task_id"]: t["state"] for t in cli(env, "tasks", "states-for-dag-run", "simple_addition", run_id)
    }
    assert states == {"start": "success", "addition_task": "success", "end": "success"}


def test_local_airflow_cli_waits_for_the_sqlite_write_lock(local_airflow, tmp_path):
    """A CLI call waits a minute for the lock, even in a transaction that opens with a savepoint.

    The probe runs Airflow's own engine on a scratch file: a nested transaction reads, another
    connection writes meanwhile, then the transaction writes. Plain SQLite fails that write at
    once with "database is locked" (what `backfill create` met on a loaded machine).
    """
    env, _, _ = local_airflow
    probe = """
import threading
from sqlalchemy import text
from airflow import settings
from airflow.utils.session import create_session

with settings.engine.begin() as c:
    print(c.exec_driver_sql("PRAGMA busy_timeout").scalar())
    c.exec_driver_sql("CREATE TABLE probe (writer TEXT)")

def other_writer():
    with settings.engine.begin() as c:
        c.exec_driver_sql("INSERT INTO probe VALUES ('other')")

with create_session() as session, session.begin_nested():
    session.execute(text("SELECT count(*) FROM probe")).all()
    writer = threading.Thread(target=other_writer)
    writer.start()
    writer.join(timeout=5)  # plain SQLite lets it commit now; with the fix it waits for this one
    session.execute(text("INSERT INTO probe VALUES ('nested')"))
writer.join()
with settings.engine.connect() as c:
    print(",".join(w for (w,) in c.exec_driver_sql("SELECT writer FROM probe ORDER BY rowid")))
"""
    scratch = {"AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp_path / 'probe.db'}"}
    done = subprocess.run(
        [PYTHON, "-c", probe], env={**cli_env(env), **scratch}, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split()[-2:] == ["60000", "nested,other"]
