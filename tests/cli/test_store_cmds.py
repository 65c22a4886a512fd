"""`onrecord ingest | statements | entities | show` through typer's CliRunner on real stores."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from onrecord.cli import store_cmds
from onrecord.model import Article, Extraction, Failure, Span, Speaker, Statement
from onrecord.read import read_paths
from onrecord.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    store_cmds.register(app=app)
    return app


@pytest.fixture
def run(app: typer.Typer, filled_store: Store, store_path: Path):  # noqa: ANN201 (a callable)
    runner = CliRunner()

    def invoke(*args: str):  # noqa: ANN202
        return runner.invoke(app, [*args, "--db", str(store_path)], env={"COLUMNS": "200"})

    return invoke


def test_statements_json_by_speaker_alias_with_diacritics(run, extractions: list[Extraction]) -> None:  # noqa: ANN001
    result = run("statements", "--speaker", "Rütte", "--format", "json")

    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == ["s1", "s2", "t3"]
    expected = extractions[0].statements[0].speaker.span
    assert expected is not None
    assert rows[0]["speaker"]["span"] == expected.model_dump() | {"text": "Rutte"}


def test_statements_table_shows_speaker_and_text(run) -> None:  # noqa: ANN001
    result = run("statements", "--search", "irreversible")

    assert result.exit_code == 0, result.output
    assert "Mark Rutte" in result.stdout
    assert "irreversible" in result.stdout
    assert "1 statements" in result.stdout
    rows = [line for line in result.stdout.splitlines() if "│" in line]
    assert any("Mark Rutte" in line for line in rows)
    cue_line = next(i for i, line in enumerate(rows) if "Mark Rutte" in line) + 1
    assert rows[cue_line].split("│")[2].strip() == "added"  # the cue, under the speaker


def test_statements_csv_has_a_header_and_one_line_per_statement(run) -> None:  # noqa: ANN001
    result = run("statements", "--article", "a-plan", "--format", "csv")

    lines = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0, result.output
    assert [(line["id"], line["speaker"], line["date"]) for line in lines] == [
        ("t1", "Volodymyr Zelenskyy", "2024-09-20"),
        ("t2", "Volodymyr Zelenskyy", "2024-09-20"),
        ("t3", "Rütte", "2024-09-18"),
    ]


def test_statements_limit_says_there_are_more(run) -> None:  # noqa: ANN001
    result = run("statements", "--limit", "2")

    assert result.exit_code == 0, result.output
    assert "2 statements; more with --limit 4 or --limit 0" in result.stdout


def test_statements_with_nothing_matching_says_so(run) -> None:  # noqa: ANN001
    result = run("statements", "--speaker", "nobody")

    assert result.exit_code == 0
    assert "no statements match" in result.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("statements", "--since", "16/10/2024"), 2, "YYYY-MM-DD"),
        (("statements", "--article", "zzz"), 1, "no stored article id starts with 'zzz'"),
        (("statements", "--search", "?!"), 1, "at least one word"),
        (("show", "zzz"), 1, "ingest the article first"),
        (("show", "a-"), 1, "give more characters"),
    ],
)
def test_errors_exit_with_a_message_naming_the_fix(
    run, args: tuple[str, ...], code: int, message: str
) -> None:  # noqa: ANN001
    result = run(*args)

    assert result.exit_code == code
    assert message in result.output


def test_entities_json_by_type(run) -> None:  # noqa: ANN001
    result = run("entities", "--type", "person", "--format", "json")

    rows = json.loads(result.stdout)
    assert [(row["name"], row["statements"]) for row in rows] == [
        ("Mark Rutte", 2),
        ("Volodymyr Zelenskyy", 2),
        ("Rütte", 1),
    ]


def test_entities_by_name_and_limit(run) -> None:  # noqa: ANN001
    named = run("entities", "--name", "zelensky", "--format", "csv")
    limited = run("entities", "--limit", "2")

    assert [row["name"] for row in csv.DictReader(io.StringIO(named.stdout))] == ["Volodymyr Zelenskyy"]
    assert "2 entities; more with --limit 4 or --limit 0" in limited.stdout


def test_entities_table_and_csv(run) -> None:  # noqa: ANN001
    table = run("entities")
    rows = list(csv.DictReader(io.StringIO(run("entities", "--format", "csv").stdout)))

    assert "Secretary General (NATO)" in table.stdout
    assert "5 entities" in table.stdout
    assert {row["name"]: row["type"] for row in rows} == {
        "Mark Rutte": "PERSON",
        "Volodymyr Zelenskyy": "PERSON",
        "Rütte": "PERSON",
        "NATO": "ORG",
        "Victory Plan": "PLAN",
    }


def test_show_plain_marks_speaker_cue_and_content(run) -> None:  # noqa: ANN001
    result = run("show", "a-visit", "--plain")

    assert result.exit_code == 0, result.output
    assert "Rutte on the Victory Plan" in result.stdout
    assert "cites UNIAN (with reference to)" in result.stdout
    quote = '"<content>We are working closely with the allies,</content>"'
    assert f"{quote} <speaker>Rutte</speaker> <cue>said</cue>" in result.stdout
    assert "<speaker>The Alliance Secretary General</speaker> <cue>added</cue> that" in result.stdout
    assert "2 statements" in result.stdout


def test_show_in_colour_has_a_legend(run) -> None:  # noqa: ANN001
    result = run("show", "b-undated-0003")

    assert result.exit_code == 0, result.output
    assert "legend: speaker  cue  content" in result.stdout
    assert "Officials said the talks were productive." in result.stdout


@pytest.mark.parametrize("command", ["ingest", "statements", "entities", "show"])
def test_every_command_has_an_example(app: typer.Typer, command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])

    assert result.exit_code == 0
    assert "Example: onrecord " + command in result.output


def fake_extraction(
    items: Iterable[Article | Failure], *_: object, **__: object
) -> Iterator[Extraction | Failure]:
    """Stands in for spaCy: one statement per article, over its first word."""
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        word = item.text.split()[0]
        said = Statement(
            id="x1",
            speaker=Speaker(name="Someone"),
            content=(Span(start=item.text.index(word), end=item.text.index(word) + len(word), text=word),),
            kind="direct",
        )
        yield Extraction(article=item, statements=(said,))


def test_ingest_counts_new_stored_and_failed_articles(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_cmds, "run_extraction", fake_extraction)
    (tmp_path / "one.txt").write_text("Alpha said things.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Beta said more things.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = str(tmp_path / "ingest.db")
    runner = CliRunner()

    first = runner.invoke(app, ["ingest", str(tmp_path / "one.txt"), "--db", db])
    second = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])

    assert first.exit_code == 0, first.output
    assert "ingested 1 articles (0 already stored), 1 statements" in first.stderr
    assert second.exit_code == 1
    assert "ingested 2 articles (1 already stored), 1 statements; 1 failed" in second.stderr
    assert "empty.txt" in second.stderr
    with Store.open(db) as store:
        assert store.counts().articles == 2


def test_ingest_of_the_bundled_samples_is_idempotent(app: typer.Typer, tmp_path: Path) -> None:
    """End to end with the real extractor; asserts only on what the store controls."""
    articles = [item for item in read_paths([str(SAMPLES)]) if isinstance(item, Article)]
    db = str(tmp_path / "samples.db")
    runner = CliRunner()

    first = runner.invoke(app, ["ingest", str(SAMPLES), "--db", db])
    with Store.open(db) as store:
        counts = store.counts()
    second = runner.invoke(app, ["ingest", str(SAMPLES), "--db", db])

    assert first.exit_code == 0, first.output
    assert counts.articles == len({article.id for article in articles}) > 0
    assert f"({len(articles)} already stored), 0 statements" in second.stderr
    with Store.open(db) as store:
        assert store.counts() == counts


@pytest.mark.parametrize("command", ["statements", "entities", "show"])
def test_reading_a_database_that_does_not_exist_is_an_error(
    app: typer.Typer, tmp_path: Path, command: str
) -> None:
    typo = tmp_path / "tpyo.db"
    args = [command, "abc"] if command == "show" else [command]
    result = CliRunner().invoke(app, [*args, "--db", str(typo)])
    assert result.exit_code == 1
    assert f"no onrecord database at {typo}" in result.stderr and "onrecord ingest" in result.stderr
    assert not typo.exists()  # a mistyped path no longer leaves an empty database behind


def test_control_characters_in_articles_do_not_reach_the_terminal(app: typer.Typer, tmp_path: Path) -> None:
    text = "Mayor Elena Marsh said the \x1b[31mbridge\x1b[0m would reopen in May, \x07the mayor said."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db]).exit_code == 0
    for command in (["statements"], ["entities"]):
        result = runner.invoke(app, [*command, "--db", db], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    shown = runner.invoke(app, ["statements", "--db", db], env={"COLUMNS": "200"}).stdout
    assert "\u241b[31mbridge\u241b[0m would reopen" in shown
