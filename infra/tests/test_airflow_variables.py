"""The Variables Terraform gives MWAA are the ones the DAGs read, so none is set for nothing."""

import re

from infra.tests.estate import REPO

BUILDITALL = REPO / "dags" / "builditall"


def variables_the_dags_read() -> set[str]:
    settings = (BUILDITALL / "settings.py").read_text()
    notify = (BUILDITALL / "notify.py").read_text()
    return set(re.findall(r'(?:lookup|_security_group)\("([a-z_]+)"', settings)) | set(
        re.findall(r"var\.value\.get\('([a-z_]+)'", notify)
    )


def test_every_variable_mwaa_gets_is_read_by_the_dags(estate):
    read = variables_the_dags_read()
    assert {"emr_subnet_ids", "emr_service_access_security_group_id", "alert_emails"} <= read
    for env in ("envs/dev", "envs/prod"):
        given = set(estate[env].module_calls["mwaa"].body["airflow_variables"])
        assert given - read == set(), f"{env} sets Variables no DAG reads"
