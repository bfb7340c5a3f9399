"""Platform settings, resolved inside a running task from Airflow Variables or the environment.

Each setting is looked up as an Airflow Variable first (which also covers `AIRFLOW_VAR_<KEY>`),
then as the plain environment variable `<KEY>` upper-cased, then its default. Values are
validated here so a wrong Variable fails the first task with a message naming it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TARGETS = ("local", "aws")
DEFAULT_BUCKET = "builditall-lake"
REPO_ROOT = Path(__file__).resolve().parents[2]
# Scale used when a run's conf does not set one: small locally, the full data set on AWS.
DEFAULT_SCALE = {"local": 0.01, "aws": 1.0}

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_SUBNET = re.compile(r"^subnet-[0-9a-f]{8,17}$")
_SECURITY_GROUP = re.compile(r"^sg-[0-9a-f]{8,17}$")
_IAM_NAME = re.compile(r"^[\w+=,.@-]{1,128}$")
_CONN_ID = re.compile(r"^[\w.-]{1,250}$")

Lookup = Callable[[str], "str | None"]


class SettingsError(ValueError):
    """A Variable or environment value is missing or invalid."""


@dataclass(frozen=True)
class PlatformSettings:
    target: str
    bucket: str
    lake_uri: str
    repo_root: Path
    default_scale: float
    aws_conn_id: str = "aws_default"
    emr_subnet_ids: tuple[str, ...] = ()
    emr_service_role: str = ""
    emr_instance_profile: str = ""
    emr_security_configuration: str | None = None
    # EMR-managed security groups Terraform made for the private subnets; without them EMR would
    # create default ones, which the least-privilege service role may not.
    emr_primary_security_group_id: str = ""
    emr_core_security_group_id: str = ""
    emr_service_access_security_group_id: str = ""

    @property
    def lake_path(self) -> Path:
        """The lake's directory (local target only)."""
        if not self.lake_uri.startswith("file://"):
            raise SettingsError(f"lake {self.lake_uri} is not a local directory")
        return Path(self.lake_uri.removeprefix("file://"))


def airflow_lookup(key: str) -> str | None:
    """Variable, then environment; only callable inside a running task."""
    from airflow.sdk import Variable

    value = Variable.get(key, default=None)
    return value if value not in (None, "") else os.environ.get(key.upper()) or None


def resolve(lookup: Lookup = airflow_lookup) -> PlatformSettings:
    target = (lookup("platform_target") or "local").strip().lower()
    if target not in TARGETS:
        raise SettingsError(f"platform_target must be one of {TARGETS}, got {target!r}")
    bucket = (lookup("lake_bucket") or DEFAULT_BUCKET).strip()
    if not _BUCKET.match(bucket):
        raise SettingsError(f"lake_bucket {bucket!r} is not a valid bucket name")
    repo_root = Path(lookup("platform_repo_root") or REPO_ROOT).resolve()
    lake_uri = _lake_uri(target, bucket, repo_root, lookup("lake_uri"))
    scale = _scale(lookup("pipeline_scale"), DEFAULT_SCALE[target])
    if target == "local":
        return PlatformSettings(target, bucket, lake_uri, repo_root, scale)
    return PlatformSettings(
        target,
        bucket,
        lake_uri,
        repo_root,
        scale,
        aws_conn_id=_matching("aws_conn_id", lookup("aws_conn_id") or "aws_default", _CONN_ID),
        emr_subnet_ids=_subnets(lookup("emr_subnet_ids")),
        emr_service_role=_matching("emr_service_role", lookup("emr_service_role"), _IAM_NAME),
        emr_instance_profile=_matching("emr_instance_profile", lookup("emr_instance_profile"), _IAM_NAME),
        emr_security_configuration=lookup("emr_security_configuration"),
        emr_primary_security_group_id=_security_group("emr_primary_security_group_id", lookup),
        emr_core_security_group_id=_security_group("emr_core_security_group_id", lookup),
        emr_service_access_security_group_id=_security_group("emr_service_access_security_group_id", lookup),
    )


def _lake_uri(target: str, bucket: str, repo_root: Path, given: str | None) -> str:
    if target == "aws":
        uri = given or f"s3://{bucket}"
        if uri.rstrip("/") != f"s3://{bucket}":
            raise SettingsError(f"on aws the lake must be s3://{bucket}, got {uri!r}")
        return f"s3://{bucket}"
    uri = given or f"file://{repo_root / '.platform' / 'lake' / bucket}"
    if not uri.startswith("file:///"):
        raise SettingsError(f"a local lake must be an absolute file:// URI, got {uri!r}")
    path = Path(uri.removeprefix("file://"))
    if ".." in path.parts:
        raise SettingsError(f"lake_uri {uri!r} must not contain '..'")
    return f"file://{path}"


def _scale(raw: str | None, default: float) -> float:
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"pipeline_scale must be a number, got {raw!r}") from None
    if not 0 < value <= 100:
        raise SettingsError(f"pipeline_scale must be in (0, 100], got {value}")
    return value


def _subnets(raw: str | None) -> tuple[str, ...]:
    subnets = tuple(s.strip() for s in (raw or "").split(",") if s.strip())
    if not subnets:
        raise SettingsError("emr_subnet_ids is required on aws (comma-separated private subnet ids)")
    for subnet in subnets:
        _matching("emr_subnet_ids", subnet, _SUBNET)
    return subnets


def _security_group(name: str, lookup: Lookup) -> str:
    return _matching(name, lookup(name), _SECURITY_GROUP)


def _matching(name: str, value: str | None, pattern: re.Pattern[str]) -> str:
    if not value:
        raise SettingsError(f"{name} is required on aws")
    if not pattern.match(value):
        raise SettingsError(f"{name} {value!r} is not valid")
    return value
