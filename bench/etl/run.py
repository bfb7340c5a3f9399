"""Benchmark of the data plane: generate + transform + quality on local Spark, DuckDB as reference.

    .venv/bin/python bench/etl/run.py [--scale 1.0] [--keep]

Each job runs as production runs it (spark-submit with etl.zip and submit.py) in a fresh lake; the
script samples the memory of the job's whole process tree (JVM and Python) and prints a table.
The DuckDB line computes the same marts from the same raw files on one machine: the ratio says how
far local Spark is from a single-process engine on this data size.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
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
SPARK_SUBMIT = Path(pyspark.__file__).parent / "bin" / "spark-submit"
MIB = 1024 * 1024
ROW = "{:<26} {:>11} {:>8} {:>11} {:>13} {:>14}"


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):  # a process may end while we walk the tree
            total += p.memory_info().rss
    return total


def run_measured(argv: list[str], log: Path, env: dict | None = None) -> tuple[float, int]:
    """Run argv to completion; return (wall seconds, peak RSS of its process tree in bytes)."""
    started = time.monotonic()
    with log.open("w") as out:
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env=env)
        watched, peak, done = psutil.Process(child.pid), 0, threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                try:
                    peak = max(peak, tree_rss(watched))
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


def size_of(*paths: Path) -> int:
    return sum(f.stat().st_size for p in paths if p.exists() for f in p.rglob("*") if f.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--start-date", default="2025-01-01")
    parser.add_argument("--end-date", default="2025-12-31")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--workdir", type=Path, help="where to put the lake (default: a new temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the lake afterwards")
    args = parser.parse_args()
    if not 0 < args.scale <= 100:
        parser.error("--scale must be in (0, 100]")

    work = Path(tempfile.mkdtemp(prefix="etl-bench-", dir=args.workdir))
    lake, prefix = work / "lake", work / "etl"
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
            "--conf",
            "spark.ui.enabled=false",
            "--py-files",
            str(prefix / "etl.zip"),
            str(prefix / "submit.py"),
            *job,
            "--lake",
            lake.as_uri(),
        ]

    days = ["--date", args.start_date, "--end-date", args.end_date]
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    results = []
    try:
        say(f"generate at scale {args.scale}")
        wall, peak = run_measured(
            submit(
                "generate",
                "--seed",
                str(args.seed),
                "--scale",
                str(args.scale),
                "--start-date",
                args.start_date,
                "--end-date",
                args.end_date,
            ),
            work / "generate.log",
            env,
        )
        manifest = json.loads((lake / "raw" / "_manifest.json").read_text())
        records = manifest["total_rows"]
        results.append(("spark generate", records, wall, peak, size_of(lake / "raw")))
        say(f"raw: {records:,} records over {len(manifest['datasets'])} datasets")

        say("transform")
        wall, peak = run_measured(submit("transform", *days), work / "transform.log", env)
        results.append(("spark transform", records, wall, peak, size_of(lake / "curated", lake / "marts")))

        say("quality")
        wall, peak = run_measured(submit("quality", *days, "--run-id", "bench"), work / "quality.log", env)
        results.append(("spark quality", records, wall, peak, size_of(lake / "quality")))

        say("DuckDB reference marts")
        reference = [sys.executable, "-m", "etl.reference.duckdb_marts", "--raw", str(lake / "raw"), *days]
        wall, peak = run_measured(reference, work / "duckdb.log", env)
        results.append(("duckdb marts (reference)", records, wall, peak, 0))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(
        f"\nscale {args.scale}, seed {args.seed}, {args.start_date}..{args.end_date}, master {args.master},"
        f" {psutil.cpu_count()} CPUs, {psutil.virtual_memory().total / MIB / 1024:.0f} GiB RAM"
    )
    print(ROW.format("job", "records", "wall s", "records/s", "peak RSS MiB", "bytes written"))
    for name, records, wall, peak, written in results:
        print(
            ROW.format(
                name,
                f"{records:,}",
                f"{wall:.1f}",
                f"{records / wall:,.0f}",
                f"{peak / MIB:,.0f}",
                f"{written:,}",
            )
        )
    spark_wall = sum(r[2] for r in results[:3])
    transform_wall, duckdb_wall = results[1][2], results[3][2]
    print(f"{'spark total':<26} {'':>11} {spark_wall:>8.1f}")
    print(f"transform on Spark / marts on DuckDB (wall): {transform_wall / duckdb_wall:.1f}x")
    # Figures compare only at similar load: a busy machine multiplies the Spark times.
    print("load average at the end (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
