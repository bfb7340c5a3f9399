"""The repository's GitHub workflows: pinned actions, keyless AWS access, the agreed steps."""

import re

import pytest
import yaml

from infra.tests.estate import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")


def load(name):
    return yaml.safe_load((WORKFLOWS / name).read_text())


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def commands(workflow) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_action_is_pinned_to_a_full_version(name):
    uses = [step["uses"] for step in steps(load(name)) if "uses" in step]
    assert uses
    assert all(PINNED.match(u) for u in uses), [u for u in uses if not PINNED.match(u)]


def test_checks_lint_python_typescript_and_scan_infra():
    run = commands(load("checks.yml"))
    for command in (
        "ruff check .",
        "ruff format --check .",
        "npm run lint",
        "npm run typecheck",
        "checkov -d infra",
    ):
        assert command in run


def test_sync_assumes_the_ci_role_without_stored_keys():
    workflow = load("sync-lake.yml")
    assert workflow["permissions"] == {"id-token": "write", "contents": "read"}
    (configure,) = [
        s for s in steps(workflow) if s.get("uses", "").startswith("aws-actions/configure-aws-credentials@")
    ]
    assert set(configure["with"]) == {"role-to-assume", "role-session-name", "aws-region"}
    assert "secrets." not in (WORKFLOWS / "sync-lake.yml").read_text()


def test_sync_runs_only_from_the_refs_the_role_trusts(modules):
    workflow = load("sync-lake.yml")
    # PyYAML reads the key `on` as True.
    trigger = workflow[True]
    trusted = modules["ci"].variables["allowed_refs"]["default"]
    assert [f"refs/heads/{b}" for b in trigger["push"]["branches"]] == trusted


def test_sync_writes_only_the_prefixes_the_role_allows(modules):
    run = commands(load("sync-lake.yml"))
    destinations = set(re.findall(r"s3://\$\{BUCKET\}/([\w-]+)/", run))
    assert destinations == set(modules["ci"].variables["sync_prefixes"]["default"]) == {"dags", "etl"}
    assert "python -m etl.package --out dist/etl.zip" in run
    assert "etl/submit.py" in run
    assert '--exclude "requirements.txt"' in run  # MWAA's requirements belong to Terraform


def test_ci_role_trusts_only_this_repository_and_audience(modules):
    (statement,) = [b for b in modules["ci"].blocks("data") if b.labels[1] == "assume"][0].body["statement"]
    conditions = {c["variable"]: c for c in statement["condition"]}
    assert conditions["${local.issuer}:aud"]["values"] == ["sts.amazonaws.com"]
    sub = conditions["${local.issuer}:sub"]
    assert sub["test"] == "StringEquals"  # no wildcards: one repository, named refs
    assert sub["values"] == '${[for ref in var.allowed_refs : "repo:${var.github_repository}:ref:${ref}"]}'


def test_deploy_scans_migrates_then_rolls_through_the_deploy_role(modules):
    workflow = load("deploy.yml")
    assert workflow["permissions"] == {"id-token": "write", "contents": "read"}
    assert "secrets." not in (WORKFLOWS / "deploy.yml").read_text()
    trusted = modules["ci"].variables["allowed_refs"]["default"]
    assert [f"refs/heads/{b}" for b in workflow[True]["push"]["branches"]] == trusted
    run = commands(workflow)
    for command in (
        "--exit-code 1 --severity HIGH,CRITICAL --ignorefile .trivyignore.yaml",
        "--format cyclonedx",
        "docker push",
        "aws ecs run-task",
        "aws ecs wait tasks-stopped",
        "aws ecs update-service",
        "aws ecs wait services-stable",
    ):
        assert command in run, command
    # Migrate before rolling: the order of the steps.
    assert run.index("aws ecs run-task") < run.index("aws ecs update-service")
    assert '"org.builditall.migrate-command"' in run
    assert (REPO / ".trivyignore.yaml").exists()
