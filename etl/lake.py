"""The lake: one root URI and the layout under it, read and written through Hadoop's FileSystem.

Going through Hadoop (not the local disk) keeps one code path for file:// here and s3:// on EMR.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import StructType

from etl.errors import EtlError, MissingInput

SCHEMES = ("file", "s3", "s3a")
# One Hadoop FileStatus as its toString() writes it (FileStatus, LocatedFileStatus, S3AFileStatus).
FILE_STATUS = re.compile(r"path=([^;]+); isDirectory=(true|false)(?:; length=(\d+))?")


def parse_lake_uri(value: str) -> str:
    """Normalise a lake root: an absolute local path becomes file://; only file, s3 and s3a are allowed."""
    if value.startswith("/"):
        value = Path(value).as_uri()
    scheme, sep, rest = value.partition("://")
    if not sep or scheme not in SCHEMES:
        raise EtlError(f"lake URI must start with one of {', '.join(s + '://' for s in SCHEMES)}: {value!r}")
    rest = rest.rstrip("/")
    if not rest or ".." in rest.split("/"):
        raise EtlError(f"lake URI has no bucket or directory, or climbs with '..': {value!r}")
    return f"{scheme}://{rest}"


@dataclass(frozen=True)
class Lake:
    root: str
    spark: SparkSession

    def path(self, *parts: str) -> str:
        return "/".join((self.root, *parts))

    def raw(self, dataset: str) -> str:
        return self.path("raw", dataset)

    def curated(self, dataset: str) -> str:
        return self.path("curated", dataset)

    def rejects(self, dataset: str) -> str:
        return self.path("curated", "_rejects", dataset)

    def mart(self, name: str) -> str:
        return self.path("marts", name)

    @property
    def manifest(self) -> str:
        return self.path("raw", "_manifest.json")

    def quality_report(self, date: str, run_id: str) -> str:
        """Hadoop paths cannot hold ':' (Airflow run ids do): it becomes '_' in the file name only."""
        return self.path("quality", f"date={date}", f"{run_id.replace(':', '_')}.json")

    # Hadoop FileSystem access (driver side, metadata and small JSON files only).
    def filesystem(self, uri: str):
        """(Hadoop FileSystem, Path) for a URI under the lake."""
        jvm = self.spark.sparkContext._jvm
        path = jvm.org.apache.hadoop.fs.Path(uri)
        return path.getFileSystem(self.spark.sparkContext._jsc.hadoopConfiguration()), path

    def exists(self, uri: str) -> bool:
        fs, path = self.filesystem(uri)
        return bool(fs.exists(path))

    def glob(self, pattern: str) -> list[tuple[str, bool, int]]:
        """(path, is directory, bytes) of what a Hadoop glob matches, in one call to the JVM.

        A call per file (getPath, isDirectory, getLen) costs milliseconds on a busy machine, and a
        dataset of a year has 365 partitions: the statuses come back as one string instead.
        """
        fs, path = self.filesystem(pattern)
        found = fs.globStatus(path)
        if found is None or len(found) == 0:
            return []
        text = self.spark.sparkContext._jvm.org.apache.commons.lang3.ArrayUtils.toString(found)
        return [(match[1], match[2] == "true", int(match[3] or 0)) for match in FILE_STATUS.finditer(text)]

    def partitions(self, uri: str, depth: int = 1) -> list[str]:
        """Partition folders under a dataset ("day=…" or "a=…/b=…" for depth 2), in one listing."""
        return [
            "/".join(path.split("/")[-depth:])
            for path, is_dir, _ in self.glob(uri + "/*" * depth)
            if is_dir and "=" in path.rsplit("/", 1)[-1]
        ]

    def size(self, uri: str, depth: int = 0) -> tuple[int, int]:
        """(bytes, files) of the data files `depth` folders under a directory (not _SUCCESS or .crc)."""
        found = [
            length
            for path, is_dir, length in self.glob(uri + "/*" * (depth + 1))
            if not is_dir and not path.rsplit("/", 1)[-1].startswith(("_", "."))
        ]
        return sum(found), len(found)

    def write_json(self, uri: str, document: dict) -> None:
        """Write to a temporary name, then rename: readers never see half a report."""
        fs, path = self.filesystem(uri)
        jvm = self.spark.sparkContext._jvm
        tmp = jvm.org.apache.hadoop.fs.Path(uri + ".tmp")
        stream = fs.create(tmp, True)
        try:
            stream.write(bytearray(json.dumps(document, indent=2, sort_keys=True).encode()))
        finally:
            stream.close()
        fs.delete(path, False)
        if not fs.rename(tmp, path):
            raise EtlError(f"could not move {uri}.tmp into place")

    def read_json(self, uri: str) -> dict:
        if not self.exists(uri):
            raise MissingInput(f"missing {uri}")
        fs, path = self.filesystem(uri)
        stream = fs.open(path)
        try:
            reader = self.spark.sparkContext._jvm.java.io.InputStreamReader(stream, "UTF-8")
            text = self.spark.sparkContext._jvm.org.apache.commons.io.IOUtils.toString(reader)
        finally:
            stream.close()
        return json.loads(text)

    def read(self, uri: str) -> DataFrame:
        """Read a Parquet dataset, failing with MissingInput (not an analysis error) when it is absent."""
        if not self.exists(uri):
            raise MissingInput(f"missing dataset {uri}")
        return self.spark.read.option("basePath", uri).parquet(uri)

    def read_or_empty(self, uri: str, schema: StructType) -> DataFrame:
        """A dataset that may rightly not exist yet (rejects of a clean run): empty when absent."""
        if self.exists(uri):
            return self.read(uri)
        return self.spark.createDataFrame([], schema)
