"""Statements scored against gold attributions: span metrics and the attribution pairing."""

from __future__ import annotations

from onrecord.eval.attribution import Scores, attribution_errors, score_article
from onrecord.eval.polnear import GoldAttribution
from onrecord.eval.scoring import Counts
from onrecord.model import Span, Speaker, Statement

TEXT = "Officials said the vote was close. Smith added that it was a mess, and Jones agreed."
#       0         1         2         3         4         5         6         7         8
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901234


def span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


def gold(source: tuple[int, int] | None, cue: tuple[int, int], *content: tuple[int, int]) -> GoldAttribution:
    return GoldAttribution(
        id="E",
        source=(span(*source),) if source else (),
        cue=(span(*cue),),
        content=tuple(span(*c) for c in content),
    )


def statement(
    source: tuple[int, int] | None, cue: tuple[int, int] | None, *content: tuple[int, int]
) -> Statement:
    return Statement(
        id="s",
        speaker=Speaker(name="x", span=span(*source) if source else None),
        cue=span(*cue) if cue else None,
        content=tuple(span(*c) for c in content),
        kind="indirect",
    )


OFFICIALS = gold((0, 9), (10, 14), (15, 33))  # Officials | said | the vote was close
SMITH = gold((35, 40), (41, 46), (47, 65))  # Smith | added | that it was a mess


def test_a_statement_pairs_when_content_and_source_both_overlap() -> None:
    found = [statement((0, 9), (10, 14), (19, 33)), statement((71, 76), (41, 46), (47, 65))]
    scores = score_article([OFFICIALS, SMITH], found, TEXT)
    # The second statement has Smith's content but Jones as its source: no pair.
    assert scores.attribution == Counts(tp=1, pred=2, gold=2)


def test_attribution_pairs_are_one_to_one() -> None:
    found = [statement((0, 9), None, (15, 33)), statement((0, 9), None, (15, 20))]
    assert score_article([OFFICIALS], found, TEXT).attribution == Counts(tp=1, pred=2, gold=1)


def test_span_metrics_trim_whitespace_and_count_each_distinct_span_once() -> None:
    found = [statement((0, 10), (10, 14), (14, 33)), statement((0, 9), (9, 15), (15, 26))]
    scores = score_article([OFFICIALS], found, TEXT)
    assert scores.source_exact == Counts(tp=1, pred=1, gold=1)  # (0, 10) trims to (0, 9): one span
    assert scores.cue_exact == Counts(tp=1, pred=1, gold=1)
    assert scores.content_exact == Counts(tp=1, pred=2, gold=1)
    assert scores.content_overlap == Counts(tp=1, pred=2, gold=1)


def test_discontinuous_gold_counts_fragment_by_fragment() -> None:
    split = gold((35, 40), (41, 46), (47, 51), (52, 65))
    scores = score_article([split], [statement((35, 40), (41, 46), (47, 65))], TEXT)
    assert scores.content_exact == Counts(tp=0, pred=1, gold=2)
    assert scores.content_overlap == Counts(tp=1, pred=1, gold=2)
    assert scores.attribution == Counts(tp=1, pred=1, gold=1)


def test_gold_without_a_source_is_left_out_of_both_sides() -> None:
    sourceless = gold(None, (77, 83), (71, 76))  # Jones | agreed, with no source
    found = [statement((0, 9), (10, 14), (15, 33)), statement((71, 76), None, (71, 83))]
    scores = score_article([OFFICIALS, sourceless], found, TEXT)
    assert scores.attribution == Counts(tp=1, pred=1, gold=1)
    assert (scores.gold_excluded, scores.pred_excluded) == (1, 1)
    # Span metrics still see every gold span, the sourceless attribution's content included.
    assert scores.content_overlap == Counts(tp=2, pred=2, gold=2)


def test_scores_add_up_across_articles() -> None:
    one = score_article([OFFICIALS], [statement((0, 9), (10, 14), (15, 33))], TEXT)
    none = score_article([SMITH], [], TEXT)
    total = one + none + Scores()
    assert total.attribution == Counts(tp=1, pred=1, gold=2)
    assert total.cue_exact == Counts(tp=1, pred=1, gold=2)


def test_errors_list_missed_gold_and_extra_statements_as_the_score_pairs_them() -> None:
    sourceless = gold(None, (77, 83), (71, 76))  # left out of the metric, so never "missed"
    found = [
        statement((0, 9), (10, 14), (15, 33)),  # pairs with OFFICIALS
        statement((71, 76), (41, 46), (47, 65)),  # Smith's content, Jones as source: extra, and Smith missed
        statement((71, 76), None, (71, 83)),  # pairs only with the left-out gold: neither
    ]
    errors = attribution_errors([OFFICIALS, SMITH, sourceless], found, TEXT)
    assert [(e.kind, e.source, e.content) for e in errors] == [
        ("missed", ("Smith",), ("that it was a mess",)),
        ("extra", ("Jones",), ("that it was a mess",)),
    ]
    missed, extra = errors
    assert (missed.content_found, missed.source_found) == (True, False)
    assert (extra.content_found, extra.source_found, extra.speaker) == (True, False, "x")
    assert (missed.start, missed.end) == (35, 65)
    scores = score_article([OFFICIALS, SMITH, sourceless], found, TEXT)
    assert scores.attribution.gold - scores.attribution.tp == 1  # one missed
    assert scores.attribution.pred - scores.attribution.tp == 1  # one extra
