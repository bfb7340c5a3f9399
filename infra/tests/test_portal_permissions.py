"""The portal's task role allows exactly what its AWS adapters call: read from the TypeScript source."""

import json
import re

import pytest

from infra.tests.estate import REPO

# SDK command (or helper) -> the IAM action it needs. A command missing here fails the test below:
# add it, with its action, and grant the action in modules/portal/main.tf.
ACTIONS = {
    "GetBucketVersioningCommand": "s3:GetBucketVersioning",
    "ListObjectVersionsCommand": "s3:ListBucketVersions",
    "ListObjectsV2Command": "s3:ListBucket",
    "HeadBucketCommand": "s3:ListBucket",
    "HeadObjectCommand": "s3:GetObject",
    "GetObjectCommand": "s3:GetObject",
    "PutObjectCommand": "s3:PutObject",
    "Upload": "s3:PutObject",  # @aws-sdk/lib-storage: PutObject or multipart (same action)
    "DeleteObjectCommand": "s3:DeleteObject",
    "ListClustersCommand": "elasticmapreduce:ListClusters",
    "DescribeClusterCommand": "elasticmapreduce:DescribeCluster",
    "ListStepsCommand": "elasticmapreduce:ListSteps",
    "ListInstanceGroupsCommand": "elasticmapreduce:ListInstanceGroups",
    "ListInstanceFleetsCommand": "elasticmapreduce:ListInstanceFleets",
    "TerminateJobFlowsCommand": "elasticmapreduce:TerminateJobFlows",
    "GetMetricDataCommand": "cloudwatch:GetMetricData",
    "GetLogEventsCommand": "logs:GetLogEvents",
    "DescribeLogGroupsCommand": "logs:DescribeLogGroups",
    "ListMetricsCommand": "cloudwatch:ListMetrics",
    "DescribeAlarmsCommand": "cloudwatch:DescribeAlarms",
    "DescribeBudgetCommand": "budgets:ViewBudget",
    "DescribeNotificationsForBudgetCommand": "budgets:ViewBudget",
    "CreateCliTokenCommand": "airflow:CreateCliToken",
    "GetCostAndUsageCommand": "ce:GetCostAndUsage",
}
# Granted ahead of a caller, on purpose (see the comment in modules/portal/main.tf).
AHEAD = {"ce:GetCostAndUsage", "s3:AbortMultipartUpload"}
SDK_IMPORT = re.compile(r'from "@aws-sdk/(client-[\w-]+|lib-storage)"')


def adapter_sources():
    for path in sorted((REPO / "lib").rglob("*.ts")):
        if ".test." in path.name or "testing" in path.parts or "generated" in path.parts:
            continue
        text = path.read_text()
        if SDK_IMPORT.search(text):
            yield path, text


def called_commands() -> dict[str, str]:
    calls = {}
    for path, text in adapter_sources():
        for command in re.findall(r"new (\w+Command|Upload)\(", text):
            calls[command] = path.relative_to(REPO).as_posix()
    return calls


def granted(modules) -> dict[str, list[str]]:
    (document,) = [
        b for b in modules["portal"].blocks("data") if b.labels == ("aws_iam_policy_document", "task")
    ]
    return {s["sid"]: s for s in document.body["statement"]}


def test_portal_adapters_are_found():
    calls = called_commands()
    assert "CreateCliTokenCommand" in calls and "GetObjectCommand" in calls, calls


def test_every_call_of_the_portal_is_known():
    unknown = {c: where for c, where in called_commands().items() if c not in ACTIONS}
    assert not unknown, f"map these SDK calls to IAM actions in ACTIONS and grant them: {unknown}"


def test_task_role_grants_exactly_what_the_portal_calls(modules):
    needed = {ACTIONS[c] for c in called_commands() if c in ACTIONS}
    allowed = {a for s in granted(modules).values() for a in s["actions"] if not a.startswith("kms:")}
    assert needed <= allowed, f"missing from the task role: {sorted(needed - allowed)}"
    assert allowed - needed <= AHEAD, f"granted but never called: {sorted(allowed - needed - AHEAD)}"


def test_uploads_are_granted_only_under_the_portals_upload_prefix(modules):
    contract = (REPO / "lib" / "api" / "contracts" / "lake.ts").read_text()
    (prefix,) = re.findall(r'export const UPLOAD_PREFIX = "([^"]+)"', contract)
    upload = granted(modules)["LakeUploadToRaw"]
    assert upload["resources"] == f'${{[for arn in local.lake_arns : "${{arn}}/{prefix}*"]}}'


def test_cluster_calls_are_limited_to_the_platforms_tag(modules):
    """The IAM condition, the portal's adapter filter and the DAGs' tag name the same key and value."""
    adapter = (REPO / "lib" / "platform" / "clusters" / "aws.ts").read_text()
    ((key, value),) = re.findall(r'PLATFORM_TAG = \{ key: "([^"]+)", value: "([^"]+)" \}', adapter)
    dags = (REPO / "dags" / "builditall" / "clusters.py").read_text()
    assert f'"{key}": "{value}"' in dags
    (condition,) = granted(modules)["WatchAndTerminateClusters"]["condition"]
    assert condition == {"test": "StringEquals", "variable": f"aws:ResourceTag/{key}", "values": [value]}


@pytest.mark.parametrize(
    "sid", ["WatchAndTerminateClusters", "AirflowCli", "AirflowTaskLogs", "EstateAlarms", "EstateBudget"]
)
def test_resource_scoped_calls_name_this_account_and_environment(modules, sid):
    resources = json.dumps(granted(modules)[sid]["resources"])
    assert "local.account_id" in resources or "local.mwaa_arn" in resources


def test_the_portal_reads_the_estates_own_alarms_and_budget(modules, estate):
    """The names the portal is given are the monitoring module's, and the budget grant is that one budget."""
    environment = modules["portal"].locals["environment"]
    assert environment["ALARM_NAME_PREFIX"] == "${var.alarm_name_prefix}"
    assert environment["BUDGET_NAME"] == "${var.budget_name}"
    call = estate["envs/shared"].module_calls["portal"].body
    assert call["alarm_name_prefix"] == "${module.monitoring.alarm_name_prefix}"
    assert call["budget_name"] == "${module.monitoring.budget_name}"
    monitoring = modules["monitoring"]
    alarms = monitoring.resources("aws_cloudwatch_metric_alarm")
    assert alarms and all(b.body["alarm_name"].startswith("${local.alarm_prefix}") for b in alarms)
    assert granted(modules)["EstateBudget"]["resources"] == [
        "arn:${local.partition}:budgets::${local.account_id}:budget/${var.budget_name}"
    ]
