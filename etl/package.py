"""Build etl.zip, the package spark-submit ships with --py-files: `python -m etl.package --out etl.zip`.

Deterministic (sorted entries, fixed timestamps and modes): the same sources give the same bytes, so
CI can tell whether the copy in the bucket is current. Tests and the DuckDB reference stay out.

The zip also carries the jobs' pure-Python dependencies that an EMR cluster lacks (openlineage-python
and what it requires), copied from this interpreter's installed, hash-pinned packages: the cluster
needs no bootstrap action and no route to PyPI, and runs the versions the tests ran.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

PACKAGE = Path(__file__).resolve().parent
NOT_SHIPPED = {"tests", "reference", "__pycache__"}
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can record
VENDORED = ("openlineage-python",)  # with their requirements; pyspark is the cluster's own
# Install records that would be false in the zip (RECORD lists the compiled files left out).
NOT_VENDORED_METADATA = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}

log = logging.getLogger("etl.package")


def shipped_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if not NOT_SHIPPED.intersection(path.relative_to(PACKAGE).parts)
    )


def requirements_closure(names=VENDORED) -> list[metadata.Distribution]:
    """The installed distributions named and, recursively, those they require (no extras)."""
    found: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        dist = metadata.distribution(todo.pop())
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in found:
            continue
        found[key] = dist
        for line in dist.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return [found[key] for key in sorted(found)]


def vendored_files() -> list[tuple[str, Path]]:
    """(entry, file) of the closure: sources, package data and metadata, not compiled extensions
    (zipimport cannot load them; charset_normalizer and PyYAML fall back to their Python code)."""
    entries = []
    for dist in requirements_closure():
        for relative in dist.files or []:
            parts = relative.parts
            if (
                parts[0] == ".."  # console scripts
                or "__pycache__" in parts
                or relative.suffix in (".so", ".pyc")
                or (parts[0].endswith(".dist-info") and relative.name in NOT_VENDORED_METADATA)
            ):
                continue
            entries.append((relative.as_posix(), Path(dist.locate_file(relative))))
    return sorted(entries)


def build(out: Path) -> str:
    """Write the zip (atomically) and return its sha256."""
    if out.suffix != ".zip":
        raise ValueError(f"output must end in .zip: {out}")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    own = [(f"etl/{path.relative_to(PACKAGE).as_posix()}", path) for path in shipped_files()]
    files = own + vendored_files()
    # Folder entries too: zipimport finds a namespace package (openlineage/) only by its folder entry.
    folders = sorted(
        {name.rsplit("/", i)[0] + "/" for name, _ in files for i in range(1, name.count("/") + 1)}
    )
    with zipfile.ZipFile(tmp, "w") as archive:
        for folder in folders:
            entry = zipfile.ZipInfo(folder, date_time=EPOCH)
            entry.external_attr = (0o40755 << 16) | 0x10  # a directory, for zip tools as for zipimport
            archive.writestr(entry, b"")
        for name, path in files:
            entry = zipfile.ZipInfo(name, date_time=EPOCH)
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
    except metadata.PackageNotFoundError as error:
        log.error(
            "could not build %s: %s is not installed (bash scripts/setup.sh installs it)", args.out, error
        )
        return 1
    except (OSError, ValueError) as error:
        log.error("could not build %s: %s", args.out, error)
        return 1
    vendored = ", ".join(f"{d.metadata['Name']} {d.version}" for d in requirements_closure())
    log.info("wrote %s (%d modules and %s; sha256 %s)", args.out, len(shipped_files()), vendored, digest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
