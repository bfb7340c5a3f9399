"""The portal's task definition agrees with the Dockerfile it runs (issue 13).

The runtime stage is read with Docker's own parser (scripts/smoke/dockerfile_runtime.py, the same
reader the production smoke test assembles the image tree with); the task definition from
modules/portal. Command, health check, user, port, the read-only root file system with its scratch
volumes, the migration command and the CA bundle path must match, so neither can drift alone.
"""

import re

import pytest

from infra.tests.estate import REPO
from scripts.smoke.dockerfile_runtime import runtime_stage


@pytest.fixture(scope="module")
def image():
    return runtime_stage(str(REPO / "Dockerfile"))


@pytest.fixture(scope="module")
def portal(modules):
    return modules["portal"]


@pytest.fixture(scope="module")
def container(portal) -> str:
    return portal.resource("aws_ecs_task_definition", "this").body["container_definitions"]


def test_the_task_runs_the_images_command_as_its_user(image, portal, container):
    assert portal.locals["server_command"] == image["cmd"]
    assert portal.locals["container_user"] == image["user"]
    assert "user = local.container_user" in container
    assert "command = local.server_command" in container
    uid = image["user"].split(":")[0]
    assert uid.isdigit() and uid != "0", "the image runs as a numeric, non-root user"


def test_the_health_check_is_the_images(image, portal, container):
    assert portal.locals["health_command"] == image["healthcheck"]["test"]
    flags = {
        "interval": "interval",
        "timeout": "timeout",
        "startPeriod": "start-period",
        "retries": "retries",
    }
    for key, flag in flags.items():
        match = re.search(rf"\b{key} = (\d+)", container)
        assert match, f"healthCheck.{key} missing"
        assert match.group(1) == image["healthcheck"][flag].rstrip("s"), key


def test_the_port_is_the_one_the_image_serves_and_checks(image, portal):
    port = str(portal.locals["container_port"])
    assert image["env"]["PORT"] == port
    assert f"127.0.0.1:{port}/api/health" in image["healthcheck"]["test"][-1]


def test_the_root_file_system_is_read_only_with_scratch_only_where_next_writes(portal, container):
    assert "readonlyRootFilesystem = true" in container
    assert portal.variables["writable_paths"]["default"] == ["/tmp", "/app/.next/cache"]


def test_the_migration_task_runs_the_images_migration_command(image, portal):
    assert portal.locals["migrate_command"] == image["migrate"]
    assert any(c["dest"].rstrip("/") == "./" + image["migrate"][1].rsplit("/", 1)[0] for c in image["copies"])


def test_the_ca_bundle_is_where_node_is_told_to_find_it(image, portal):
    path = portal.variables["database_ca_bundle_path"]["default"]
    assert image["workdir"] == "/app"
    copied = {image["workdir"] + c["dest"].removeprefix(".") for c in image["copies"]}
    assert path in copied
