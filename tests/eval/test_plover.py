"""PLOVER gold records: reading, actor matching by overlap, and scoring the main event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import EvalError
from onrecord.eval.plover import PloverRecord, PloverReport, evaluate_plover, read_plover, score_record
from onrecord.model import Event, Participant, Span
from onrecord.pipeline import Extractor


def write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_reader_maps_old_type_names_and_empty_targets(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.jsonl",
        [
            {"id": "a", "event": "DISAPPROVE", "text": " X accused Y. ", "source": [{"actorText": "X"}],
             "target": [{"actorText": "Y"}]},
            {"id": "b", "event": "AGREE", "text": "X and Y agreed.", "source": [{"actorText": "X"}],
             "target": "diplomatic"},
        ],
    )  # fmt: skip
    first, second = read_plover(path)
    assert (first.type, first.text, first.sources, first.targets) == (
        "ACCUSE",
        "X accused Y.",
        ("X",),
        ("Y",),
    )
    assert second.targets == ()  # a plain string names no actor


def test_reader_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"event": "AGREE", "text": "ok"}\n{"text": "no event"}\n', encoding="utf-8")
    with pytest.raises(EvalError, match="line 2 of .* is not a PLOVER record"):
        list(read_plover(path))


def event(text: str, type_: str, participants: list[tuple[str, str]]) -> Event:
    def located(words: str) -> Span:
        start = text.index(words)
        return Span(start=start, end=start + len(words), text=words)

    return Event(
        id="e",
        type=type_,
        trigger=located(text.split()[1]),
        participants=tuple(Participant(role=r, text=w, span=located(w)) for r, w in participants),
        evidence=Span(start=0, end=len(text), text=text),
    )


def test_scoring_counts_type_and_actor_overlap() -> None:
    text = "Senior Hungarian officials met Romanian envoys in Budapest."
    record = PloverRecord(
        id="1", text=text, type="CONSULT", sources=("Hungarian",), targets=("Romanian", "Slovak")
    )
    report = PloverReport()
    score_record(report, record, event(text, "CONSULT", [("actor", "Senior Hungarian officials"),
                                                         ("target", "Romanian envoys")]))  # fmt: skip
    assert (report.type_correct, report.sentences) == (1, 1)
    assert (report.source.tp, report.source.pred, report.source.gold) == (1, 1, 1)
    assert (report.target.tp, report.target.pred, report.target.gold) == (1, 1, 2)
    assert report.as_dict()["target_f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_a_sentence_without_an_event_counts_as_wrong() -> None:
    record = PloverRecord(id="1", text="Nothing happened.", type="AGREE", sources=("X",), targets=())
    report = PloverReport()
    score_record(report, record, None)
    assert (report.type_accuracy, report.no_event, report.source.gold) == (0.0, 1, 1)
    assert report.confusion[("AGREE", "(none)")] == 1


def test_gold_actor_spelled_differently_matches_by_shared_word() -> None:
    text = "Isreal troops left Gaza."  # the gold markup spells it "Israel troops"
    record = PloverRecord(id="1", text=text, type="RETREAT", sources=("Israel troops",), targets=())
    report = PloverReport()
    score_record(report, record, event(text, "RETREAT", [("actor", "Isreal troops")]))
    assert report.source.tp == 1


def test_evaluate_scores_the_main_clause_event(extractor: Extractor, tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.jsonl",
        [
            {"id": "1", "event": "THREATEN",
             "text": "The Azerbaijani parliament threatened on Monday to break relations with Russia.",
             "source": [{"actorText": "Azerbaijani parliament"}], "target": [{"actorText": "Russia"}]},
            {"id": "2", "event": "REJECT", "text": "Serbia rejected an Australian ultimatum.",
             "source": [{"actorText": "Serbia"}], "target": [{"actorText": "Australian"}]},
        ],
    )  # fmt: skip
    report = evaluate_plover(path, extractor)
    assert report.type_accuracy == 1.0
    assert (report.source.tp, report.target.tp) == (2, 2)


# 36 sentences written for onrecord (not from the PLOVER corpus), two per type
OWN_GOLD = Path(__file__).parent / "data" / "plover_own.jsonl"


def test_floor_on_our_own_plover_style_sentences(extractor: Extractor) -> None:
    """A regression floor, not a benchmark: these sentences were written while building the lexicon."""
    report = evaluate_plover(OWN_GOLD, extractor)
    assert report.sentences == 36
    assert report.type_accuracy >= 0.85
    assert report.source.f1 >= 0.85 and report.target.f1 >= 0.75
