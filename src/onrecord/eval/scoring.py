"""Span scoring: precision, recall and F1 from counts; exact and overlap matching of character spans.

Spans are ``(start, end)`` character offsets, end exclusive. Before any comparison a span is trimmed of
surrounding whitespace (:func:`trim`); a span that is only whitespace is dropped. Each side is a *set* of
distinct trimmed spans, so the same stretch annotated or predicted twice counts once.

- **exact**: a predicted and a gold span match when their trimmed start and end are equal.
- **overlap**: spans sharing at least one character may match; each span matches at most one span on the
  other side and the number of matches is the maximum such one-to-one matching (:func:`max_matching`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from onrecord.model import Span

L = TypeVar("L")
R = TypeVar("R")
Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, predictions and gold items; micro-averaged by adding counts."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (self.pred + self.gold) if self.pred + self.gold else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """``{"p", "r", "f1", "tp", "pred", "gold"}``, scores rounded to 4 places."""
        return {
            "p": round(self.p, 4),
            "r": round(self.r, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


def bootstrap_f1(
    columns: Mapping[str, Sequence[Counts]], *, samples: int, level: float = 0.95, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Percentile intervals of micro-averaged F1 under resampling of the items (articles) with replacement.

    ``columns`` maps a metric to its counts per item, every column in the same item order; each of the
    ``samples`` resamples draws ``len`` items and scores every metric on the same draw. The interval
    says how far the F1 of another sample of as many articles from the same source may land. Seeded, so
    the same counts give the same interval."""
    if samples < 1:
        raise ValueError(f"samples must be at least 1, not {samples}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, not {level}")
    sizes = {len(column) for column in columns.values()}
    if len(sizes) > 1:
        raise ValueError(f"every column needs one count per item; lengths {sorted(sizes)}")
    n = sizes.pop() if sizes else 0
    if n == 0:
        return {name: (0.0, 0.0) for name in columns}
    rng = random.Random(seed)
    tp = {name: [c.tp for c in column] for name, column in columns.items()}
    both = {name: [c.pred + c.gold for c in column] for name, column in columns.items()}
    drawn: dict[str, list[float]] = {name: [] for name in columns}
    for _ in range(samples):
        picks = rng.choices(range(n), k=n)
        for name, values in drawn.items():
            total = sum(both[name][i] for i in picks)
            values.append(2 * sum(tp[name][i] for i in picks) / total if total else 0.0)
    tail = (1 - level) / 2
    low, high = math.floor(tail * (samples - 1)), math.ceil((1 - tail) * (samples - 1))
    for values in drawn.values():
        values.sort()
    return {name: (values[low], values[high]) for name, values in drawn.items()}


def trim(start: int, end: int, text: str) -> Offsets | None:
    """``(start, end)`` without surrounding whitespace, or None when nothing but whitespace is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def trimmed_set(spans: Iterable[Span], text: str) -> set[Offsets]:
    """The distinct non-empty trimmed offsets of ``spans``."""
    found = (trim(span.start, span.end, text) for span in spans)
    return {offsets for offsets in found if offsets is not None}


def overlaps(a: Offsets, b: Offsets) -> bool:
    """True when two end-exclusive spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def max_matching(
    left: Sequence[L], right: Sequence[R], related: Callable[[L, R], bool]
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between ``left`` and ``right`` items that are ``related``.

    Returns ``(left index, right index)`` pairs. Kuhn's augmenting-path algorithm, O(V·E): the
    sides are one article's spans or attributions (tens), so this is cheap and exact.
    """
    edges = [[j for j, item in enumerate(right) if related(a, item)] for a in left]
    owner: dict[int, int] = {}  # right index -> left index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(left)):
        if edges[i]:
            augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def exact_counts(pred: set[Offsets], gold: set[Offsets]) -> Counts:
    return Counts(len(pred & gold), len(pred), len(gold))


def overlap_counts(pred: set[Offsets], gold: set[Offsets]) -> Counts:
    left, right = sorted(pred), sorted(gold)
    return Counts(len(max_matching(left, right, overlaps)), len(pred), len(gold))
