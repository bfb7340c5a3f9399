"""dags/params.json, the DAGs' Params the portal's trigger form is built from, is what the DAG
code declares now (scripts/dag-params.py writes it)."""

from __future__ import annotations

import importlib.util
import json

from conftest import REPO

SCRIPT = REPO / "scripts" / "dag-params.py"


def generator():
    spec = importlib.util.spec_from_file_location("dag_params", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_params_file_matches_the_dags(dags):
    script = generator()
    expected = script.render(dags)
    assert script.OUTPUT.read_text() == expected, f"dags/params.json is stale: run {script.REGENERATE}"


def test_every_dag_is_in_the_params_file_even_without_params(dags):
    listed = json.loads((REPO / "dags" / "params.json").read_text())
    assert sorted(listed) == sorted(dags)
    assert listed["simple_addition"] == {}
    assert listed["big_data_pipeline"]["seed"] == {
        "default": 42,
        "description": "Seed of the synthetic data",
        "schema": {"minimum": 0, "type": "integer"},
    }
