"""Benchmark of the data plane: generate + transform + quality on local Spark, DuckDB as reference.

    .venv/bin/python bench/etl/run.py [--scale 1.0] [--keep]

Each job runs as production runs it (spark-submit with etl.zip and submit.py, the local cluster's
Spark settings) in a fresh lake; the script samples the memory of the job's whole process tree
(JVM and Python), splits each job's wall time into start (JVM, SparkSession, stop) and the job
itself, reads Spark's event log for the slowest stages, and prints a table. The DuckDB line writes
the same outputs (curated, rejects, marts; same partitions, Parquet zstd) from the same raw files:
the ratio says how far local Spark is from a single-process engine on this data size.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pyspark

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "dags"))
from builditall.local_spark import LOCAL_SPARK_CONF  # noqa: E402  (the local cluster's settings)

SPARK_SUBMIT = Path(pyspark.__file__).parent / "bin" / "spark-submit"
MIB = 1024 * 1024
ROW = "{:<26} {:>11} {:>8} {:>8} {:>8} {:>11} {:>13} {:>14}"
JOB_TIME = re.compile(r"succeeded in [0-9.]+ s \(job ([0-9.]+) s\)")


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def tree_memory(process: psutil.Process) -> int:
    """Proportional set size of the process tree: pages shared between its processes counted once.

    Plain RSS counted the JVM twice: Hadoop's local file system runs `chmod` for each file it
    writes, spawned from the JVM, and until it execs the child shares the JVM's pages (its RSS is
    the JVM's, 2.4 GiB). A sample taken then doubled the transform's peak (5.0 GiB, seen 12-03).
    """
    total = 0
    for p in [process, *process.children(recursive=True)]:
        # A process may end while we walk the tree.
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += p.memory_full_info().pss
    return total


def run_measured(argv: list[str], log: Path, env: dict | None = None) -> tuple[float, int]:
    """Run argv to completion; return (wall seconds, peak memory (PSS) of its process tree in bytes)."""
    started = time.monotonic()
    with log.open("w") as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env=env)
        watched, peak, done = psutil.Process(child.pid), 0, threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                try:
                    peak = max(peak, tree_memory(watched))
                except psutil.NoSuchProcess:
                    return
                time.sleep(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = child.wait()
        done.set()
        sampler.join()
    wall = time.monotonic() - started
    if code != 0:
        tail = "".join(log.read_text(errors="replace").splitlines(keepends=True)[-30:])
        raise SystemExit(f"{argv[0]} … exited {code}; last lines of {log}:\n{tail}")
    return wall, peak


def job_seconds(log: Path) -> float | None:
    """The job's own time, as etl.cli logs it (without the JVM and SparkSession start)."""
    found = JOB_TIME.search(log.read_text(errors="replace"))
    return float(found.group(1)) if found else None


def slowest_stages(events: Path, top: int = 5) -> tuple[int, int, list[tuple[float, str]]]:
    """(jobs, stages, the `top` slowest stages as (seconds, name)) from one Spark event log."""
    jobs, stages = 0, []
    for line in events.read_text().splitlines():
        event = json.loads(line)
        if event["Event"] == "SparkListenerJobStart":
            jobs += 1
        elif event["Event"] == "SparkListenerStageCompleted":
            info = event["Stage Info"]
            if "Submission Time" in info and "Completion Time" in info:
                seconds = (info["Completion Time"] - info["Submission Time"]) / 1000
                stages.append((seconds, f"{info['Stage ID']}: {info['Stage Name'].split(' at ')[0]}"))
    return jobs, len(stages), sorted(stages, reverse=True)[:top]


