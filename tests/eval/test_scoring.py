"""Span matching and P/R/F1 counts."""

from __future__ import annotations

import pytest

from onrecord.eval.scoring import (
    Counts,
    bootstrap_f1,
    exact_counts,
    max_matching,
    overlap_counts,
    overlaps,
    trim,
)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 9, (1, 7)), (1, 7, (1, 7)), (0, 1, None), (8, 9, None)],
)
def test_trim_drops_surrounding_whitespace(start: int, end: int, expected: tuple[int, int] | None) -> None:
    assert trim(start, end, " claims \n") == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [((0, 5), (4, 9), True), ((0, 5), (5, 9), False), ((3, 4), (0, 9), True), ((0, 1), (2, 3), False)],
)
def test_overlaps_needs_one_shared_character(a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
    assert overlaps(a, b) is expected
    assert overlaps(b, a) is expected


def test_counts_give_precision_recall_f1_and_add_up() -> None:
    total = Counts(tp=2, pred=4, gold=5) + Counts(tp=1, pred=1, gold=1)
    assert (total.tp, total.pred, total.gold) == (3, 5, 6)
    assert (total.p, total.r) == (0.6, 0.5)
    assert total.f1 == pytest.approx(6 / 11)
    assert (Counts().p, Counts().r, Counts().f1) == (0.0, 0.0, 0.0)
    assert Counts(1, 2, 4).as_dict() == {"p": 0.5, "r": 0.25, "f1": 0.3333, "tp": 1, "pred": 2, "gold": 4}


def test_exact_needs_equal_offsets_where_overlap_does_not() -> None:
    pred = {(0, 5), (10, 20), (50, 60)}
    gold = {(0, 5), (12, 25), (30, 40)}
    assert exact_counts(pred, gold) == Counts(tp=1, pred=3, gold=3)
    assert overlap_counts(pred, gold) == Counts(tp=2, pred=3, gold=3)


def test_overlap_is_one_to_one() -> None:
    one_long = {(0, 100)}
    three_short = {(0, 10), (20, 30), (40, 50)}
    assert overlap_counts(one_long, three_short) == Counts(tp=1, pred=1, gold=3)
    assert overlap_counts(three_short, one_long) == Counts(tp=1, pred=3, gold=1)


def test_max_matching_finds_the_maximum_where_a_greedy_pick_would_not() -> None:
    # The long span (0, 20) overlaps both gold spans; taking (0, 5) for it would leave (0, 3) unmatched.
    pred = [(0, 20), (0, 3)]
    gold = [(0, 5), (10, 15)]
    assert max_matching(pred, gold, overlaps) == [(0, 1), (1, 0)]
    assert overlap_counts(set(pred), set(gold)).tp == 2


def test_bootstrap_interval_holds_the_pooled_f1_and_widens_with_uneven_articles() -> None:
    even = [Counts(4, 5, 5)] * 20  # every article scores F1 0.8: every resample does too
    uneven = [Counts(5, 5, 5), Counts(3, 5, 5)] * 10  # pooled F1 0.8, articles 1.0 and 0.6
    intervals = bootstrap_f1({"even": even, "uneven": uneven}, samples=500)
    assert intervals["even"] == pytest.approx((0.8, 0.8))
    low, high = intervals["uneven"]
    assert low < 0.8 < high
    assert low > 0.6 and high < 1.0
    assert bootstrap_f1({"uneven": uneven}, samples=500) == bootstrap_f1({"uneven": uneven}, samples=500)


def test_bootstrap_rejects_columns_of_different_lengths() -> None:
    with pytest.raises(ValueError, match="one count per item"):
        bootstrap_f1({"a": [Counts(1, 1, 1)], "b": []}, samples=10)
