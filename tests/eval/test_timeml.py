"""TimeML reading and TempEval-3 scoring, on a tiny .tml written here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from onrecord.cli import eval_timeml
from onrecord.errors import EvalError
from onrecord.eval.timeml import (
    GoldTimex,
    TimemlDocument,
    evaluate,
    read_timeml,
    read_timeml_dir,
    score_document,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-10-16" temporalFunction="false" functionInDocument="CREATION_TIME">2024-10-16</TIMEX3></DCT>
<TEXT>
Rutte <EVENT eid="e1" class="OCCURRENCE">visited</EVENT> Kyiv <TIMEX3 tid="t1" type="DATE" value="2024-W40">two weeks ago</TIMEX3> &amp; spoke with Zelenskyy <TIMEX3 tid="t2" type="DATE" value="2024-W41">last week</TIMEX3>.
The talks lasted <TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
</TimeML>
"""  # noqa: E501


def write(tmp_path: Path, name: str = "a.tml", body: str = TML) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_reader_rebuilds_text_offsets_and_dct(tmp_path: Path) -> None:
    document = read_timeml(write(tmp_path))
    assert document.dct == dt.date(2024, 10, 16)
    assert "<" not in document.text and "& spoke" in document.text
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("two weeks ago", "DATE", "2024-W40"),
        ("last week", "DATE", "2024-W41"),
        ("three days", "DURATION", "P3D"),
    ]
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)


def test_missing_dct_names_the_fix(tmp_path: Path) -> None:
    path = write(tmp_path, body=TML.replace('functionInDocument="CREATION_TIME"', ""))
    with pytest.raises(EvalError, match="CREATION_TIME"):
        read_timeml(path)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no .tml files"):
        list(read_timeml_dir(tmp_path))


def timex(start: int, end: int, type: str = "DATE", value: str = "X") -> GoldTimex:
    return GoldTimex(start=start, end=end, text="", type=type, value=value)


def test_scoring_strict_relaxed_type_and_value() -> None:
    gold = [
        timex(0, 10, "DATE", "2024-W40"),
        timex(20, 30, "DATE", "2024-W41"),
        timex(40, 50, "DURATION", "P3D"),
    ]
    system = [
        timex(0, 10, "DATE", "2024-W40"),  # strict, right value
        timex(22, 30, "DATE", "2024-W42"),  # relaxed only, wrong value
        timex(60, 70, "DATE", "2024"),  # spurious
    ]
    scores = score_document("d", gold, system)
    assert (scores.gold, scores.system, scores.strict, scores.relaxed) == (3, 3, 1, 2)
    assert (scores.type_correct, scores.value_correct) == (2, 1)
    figures = scores.as_dict()
    assert figures["strict_f1"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["relaxed_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["value_f1"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["type_accuracy"] == 1.0


def test_overlaps_are_counted_on_each_side_as_tempeval3_does() -> None:
    # one system expression over two gold ones: both gold ones are found, the system one is right
    scores = score_document("d", [timex(0, 5, value="A"), timex(6, 10, value="B")], [timex(0, 10, value="A")])
    assert (scores.relaxed, scores.relaxed_system, scores.value_correct) == (2, 1, 1)
    figures = scores.as_dict()
    assert (figures["relaxed_precision"], figures["relaxed_recall"]) == (1.0, 1.0)
    # value F1 is the relaxed F1 scaled by the value accuracy over the matched gold expressions
    assert figures["value_f1"] == pytest.approx(0.5, abs=1e-4)


def test_a_gold_timex_is_judged_against_the_system_timex_that_overlaps_it_most() -> None:
    gold = [timex(0, 20, value="1998-10-23T06:00")]
    system = [timex(0, 6, value="1998-10-23T06:00"), timex(7, 20, value="P10D")]
    scores = score_document("d", gold, system)
    assert (scores.relaxed, scores.relaxed_system, scores.value_correct) == (1, 2, 0)


def test_evaluate_adds_up_documents(tmp_path: Path) -> None:
    documents = [read_timeml(write(tmp_path, "a.tml")), read_timeml(write(tmp_path, "b.tml"))]

    def perfect(docs: list[TimemlDocument]):  # type: ignore[no-untyped-def]
        for document in docs:
            yield document, list(document.timexes)

    scores = evaluate(documents, perfect)
    assert (scores.documents, scores.gold, scores.value_correct) == (2, 6, 6)
    assert scores.as_dict()["value_f1"] == 1.0


def test_cli_runs_the_real_pipeline_and_prints_json(tmp_path: Path) -> None:
    write(tmp_path)
    app, evals = typer.Typer(), typer.Typer()
    app.add_typer(evals, name="eval")
    eval_timeml.register(app=app, eval_app=evals, train_app=typer.Typer())
    result = CliRunner().invoke(app, ["eval", "timeml", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert {"strict_f1", "relaxed_f1", "type_accuracy", "value_f1", "docs_per_second"} <= figures.keys()
    assert figures["gold"] == 3 and figures["value_f1"] == 1.0
