"""Annotator agreement: other annotators' files scored against the counted one, on hand-built files."""

from __future__ import annotations

from pathlib import Path

from onrecord.eval.agreement import annotator_agreement
from onrecord.eval.scoring import Counts

TEXT = 'Officials said the vote was close. "It was a mess," Smith added.'
COUNTED = "\n".join(
    [
        "T1\tSource 0 9\tOfficials",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 33\tthe vote was close",
        "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
        "T4\tSource 52 57\tSmith",
        "T5\tCue 58 63\tadded",
        "T6\tContent 36 50\tIt was a mess,",
        "E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6",
    ]
)
# The second annotator agrees on Smith's quote only, with a shorter content; the third left the file empty.
SECOND = "T1\tSource 52 57\tSmith\nT2\tCue 58 63\tadded\nT3\tContent 36 49\tIt was a mess\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3"


def _split(root: Path, files: dict[str, str], annotators: str) -> Path:
    split = root / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "one.txt").write_text(TEXT, encoding="utf-8")
    (split / "text" / "solo.txt").write_text(TEXT, encoding="utf-8")
    (split / "attributions" / "solo_aaaa.ann").write_text(COUNTED, encoding="utf-8")
    for annotator, ann in files.items():
        (split / "attributions" / f"one_{annotator}.ann").write_text(ann, encoding="utf-8")
    (root / "metadata.tsv").write_text(
        f"compartment\tfilename\tannotators\ntrain\tone\t{annotators}\ntrain\tsolo\taaaa\n", encoding="utf-8"
    )
    return split


def test_other_files_are_scored_against_the_counted_one(tmp_path: Path) -> None:
    split = _split(tmp_path, {"aaaa": COUNTED, "bbbb": SECOND, "cccc": ""}, annotators="aaaa|bbbb|cccc")
    report = annotator_agreement([split])
    assert (report.articles, report.pairs, report.annotators) == (1, 2, ("bbbb", "cccc"))
    # bbbb: one of two gold attributions found; cccc: none. Exact content differs, overlap matches.
    assert report.scores.attribution == Counts(tp=1, pred=1, gold=4)
    assert report.scores.content_overlap == Counts(tp=1, pred=1, gold=4)
    assert report.scores.content_exact == Counts(tp=0, pred=1, gold=4)
    by_name = {name: (files, scores) for name, files, scores in report.by_annotator}
    assert by_name["bbbb"][0] == 1
    assert by_name["bbbb"][1].attribution.f1 == 2 / 3
    assert by_name["cccc"][1].attribution == Counts(tp=0, pred=0, gold=2)


def test_the_counted_annotator_follows_the_metadata(tmp_path: Path) -> None:
    split = _split(tmp_path, {"aaaa": COUNTED, "bbbb": SECOND}, annotators="bbbb|aaaa")
    report = annotator_agreement([split])
    assert report.annotators == ("aaaa",)
    # Now SECOND is the gold: the one attribution it has is found, and aaaa adds one more.
    assert report.scores.attribution == Counts(tp=1, pred=2, gold=1)


def test_articles_annotated_once_give_no_pairs(tmp_path: Path) -> None:
    split = _split(tmp_path, {"aaaa": COUNTED}, annotators="aaaa")
    report = annotator_agreement([split])
    assert (report.articles, report.pairs, report.by_annotator) == (0, 0, ())
