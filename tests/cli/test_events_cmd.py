"""`onrecord events | commitments | timeline` and `onrecord eval plover` through typer's CliRunner."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import typer
from tests.store.test_store_events import summit_article
from typer.testing import CliRunner

from onrecord.cli import events_cmd
from onrecord.store import Store


@pytest.fixture(scope="module")
def apps() -> tuple[typer.Typer, typer.Typer]:
    app, eval_app = typer.Typer(), typer.Typer()
    events_cmd.register(app=app, eval_app=eval_app)
    return app, eval_app


@pytest.fixture
def run(apps: tuple[typer.Typer, typer.Typer], store: Store, store_path: Path):  # noqa: ANN201 (a callable)
    store.add(summit_article("a-late", dt.date(2024, 10, 20), "Kyiv Post"))
    store.add(summit_article("a-early", dt.date(2024, 10, 16), "Censor.NET"))
    runner = CliRunner()

    def invoke(*args: str):  # noqa: ANN202
        return runner.invoke(apps[0], [*args, "--db", str(store_path)], env={"COLUMNS": "200"})

    return invoke


def test_events_json_filtered_by_actor_alias(run) -> None:  # noqa: ANN001
    result = run("events", "--actor", "the Alliance", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["kind"], r["outlet"]) for r in rows] == [
        ("commitment", "Kyiv Post"),
        ("commitment", "Censor.NET"),
    ]
    assert rows[0]["amount"]["value"] == 40e9


def test_events_table_shows_type_actor_and_target(run) -> None:  # noqa: ANN001
    result = run("events", "--type", "consult")
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.stdout and "visit" in result.stdout and "Kyiv" in result.stdout
    assert "AGREE" not in result.stdout


def test_commitments_csv_is_a_ledger_with_the_first_report(run) -> None:  # noqa: ANN001
    result = run("commitments", "--to", "Ukraine", "--format", "csv")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["by"], row["to"], row["currency"]) == ("NATO", "Ukraine", "EUR")
    assert (row["period_start"], row["period_end"]) == ("2025-01-01", "2025-12-31")
    assert (row["first_outlet"], row["first_date"], row["reports"]) == ("Censor.NET", "2024-10-16", "2")


def test_timeline_json_in_event_time_order(run) -> None:  # noqa: ANN001
    result = run("timeline", "Rutte", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["kind"], r["day"]) for r in rows][0] == ("event", "2024-09-30")
    assert rows[-1] == rows[-1] | {"kind": "statement", "day": "2024-10-20"}


def test_nothing_matching_says_so_on_stderr(run) -> None:  # noqa: ANN001
    result = run("commitments", "--by", "Nobody")
    assert result.exit_code == 0
    assert "no commitments match" in result.stderr


def test_bad_date_is_a_usage_error(run) -> None:  # noqa: ANN001
    result = run("events", "--since", "July")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


PLOVER_LINES = [
    {"id": "1", "event": "CONSULT", "text": "Russian President Boris Yeltsin visited Japan on Saturday.",
     "source": [{"actorText": "Boris Yeltsin"}], "target": [{"actorText": "Japan"}]},
    {"id": "2", "event": "DEMAND", "text": "Greece demanded that Turkey withdraw its troops from Cyprus.",
     "source": [{"actorText": "Greece"}], "target": [{"actorText": "Turkey"}]},
]  # fmt: skip


def test_eval_plover_json_keys(apps: tuple[typer.Typer, typer.Typer], tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(line) for line in PLOVER_LINES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(apps[1], [str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sentences"] == 2
    assert {"type_accuracy", "source_f1", "target_f1"} <= set(report)
    assert report["type_accuracy"] == 1.0  # DEMAND is read as REQUEST
    assert report["source_f1"] == 1.0 and report["target_f1"] == 1.0


def test_eval_plover_missing_file_is_a_domain_error(
    apps: tuple[typer.Typer, typer.Typer], tmp_path: Path
) -> None:
    result = CliRunner().invoke(apps[1], [str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr
