"""Databases, clusters, Airflow and the portal stay off the internet, encrypted, and recoverable."""

import re

from infra.tests.estate import REPO


def test_rds_is_private_encrypted_and_keeps_its_password_out_of_state(modules):
    db = modules["rds"].resource("aws_db_instance", "this").body
    assert db["publicly_accessible"] is False
    assert db["storage_encrypted"] is True
    assert db["manage_master_user_password"] is True and "password" not in db
    assert db["performance_insights_enabled"] is True
    assert db["backup_retention_period"] == "${var.backup_retention_days}"
    assert db["deletion_protection"] == "${var.deletion_protection}"
    assert db["db_subnet_group_name"] == "${aws_db_subnet_group.this.name}"


def test_envs_put_rds_and_emr_in_private_subnets(estate):
    composition = estate["envs/dev"]
    assert composition.module_calls["rds"].body["subnet_ids"] == "${module.network.private_subnet_ids}"
    mwaa = composition.module_calls["mwaa"].body
    assert mwaa["subnet_ids"] == "${module.network.private_subnet_ids}"
    assert mwaa["airflow_variables"]["emr_subnet_ids"] == '${join(",", module.network.private_subnet_ids)}'
    assert "public_subnet_ids" not in composition.text()


def test_prod_protects_what_cannot_be_rebuilt(estate):
    prod = estate["envs/prod"].locals["settings"]
    assert prod["deletion_protection"] is True
    assert prod["rds_multi_az"] is True
    assert prod["zone_redundancy"] is True  # NAT gateways, endpoints and VPN in both zones
    assert prod["portal_desired_count"] >= 2
    assert prod["force_destroy_buckets"] is False
    calls = estate["envs/prod"].module_calls
    assert calls["rds"].body["deletion_protection"] == "${local.settings.deletion_protection}"
    assert calls["portal"].body["deletion_protection"] == "${local.settings.deletion_protection}"
    assert calls["lake"].body["force_destroy"] == "${local.settings.force_destroy_buckets}"


def test_mwaa_web_server_is_private_and_logs_everything(modules):
    env = modules["mwaa"].resource("aws_mwaa_environment", "this").body
    assert env["webserver_access_mode"] == "PRIVATE_ONLY"
    logging = env["logging_configuration"][0]
    assert {k for k, v in logging.items() if v[0]["enabled"] is True} == {
        "dag_processing_logs",
        "scheduler_logs",
        "task_logs",
        "webserver_logs",
        "worker_logs",
    }


def test_mwaa_runs_the_airflow_pinned_in_the_python_lock(modules, estate):
    lock = (REPO / "requirements.lock").read_text()
    (pinned,) = re.findall(r"^apache-airflow==([\d.]+)", lock, flags=re.MULTILINE)
    assert modules["mwaa"].variables["airflow_version"]["default"] == pinned
    assert (
        modules["mwaa"].resource("aws_mwaa_environment", "this").body["airflow_version"]
        == "${var.airflow_version}"
    )
    for name, tf in estate.items():
        for call in tf.module_calls.values():
            assert "airflow_version" not in call.body, f"{name} overrides the pinned Airflow version"


def test_emr_encrypts_at_rest_and_in_transit(modules):
    config = modules["emr"].resource("aws_emr_security_configuration", "this").body["configuration"]
    for setting in (
        "EnableAtRestEncryption = true",
        "EnableInTransitEncryption = true",
        "EnableEbsEncryption = true",
    ):
        assert setting in config
    assert "MinimumInstanceMetadataServiceVersion = 2" in config


def test_emr_nodes_write_only_their_prefixes(modules):
    emr = modules["emr"]
    assert emr.variables["write_prefixes"]["default"] == ["raw", "curated", "marts", "quality", "logs"]
    assert "etl" not in emr.variables["write_prefixes"]["default"]  # jobs never rewrite their own code
    assert "dags" not in emr.variables["read_prefixes"]["default"]


def test_portal_tasks_run_private_read_only_and_behind_tls(modules):
    portal = modules["portal"]
    service = portal.resource("aws_ecs_service", "this").body
    assert service["network_configuration"][0]["assign_public_ip"] is False
    assert (
        "readonlyRootFilesystem = true"
        in portal.resource("aws_ecs_task_definition", "this").body["container_definitions"]
    )
    listener = portal.resource("aws_lb_listener", "https").body
    assert listener["protocol"] == "HTTPS" and listener["ssl_policy"].startswith("ELBSecurityPolicy-TLS13")
    assert portal.resource("aws_lb_target_group", "this").body["health_check"][0]["path"] == "/api/health"


def test_portal_gets_every_variable_lib_env_requires_in_aws_mode(modules):
    locals_ = modules["portal"].locals
    given = set(locals_["environment"]) | set(locals_["secrets"])
    env_ts = (REPO / "lib" / "env" / "schema.ts").read_text()
    required = {
        "PLATFORM_MODE",
        "AWS_REGION",
        "LAKE_BUCKETS",
        "MWAA_ENVIRONMENT",
        "DATABASE_URL",
        "NEXTAUTH_URL",
        "NEXTAUTH_SECRET",
        "OIDC_ISSUER",
        "OIDC_CLIENT_ID",
        "OIDC_CLIENT_SECRET",
    }
    assert required <= given
    for name in required:
        assert name in env_ts, f"lib/env/schema.ts no longer reads {name}; update the portal module"
    assert locals_["environment"]["PLATFORM_MODE"] == "aws"


def test_secrets_reach_the_portal_only_through_secrets_manager(modules):
    secrets = modules["portal"].locals["secrets"]
    expected = {"NEXTAUTH_SECRET", "OIDC_CLIENT_SECRET", "LINEAGE_API_KEY", "PGUSER", "PGPASSWORD"}
    assert set(secrets) == expected
    environment = modules["portal"].locals["environment"]
    assert not any("secret" in str(v).lower() or "password" in str(v).lower() for v in environment.values())
    assert "@" not in environment["DATABASE_URL"]  # no credentials in the URL


def test_sensitive_inputs_are_marked(estate):
    for name, tf in estate.items():
        for var, body in tf.variables.items():
            if "private_key" in str(body.get("type", "")):
                assert body.get("sensitive") is True, f"{name}: {var}"
