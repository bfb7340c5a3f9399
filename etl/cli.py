"""Command line of the data plane: `etl <job> --lake URI [options]`, one sub-command per job.

Exit status: 0 on success, 1 when the job fails (missing input, failed critical check, Spark error),
2 on invalid arguments. A job never reports success for data it did not write.
"""

from __future__ import annotations

import argparse
import logging
import time

from etl import lineage
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
        add_parent_arguments(sub)
        job.add_arguments(sub)
    return parser


def add_parent_arguments(parser: argparse.ArgumentParser) -> None:
    """The Airflow task run that submitted this step: the lineage events' parent run facet."""
    group = parser.add_argument_group("lineage parent (all or none)")
    group.add_argument("--dag-id", type=arguments.airflow_id, help="Airflow DAG id")
    group.add_argument("--dag-run-id", type=arguments.run_id, help="Airflow run id")
    group.add_argument("--task-id", type=arguments.airflow_id, help="Airflow task id that submitted the step")
    group.add_argument("--try-number", type=arguments.try_number, help="that task's try number")


def lineage_parent(args: argparse.Namespace) -> lineage.AirflowTask | None:
    given = [args.dag_id, args.dag_run_id, args.task_id, args.try_number]
    if all(value is None for value in given):
        return None
    if any(value is None for value in given):
        raise EtlError("--dag-id, --dag-run-id, --task-id and --try-number go together")
    return lineage.AirflowTask(args.dag_id, args.dag_run_id, args.task_id, args.try_number)


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
        parent = lineage_parent(args)
    except EtlError as error:
        log.error("%s failed: %s", args.job, error)
        return 1
    run = None
    try:
        spark = spark_session(f"etl-{args.job}", args.master)
        # The JVM and SparkSession start apart from the job's own time (bench/etl prints both).
        log.info("%s: spark session ready in %.1f s", args.job, time.monotonic() - started)
        job_started = time.monotonic()
        lake = Lake(args.lake, spark)
        run = lineage.start(args.job, lake, parent)
        job.run(lake, args)
    except EtlError as error:
        log.error("%s failed: %s", args.job, error)
        if run:
            lineage.finish(run, error)
        return 1
    except Exception as error:
        log.exception("%s failed with an unexpected error", args.job)
        if run:
            lineage.finish(run, error)
        return 1
    lineage.finish(run)
    ended = time.monotonic()
    log.info("%s succeeded in %.1f s (job %.1f s)", args.job, ended - started, ended - job_started)
    return 0
