"""`onrecord extract` and `onrecord schema` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli.extract_cmd import extraction_schema
from onrecord.cli.main import _register, app

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def test_committed_schema_matches_the_records() -> None:
    committed = (ROOT / "docs" / "extraction.schema.json").read_text(encoding="utf-8")
    assert committed == extraction_schema(), "regenerate with: onrecord schema > docs/extraction.schema.json"


def test_extract_prints_one_object_per_article_with_the_documented_keys(runner, tmp_path) -> None:
    (tmp_path / "a.txt").write_text(
        'date 2024-05-14\n"We will rebuild the bridge by spring," Mayor Elena Marsh said.\n', encoding="utf-8"
    )
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "Nothing was said here."}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    first = lines[0]
    assert set(first) == {"article", "entities", "statements", "events"}
    assert set(first["article"]) == {
        "id", "source", "url", "title", "date", "outlet", "language", "text", "cited_sources", "related",
    }  # fmt: skip
    assert first["article"]["date"] == "2024-05-14"
    (statement,) = first["statements"]
    assert set(statement) == {"id", "speaker", "cue", "content", "kind", "date"}
    assert statement["speaker"]["name"] == "Elena Marsh"
    assert lines[1]["article"]["source"] == "b1"
    assert lines[1]["statements"] == []


def test_bad_input_is_reported_and_the_rest_processed(runner, tmp_path) -> None:
    (tmp_path / "good.txt").write_text("Senator Ada Park said that the vote was delayed.\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\n{not json\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 2  # good.txt and the valid JSONL line
    assert "line 2 of" in result.stderr and "bad.jsonl" in result.stderr
    assert "1 of 3 inputs failed" in result.stderr


@pytest.mark.parametrize("where", ["missing/out.jsonl", "."])
def test_an_output_that_cannot_be_written_is_an_error_before_any_work(runner, tmp_path, where) -> None:
    (tmp_path / "a.txt").write_text("Mayor Elena Marsh said the bridge would open.", encoding="utf-8")
    target = tmp_path / where
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write {target} (")
    assert "give --output a file in a folder that exists" in result.stderr
