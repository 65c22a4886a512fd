"""PolNeAR gold reading and span / attribution scoring, on small hand-built files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from onrecord.errors import EvalError
from onrecord.eval.polnear import parse_ann, read_polnear

TEXT = 'Officials said the vote was close. "It was a mess," Smith added, "a real mess."'
# T1 source "Officials", T2 cue "said", T3 content; T6 content is discontinuous (two quotes around the cue).
ANN = "\n".join(
    [
        "T1\tSource 0 9\tOfficials",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 33\tthe vote was close",
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        "T5\tSource 52 57\tSmith",
        "T6\tContent 66 78;36 50\ta real mess It was a mess",
        "T7\tCue 58 63\tadded",
        "T8\tAttribution-no-source 58 63\tadded",
        "#1\tAnnotatorNotes T6\ta note",
        "E2\tAttribution:T8 Source:T5 Cue:T7 Content:T6",
        "T9\tContent 66 78\ta real mess",
        "T10\tCue 58 63\tadded",
        "T11\tAttribution-no-source 58 63\tadded",
        "E3\tAttribution-no-source:T11 Cue:T10 Content:T9",
    ]
)


def test_parse_ann_ties_parts_and_splits_discontinuous_spans() -> None:
    first, second, third = parse_ann(ANN, TEXT)
    assert [s.text for s in first.source] == ["Officials"]
    assert [s.text for s in first.cue] == ["said"]
    assert [s.text for s in first.content] == ["the vote was close"]
    assert [(s.start, s.end) for s in second.content] == [(36, 50), (66, 78)]
    assert [s.text for s in second.content] == ["It was a mess,", "a real mess."]
    assert (first.scorable, second.scorable, third.scorable) == (True, True, False)
    assert third.source == ()


def test_parse_ann_rejects_an_undefined_reference() -> None:
    with pytest.raises(EvalError, match="T9"):
        parse_ann("T1\tCue 0 9\tOfficials\nE1\tAttribution:T1 Content:T9", TEXT)


def _write_split(root: Path, annotators: str = "aaaa|bbbb") -> Path:
    split = root / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "one.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "one_aaaa.ann").write_text(ANN, encoding="utf-8")
    (split / "attributions" / "one_bbbb.ann").write_text("", encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\tpublisher\tpublication_date\ttitle\n"
        f"dev\tone\t{annotators}\tpaper\t2016-09-12\tA title\n",
        encoding="utf-8",
    )
    return split


def test_read_polnear_uses_the_first_listed_annotator_and_the_metadata(tmp_path: Path) -> None:
    (article,) = read_polnear(_write_split(tmp_path))
    assert (article.name, article.annotator, article.date) == ("one", "aaaa", dt.date(2016, 9, 12))
    assert len(article.attributions) == 3
    built = article.to_article()
    assert (built.text, built.outlet, built.title) == (TEXT, "paper", "A title")
    assert built.date == dt.date(2016, 9, 12)


def test_read_polnear_honours_an_explicit_metadata_path(tmp_path: Path) -> None:
    split = _write_split(tmp_path, annotators="bbbb")
    moved = tmp_path / "elsewhere.tsv"
    (tmp_path / "metadata.tsv").rename(moved)
    with pytest.raises(EvalError, match="--metadata"):
        list(read_polnear(split))
    (article,) = read_polnear(split, metadata=moved)
    assert (article.annotator, article.attributions) == ("bbbb", ())


def test_read_polnear_names_a_missing_annotation_file(tmp_path: Path) -> None:
    split = _write_split(tmp_path, annotators="cccc")
    with pytest.raises(EvalError, match="one_cccc.ann is missing"):
        list(read_polnear(split))
