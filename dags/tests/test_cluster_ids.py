"""The cluster id rule, on the examples the portal's test (lib/platform/clusters/port.test.ts) checks too."""

from __future__ import annotations

import json

import pytest
from builditall.cluster_record import ClusterRecord, is_cluster_id, new_id
from conftest import REPO

EXAMPLES = json.loads((REPO / "dags" / "tests" / "cluster_ids.json").read_text())


@pytest.mark.parametrize("text", EXAMPLES["valid"])
def test_a_cluster_id(text, tmp_path):
    assert is_cluster_id(text)
    assert ClusterRecord(tmp_path, text).path.name == f"{text}.json"


@pytest.mark.parametrize("text", EXAMPLES["invalid"])
def test_not_a_cluster_id(text, tmp_path):
    assert not is_cluster_id(text)
    with pytest.raises(ValueError, match="is not a cluster id"):
        ClusterRecord(tmp_path, text)


def test_new_ids_follow_the_rule():
    assert all(is_cluster_id(new_id("j-")) for _ in range(100))
