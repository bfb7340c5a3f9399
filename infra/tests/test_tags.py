"""Every taggable resource carries project and environment (provider default_tags) and its module."""

import pytest

# Resource types the AWS provider cannot tag; every other type must set tags.
NOT_TAGGABLE = {
    "aws_cloudwatch_log_stream",
    "aws_ec2_client_vpn_authorization_rule",
    "aws_ec2_client_vpn_network_association",
    "aws_emr_security_configuration",
    "aws_iam_role_policy",
    "aws_iam_role_policy_attachment",
    "aws_kms_alias",
    "aws_route",
    "aws_route_table_association",
    "aws_s3_bucket_lifecycle_configuration",
    "aws_s3_bucket_logging",
    "aws_s3_bucket_ownership_controls",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_versioning",
    "aws_secretsmanager_secret_version",
    "aws_sns_topic_policy",
    "aws_sns_topic_subscription",
    "random_password",
}


@pytest.mark.parametrize("env", ["dev", "prod"])
def test_env_provider_tags_project_and_environment(estate, env):
    (aws,) = [body for name, body in estate[f"envs/{env}"].providers if name == "aws"]
    tags = aws["default_tags"][0]["tags"]
    assert tags["Project"] == "builditall"
    assert tags["Environment"] == "${local.environment}"
    assert estate[f"envs/{env}"].locals["environment"] == env


def test_bootstrap_provider_tags_project_and_environment(estate):
    (aws,) = [body for name, body in estate["bootstrap"].providers if name == "aws"]
    assert {"Project", "Environment"} <= set(aws["default_tags"][0]["tags"])


def test_every_taggable_resource_sets_tags_from_its_module(estate):
    untagged = []
    for name, tf in estate.items():
        for block in tf.resources():
            if block.labels[0] in NOT_TAGGABLE:
                assert "tags" not in block.body, (
                    f"{name}: {block.address} cannot take tags; update NOT_TAGGABLE"
                )
                continue
            tags = str(block.body.get("tags", ""))
            if "local.tags" not in tags and "var.tags" not in tags:
                untagged.append(f"{name}: {block.address}")
    assert not untagged, f"resources without module tags: {untagged}"


def test_module_tags_name_the_module(modules):
    for name, tf in modules.items():
        if name == "bucket":  # takes its caller's tags
            continue
        assert tf.locals["tags"] == f'${{merge(var.tags, {{Module = "{name}"}})}}', name
