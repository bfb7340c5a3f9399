"""Command line of the data plane: `etl <job> --lake URI [options]`, one sub-command per job.

Exit status: 0 on success, 1 when the job fails (missing input, failed critical check, Spark error),
2 on invalid arguments. A job never reports success for data it did not write.
"""

from __future__ import annotations

import argparse
import logging
import time

from etl.errors import EtlError
from etl.jobs import arguments, generate, quality, transform
from etl.lake import Lake
from etl.session import spark_session

JOBS = {"generate": generate, "transform": transform, "quality": quality}
log = logging.getLogger("etl")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="etl", description=__doc__.split("\n", 1)[0])
    jobs = parser.add_subparsers(dest="job", required=True, metavar="{generate,transform,quality}")
    for name, job in JOBS.items():
        sub = jobs.add_parser(name, help=job.__doc__.split("\n", 1)[0], description=job.__doc__)
        sub.add_argument(
            "--lake", required=True, type=arguments.lake_uri, help="lake root URI (file://… or s3://…)"
        )
        sub.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
        job.add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and on bad arguments (2)
        return int(exit_.code or 0)
    job = JOBS[args.job]
    started = time.monotonic()
    try:
        job.validate(args)
        spark = spark_session(f"etl-{args.job}", args.master)
        # The JVM and SparkSession start apart from the job's own time (bench/etl prints both).
        log.info("%s: spark session ready in %.1f s", args.job, time.monotonic() - started)
        job_started = time.monotonic()
        job.run(Lake(args.lake, spark), args)
    except EtlError as error:
        log.error("%s failed: %s", args.job, error)
        return 1
    except Exception:
        log.exception("%s failed with an unexpected error", args.job)
        return 1
    ended = time.monotonic()
    log.info("%s succeeded in %.1f s (job %.1f s)", args.job, ended - started, ended - job_started)
    return 0
