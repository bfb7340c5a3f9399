"""The portal checks a conf as Airflow's Param does: the examples lib/pipelines/params.test.ts also
checks with the portal's Ajv (JSON Schema 2020-12, formats asserted), here with Airflow itself."""

from __future__ import annotations

import json

import pytest
from airflow.sdk.definitions.param import Param, ParamValidationError
from conftest import REPO
from jsonschema.exceptions import SchemaError

EXAMPLES = json.loads((REPO / "dags" / "tests" / "param_examples.json").read_text())["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[json.dumps(e) for e in EXAMPLES])
def test_airflow_agrees(example):
    param = Param(**example["schema"])
    if isinstance(example["valid"], str):  # a schema Draft 2020-12 refuses
        with pytest.raises(SchemaError):
            param.resolve(example["value"])
        return
    try:
        param.resolve(example["value"])
        valid = True
    except ParamValidationError:
        valid = False
    assert valid == example["valid"]
