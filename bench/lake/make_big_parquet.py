"""Writes a Parquet file of at least --min-gb GiB for the preview benchmark (DuckDB, deterministic).

Usage: .venv/bin/python bench/lake/make_big_parquet.py OUT.parquet [--min-gb 1.0]
Hex digests compress poorly, so the file's size follows its row count; DuckDB's default row groups
(122,880 rows) and zstd, as a data engineer would write them.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

ROWS_PER_GIB = 26_000_000  # measured: about 41 bytes per row after zstd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--min-gb", type=float, default=1.0)
    args = parser.parse_args()
    if not 0 < args.min_gb <= 20:
        parser.error("--min-gb must be in (0, 20]")
    rows = int(ROWS_PER_GIB * args.min_gb * 1.1)
    started = time.monotonic()
    print(f"writing {rows:,} rows to {args.out} …", flush=True)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    con.execute(
        f"""
        COPY (
          SELECT i::BIGINT AS id, md5(i::VARCHAR) AS digest, md5((i * 7)::VARCHAR) AS other_digest,
                 hash(i) % 100000 / 100.0 AS amount, (i % 1000)::INTEGER AS shard
          FROM range({rows}) t(i)
        ) TO '{args.out}' (FORMAT parquet, COMPRESSION zstd)
        """
    )
    size = args.out.stat().st_size
    print(f"wrote {size / 2**30:.2f} GiB in {time.monotonic() - started:.0f} s", flush=True)
    if size < args.min_gb * 2**30:
        raise SystemExit(f"the file is smaller than {args.min_gb} GiB: raise ROWS_PER_GIB")


if __name__ == "__main__":
    main()
