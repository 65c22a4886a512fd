"""`onrecord eval polnear` through the real command line, on a two-article split written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli.main import _register, app
from onrecord.errors import EvalError

ARTICLES = {
    "one": (
        '"We will rebuild the bridge by spring," Mayor Elena Marsh said on Monday.',
        "T1\tContent 1 37\tWe will rebuild the bridge by spring\n"
        "T2\tSource 40 57\tMayor Elena Marsh\nT3\tCue 58 62\tsaid\nT4\tAttribution 58 62\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n",
    ),
    "two": (
        "The plan was criticized as reckless.",
        "T1\tContent 0 8\tThe plan\nT2\tCue 9 26\twas criticized as\n"
        "T3\tAttribution-no-source 9 26\twas criticized as\nE1\tAttribution-no-source:T3 Content:T1 Cue:T2\n",
    ),
}
KEYS = {
    "attribution",
    "content_exact",
    "content_overlap",
    "source_exact",
    "source_overlap",
    "cue_exact",
    "cue_overlap",
    "articles_per_second",
    "words_per_second",
}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


@pytest.fixture
def split(polnear_split) -> Path:
    return polnear_split("dev", ARTICLES, annotator="ab12", date="2016-09-12")


def test_json_has_the_issue_keys_and_the_gold_counts(runner: CliRunner, split: Path) -> None:
    result = runner.invoke(app, ["eval", "polnear", str(split), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= KEYS
    assert set(report["attribution"]) == {"p", "r", "f1", "tp", "pred", "gold"}
    assert (report["attribution"]["gold"], report["gold_excluded"]) == (1, 1)
    assert (report["content_exact"]["gold"], report["source_exact"]["gold"], report["cue_exact"]["gold"]) == (
        2,
        1,
        2,
    )
    assert (report["articles"], report["words"]) == (2, 19)


def test_limit_and_table(runner: CliRunner, split: Path) -> None:
    result = runner.invoke(app, ["eval", "polnear", str(split), "--limit", "1"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "1 articles, 13 words" in lines[0]
    assert [line.split()[0] for line in lines[2:9]] == [
        "attribution",
        "content_exact",
        "content_overlap",
        "source_exact",
        "source_overlap",
        "cue_exact",
        "cue_overlap",
    ]


def test_bootstrap_adds_an_interval_per_f1(runner: CliRunner, split: Path) -> None:
    result = runner.invoke(app, ["eval", "polnear", str(split), "--json", "--bootstrap", "200"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    intervals = report["f1_intervals"]
    assert set(intervals) == {
        name for name, value in report.items() if isinstance(value, dict) and "f1" in value
    }
    for name, (low, high) in intervals.items():
        assert low <= report[name]["f1"] <= high
    table = runner.invoke(app, ["eval", "polnear", str(split), "--bootstrap", "200"]).stdout.splitlines()
    assert table[1].endswith("F1 95% interval")
    assert all("-" in line.split()[-1] for line in table[2:9])


def test_missing_metadata_names_the_option(runner: CliRunner, split: Path) -> None:
    (split.parent / "metadata.tsv").unlink()
    result = runner.invoke(app, ["eval", "polnear", str(split)])
    assert isinstance(result.exception, EvalError)
    assert "--metadata" in str(result.exception)


def test_agreement_scores_a_second_annotators_file(runner: CliRunner, split: Path) -> None:
    # A second annotator of "one" who marked the same source and cue but only half of the quote.
    second = ARTICLES["one"][1].replace(
        "Content 1 37\tWe will rebuild the bridge by spring", "Content 1 19\tWe will rebuild the"
    )
    (split / "attributions" / "one_cd34.ann").write_text(second, encoding="utf-8")
    result = runner.invoke(app, ["eval", "polnear-agreement", str(split)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "1 articles annotated more than once, 1 other files scored, 1 other annotators" in lines[0]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2:9]}
    assert rows["attribution"][:3] == ["1.000", "1.000", "1.000"]
    assert rows["content_exact"][:3] == ["0.000", "0.000", "0.000"]
    assert lines[-1].split() == ["cd34", "1", "1.000", "1.000", "1.000", "1.000"]
    report = json.loads(runner.invoke(app, ["eval", "polnear-agreement", str(split), "--json"]).stdout)
    assert (report["pairs"], list(report["by_annotator"])) == (1, ["cd34"])


def test_agreement_without_second_files_says_where_they_are(runner: CliRunner, split: Path) -> None:
    result = runner.invoke(app, ["eval", "polnear-agreement", str(split)])
    assert isinstance(result.exception, EvalError)
    assert "has more than one annotation file" in str(result.exception)


def test_errors_file_lists_what_the_table_counts(runner: CliRunner, split: Path, tmp_path: Path) -> None:
    path = tmp_path / "errors.jsonl"
    # A gold attribution nothing in the text supports: the extraction must miss it.
    with (split / "attributions" / "two_ab12.ann").open("a", encoding="utf-8") as ann:
        ann.write("T4\tSource 0 8\tThe plan\nT5\tCue 9 26\twas criticized as\nT6\tContent 27 35\treckless\n")
        ann.write("T7\tAttribution 9 26\twas criticized as\nE2\tAttribution:T7 Source:T4 Cue:T5 Content:T6\n")
    result = runner.invoke(app, ["eval", "polnear", str(split), "--json", "--errors", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    attribution = report["attribution"]
    assert sum(r["kind"] == "missed" for r in rows) == attribution["gold"] - attribution["tp"]
    assert sum(r["kind"] == "extra" for r in rows) == attribution["pred"] - attribution["tp"]
    assert all(r["article"] in ARTICLES for r in rows)
    assert {
        "article": "two",
        "kind": "missed",
        "source": ["The plan"],
        "content": ["reckless"],
    }.items() <= next(r for r in rows if r["kind"] == "missed").items()


def test_errors_file_that_cannot_be_written_names_the_option(runner: CliRunner, split: Path) -> None:
    result = runner.invoke(app, ["eval", "polnear", str(split), "--errors", str(split / "no" / "such.jsonl")])
    assert isinstance(result.exception, EvalError)
    assert "--errors" in str(result.exception)
