"""Score extracted statements against gold attributions of one article (PolNeAR's metric set).

A statement maps to the gold shape as: content = ``statement.content``, source = ``speaker.span``,
cue = ``statement.cue``. Discontinuous gold spans count fragment by fragment (see docs/eval.md).

- **span metrics** (content, source, cue; exact and overlap): over the distinct trimmed fragments of
  every gold attribution of that part, against the distinct trimmed spans of every statement.
- **attribution**: a statement and a gold attribution pair when some content span of each overlaps and
  some source span of each overlaps; pairs form a maximum one-to-one matching per article. Gold
  attributions without a source or without a content are left out of the gold count; a statement that
  pairs with none of the rest but with one of those (one-to-one, by content, or by cue where that gold
  has no content) is left out of the predicted count. Both are counted separately.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from onrecord.eval.scoring import (
    Counts,
    Offsets,
    exact_counts,
    max_matching,
    overlap_counts,
    overlaps,
    trimmed_set,
)
from onrecord.model import Span, Statement

if TYPE_CHECKING:
    from onrecord.eval.polnear import GoldAttribution

PARTS = ("content", "source", "cue")


@dataclass(frozen=True, slots=True)
class Parts:
    """The trimmed offsets of an attribution's source, cue and content."""

    source: frozenset[Offsets]
    cue: frozenset[Offsets]
    content: frozenset[Offsets]

    @classmethod
    def of(cls, source: Sequence[Span], cue: Sequence[Span], content: Sequence[Span], text: str) -> Parts:
        return cls(
            source=frozenset(trimmed_set(source, text)),
            cue=frozenset(trimmed_set(cue, text)),
            content=frozenset(trimmed_set(content, text)),
        )

    @classmethod
    def of_statement(cls, statement: Statement, text: str) -> Parts:
        source = (statement.speaker.span,) if statement.speaker.span else ()
        cue = (statement.cue,) if statement.cue else ()
        return cls.of(source, cue, statement.content, text)

    @classmethod
    def of_gold(cls, gold: GoldAttribution, text: str) -> Parts:
        return cls.of(gold.source, gold.cue, gold.content, text)

    def part(self, name: str) -> frozenset[Offsets]:
        return {"source": self.source, "cue": self.cue, "content": self.content}[name]


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts for every metric; add two to micro-average."""

    attribution: Counts = Counts()
    content_exact: Counts = Counts()
    content_overlap: Counts = Counts()
    source_exact: Counts = Counts()
    source_overlap: Counts = Counts()
    cue_exact: Counts = Counts()
    cue_overlap: Counts = Counts()
    gold_excluded: int = 0  # gold attributions without a source or a content
    pred_excluded: int = 0  # statements that pair only with such a gold attribution

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def _any_overlap(a: frozenset[Offsets], b: frozenset[Offsets]) -> bool:
    return any(overlaps(x, y) for x in a for y in b)


def _pairs(pred: Parts, gold: Parts) -> bool:
    return _any_overlap(pred.content, gold.content) and _any_overlap(pred.source, gold.source)


def _touches_excluded(pred: Parts, gold: Parts) -> bool:
    if gold.content:
        return _any_overlap(pred.content, gold.content)
    return _any_overlap(pred.cue, gold.cue)


def score_article(gold: Sequence[GoldAttribution], statements: Sequence[Statement], text: str) -> Scores:
    """Score one article's statements against its gold attributions."""
    return score_parts(
        [Parts.of_statement(s, text) for s in statements], [Parts.of_gold(g, text) for g in gold]
    )


def score_parts(pred_parts: Sequence[Parts], gold_parts: Sequence[Parts]) -> Scores:
    """Score one article's predicted attributions (as parts) against its gold ones."""
    spans = {}
    for name in PARTS:
        pred_set = set().union(*(p.part(name) for p in pred_parts))
        gold_set = set().union(*(g.part(name) for g in gold_parts))
        spans[f"{name}_exact"] = exact_counts(pred_set, gold_set)
        spans[f"{name}_overlap"] = overlap_counts(pred_set, gold_set)

    scorable = [g for g in gold_parts if g.source and g.content]
    excluded = [g for g in gold_parts if not (g.source and g.content)]
    matched = {i for i, _ in max_matching(pred_parts, scorable, _pairs)}
    unmatched = [p for i, p in enumerate(pred_parts) if i not in matched]
    pred_excluded = len(max_matching(unmatched, excluded, _touches_excluded))
    attribution = Counts(len(matched), len(pred_parts) - pred_excluded, len(scorable))
    return Scores(attribution=attribution, gold_excluded=len(excluded), pred_excluded=pred_excluded, **spans)
