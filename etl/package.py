"""Build etl.zip, the package spark-submit ships with --py-files: `python -m etl.package --out etl.zip`.

Deterministic (sorted entries, fixed timestamps and modes): the same sources give the same bytes, so
CI can tell whether the copy in the bucket is current. Tests and the DuckDB reference stay out.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import zipfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
NOT_SHIPPED = {"tests", "reference", "__pycache__"}
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can record

log = logging.getLogger("etl.package")


def shipped_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if not NOT_SHIPPED.intersection(path.relative_to(PACKAGE).parts)
    )


def build(out: Path) -> str:
    """Write the zip (atomically) and return its sha256."""
    if out.suffix != ".zip":
        raise ValueError(f"output must end in .zip: {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for path in shipped_files():
            entry = zipfile.ZipInfo(f"etl/{path.relative_to(PACKAGE).as_posix()}", date_time=EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    tmp.replace(out)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m etl.package", description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", required=True, type=Path, help="path of the zip to write (…/etl.zip)")
    args = parser.parse_args(argv)
    try:
        digest = build(args.out)
    except (OSError, ValueError) as error:
        log.error("could not build %s: %s", args.out, error)
        return 1
    log.info("wrote %s (%d modules, sha256 %s)", args.out, len(shipped_files()), digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