def size_of(*paths: Path) -> int:
    return sum(f.stat().st_size for p in paths if p.exists() for f in p.rglob("*") if f.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--start-date", default="2025-01-01")
    parser.add_argument("--end-date", default="2025-12-31")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--driver-memory", default="2g")
    parser.add_argument("--workdir", type=Path, help="where to put the lake (default: a new temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the lake afterwards")
    args = parser.parse_args()
    if not 0 < args.scale <= 100:
        parser.error("--scale must be in (0, 100]")

    work = Path(tempfile.mkdtemp(prefix="etl-bench-", dir=args.workdir))
    lake, prefix, event_logs = work / "lake", work / "etl", work / "events"
    event_logs.mkdir()
    say(f"working in {work}")
    subprocess.run(
        [sys.executable, "-m", "etl.package", "--out", str(prefix / "etl.zip")], cwd=REPO, check=True
    )
    shutil.copy(REPO / "etl" / "submit.py", prefix / "submit.py")

    def submit(*job: str) -> list[str]:
        return [
            str(SPARK_SUBMIT),
            "--master",
            args.master,
            "--driver-memory",
            args.driver_memory,
            *[
                arg
                for key, value in LOCAL_SPARK_CONF.items()
                if not key.startswith("spark.driver.")  # local mode: the driver is the whole engine
                for arg in ("--conf", f"{key}={value}")
            ],
            "--conf",
            "spark.eventLog.enabled=true",
            "--conf",
            f"spark.eventLog.dir={event_logs.as_uri()}",
            "--py-files",
            str(prefix / "etl.zip"),
            str(prefix / "submit.py"),
            *job,
            "--lake",
            lake.as_uri(),
        ]

    days = ["--date", args.start_date, "--end-date", args.end_date]
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    results, stage_reports = [], []
    load_at_start = os.getloadavg()

    def spark_job(name: str, argv: list[str], *outputs: Path) -> None:
        say(name)
        log = work / f"{name}.log"
        seen = set(event_logs.iterdir())
        wall, peak = run_measured(submit(*argv), log, env)
        results.append((f"spark {name}", wall, job_seconds(log), peak, size_of(*outputs)))
        new_logs = sorted(set(event_logs.iterdir()) - seen)
        if new_logs:
            stage_reports.append((name, *slowest_stages(new_logs[-1])))

    try:
        generate = ["--seed", str(args.seed), "--scale", str(args.scale)]
        generate += ["--start-date", args.start_date, "--end-date", args.end_date]
        spark_job("generate", ["generate", *generate], lake / "raw")
        manifest = json.loads((lake / "raw" / "_manifest.json").read_text())
        records = manifest["total_rows"]
        say(f"raw: {records:,} records over {len(manifest['datasets'])} datasets")
        spark_job("transform", ["transform", *days], lake / "curated", lake / "marts")
        spark_job("quality", ["quality", *days, "--run-id", "bench"], lake / "quality")

        say("DuckDB reference: the transform's outputs from the same raw files")
        duck = work / "duckdb"
        reference = [sys.executable, "-m", "etl.reference.duckdb_marts", "--raw", str(lake / "raw"), *days]
        wall, peak = run_measured([*reference, "--out", str(duck)], work / "duckdb.log", env)
        results.append(
            ("duckdb transform (ref.)", wall, wall, peak, size_of(duck / "curated", duck / "marts"))
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(
        f"\nscale {args.scale}, seed {args.seed}, {args.start_date}..{args.end_date}, master {args.master},"
        f" driver {args.driver_memory}, {psutil.cpu_count()} CPUs,"
        f" {psutil.virtual_memory().total / MIB / 1024:.0f} GiB RAM, {records:,} records"
    )
    print(
        ROW.format(
            "job", "records", "wall s", "start s", "job s", "records/s", "peak PSS MiB", "bytes written"
        )
    )
    for name, wall, job, peak, written in results:
        start = "" if job is None else f"{wall - job:.1f}"
        print(
            ROW.format(
                name,
                f"{records:,}",
                f"{wall:.1f}",
                start,
                "" if job is None else f"{job:.1f}",
                f"{records / wall:,.0f}",
                f"{peak / MIB:,.0f}",
                f"{written:,}",
            )
        )
    spark_wall = sum(r[1] for r in results[:3])
    transform, duckdb_wall = results[1], results[3][1]
    print(f"{'spark total':<26} {'':>11} {spark_wall:>8.1f}")
    print(f"transform on Spark / DuckDB writing the same outputs (wall): {transform[1] / duckdb_wall:.1f}x")
    if transform[2] is not None:
        print(f"  the same without Spark's start (job time only): {transform[2] / duckdb_wall:.1f}x")
    for name, jobs, stages, slowest in stage_reports:
        shown = "; ".join(f"{seconds:.1f} s {stage}" for seconds, stage in slowest)
        print(f"{name}: {jobs} Spark jobs, {stages} stages; slowest: {shown}")
    # Figures compare only at similar load: a busy machine multiplies the Spark times.
    print(
        "load average (1, 5, 15 min) at the start: "
        + ", ".join(f"{x:.2f}" for x in load_at_start)
        + "; at the end: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
