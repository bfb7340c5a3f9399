"""The command line: help, refusal of bad input before any work, non-zero exit on missing input."""

from __future__ import annotations

import json

import pytest

from etl.cli import main
from etl.tests.conftest import END

GOOD = {
    "generate": ["--seed", "1", "--scale", "0.01", "--start-date", "2025-12-01", "--end-date", "2025-12-02"],
    "transform": ["--date", "2025-12-01"],
    "quality": ["--date", "2025-12-01", "--run-id", "r1"],
}


@pytest.mark.parametrize("job", list(GOOD))
def test_each_job_has_help(job, capsys):
    assert main([job, "--help"]) == 0
    out = capsys.readouterr().out
    assert "--lake" in out and all(option in out for option in GOOD[job] if option.startswith("--"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["generate", "--lake", "http://example.com/lake", *GOOD["generate"]], "lake URI must start with"),
        (["generate", "--lake", "file:///tmp/../etc", *GOOD["generate"]], "climbs"),
        (["generate", "--lake", "/tmp/x", "--seed", "-1"], "seed must be"),
        (["generate", "--lake", "/tmp/x", "--scale", "0"], "scale must be in"),
        (["generate", "--lake", "/tmp/x", "--scale", "nan"], "scale must be in"),
        (["transform", "--lake", "/tmp/x", "--date", "2025-02-30"], "not a calendar date"),
        (["transform", "--lake", "/tmp/x", "--date", "20251201"], "YYYY-MM-DD"),
        (["quality", "--lake", "/tmp/x", "--date", "2025-12-01", "--run-id", "../../etc/passwd"], "run id"),
        (["quality", "--lake", "/tmp/x", "--date", "2025-12-01"], "--run-id"),
        (["unknown-job", "--lake", "/tmp/x"], "invalid choice"),
    ],
)
def test_bad_arguments_are_refused_with_a_clear_message(argv, message, capsys, tmp_path):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_a_range_that_ends_before_it_starts_is_refused(tmp_path, caplog):
    argv = ["transform", "--lake", tmp_path.as_uri(), "--date", "2025-12-02", "--end-date", "2025-12-01"]
    assert main(argv) == 1
    assert "before start date" in caplog.text
    assert list(tmp_path.iterdir()) == []


def _tree(root):
    """The lake's data: lineage events (logs/) are written on failure too, on purpose."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.relative_to(root).parts[0] != "logs")


def _events(root, job: str) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(root.glob(f"logs/lineage/*/*_{job}_*.json"))]


def test_transform_exits_non_zero_on_missing_input_and_writes_nothing(spark, generated_lake, caplog):
    before = _tree(generated_lake)
    assert main(["transform", "--lake", generated_lake.as_uri(), "--date", "2030-01-01"]) == 1
    assert "raw input missing" in caplog.text
    assert _tree(generated_lake) == before
    failed = [e for e in _events(generated_lake, "transform") if e["eventType"] == "FAIL"]
    assert failed and "raw input missing" in failed[-1]["run"]["facets"]["errorMessage"]["message"]


def test_jobs_exit_non_zero_on_an_empty_lake(spark, tmp_path):
    uri = tmp_path.as_uri()
    assert main(["transform", "--lake", uri, "--date", END.isoformat()]) == 1
    assert main(["quality", "--lake", uri, "--date", END.isoformat(), "--run-id", "r1"]) == 1
    assert _tree(tmp_path) == []
