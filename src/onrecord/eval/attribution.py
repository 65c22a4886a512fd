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
    pairing = _Pairing.of(pred_parts, gold_parts)
    attribution = Counts(
        len(pairing.matched), len(pred_parts) - len(pairing.pred_excluded), len(pairing.scorable)
    )
    return Scores(
        attribution=attribution,
        gold_excluded=len(gold_parts) - len(pairing.scorable),
        pred_excluded=len(pairing.pred_excluded),
        **spans,
    )


@dataclass(frozen=True, slots=True)
class _Pairing:
    """The attribution metric's one-to-one pairing of one article, by index into the pred and gold lists."""

    matched: dict[int, int]  # pred index -> gold index, for gold with a source and a content
    scorable: tuple[int, ...]  # gold indices with a source and a content
    pred_excluded: frozenset[int]  # pred indices that pair only with a gold left out

    @classmethod
    def of(cls, pred: Sequence[Parts], gold: Sequence[Parts]) -> _Pairing:
        scorable = tuple(j for j, g in enumerate(gold) if g.source and g.content)
        excluded = [j for j, g in enumerate(gold) if not (g.source and g.content)]
        pairs = max_matching(pred, [gold[j] for j in scorable], _pairs)
        matched = {i: scorable[k] for i, k in pairs}
        unmatched = [i for i in range(len(pred)) if i not in matched]
        left_out = max_matching([pred[i] for i in unmatched], [gold[j] for j in excluded], _touches_excluded)
        return cls(matched, scorable, frozenset(unmatched[i] for i, _ in left_out))


@dataclass(frozen=True, slots=True)
class AttributionError:
    """A gold attribution no statement paired with ("missed"), or a statement that paired with none
    ("extra"); what ``onrecord eval polnear --errors`` writes, one JSON object per line."""

    kind: str  # "missed" | "extra"
    source: tuple[str, ...]
    cue: tuple[str, ...]
    content: tuple[str, ...]
    start: int  # the first and last character of its parts in the article text
    end: int
    content_found: bool  # missed: a statement's content overlaps it; extra: a gold content overlaps it
    source_found: bool  # the same for the source
    speaker: str | None = None  # extra: the speaker's resolved name

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def attribution_errors(
    gold: Sequence[GoldAttribution], statements: Sequence[Statement], text: str
) -> list[AttributionError]:
    """The missed gold attributions (with a source and a content) and the extra statements of one article,
    paired exactly as :func:`score_article` pairs them, in text order."""
    pred_parts = [Parts.of_statement(s, text) for s in statements]
    gold_parts = [Parts.of_gold(g, text) for g in gold]
    pairing = _Pairing.of(pred_parts, gold_parts)
    paired_gold = set(pairing.matched.values())
    errors = [
        _error("missed", gold_parts[j], text, pred_parts) for j in pairing.scorable if j not in paired_gold
    ]
    errors += [
        _error("extra", parts, text, gold_parts, speaker=statements[i].speaker.name)
        for i, parts in enumerate(pred_parts)
        if i not in pairing.matched and i not in pairing.pred_excluded
    ]
    return sorted(errors, key=lambda e: (e.start, e.kind))


def _error(
    kind: str, parts: Parts, text: str, others: Sequence[Parts], *, speaker: str | None = None
) -> AttributionError:
    every = sorted((*parts.source, *parts.cue, *parts.content))
    return AttributionError(
        kind=kind,
        source=tuple(text[s:e] for s, e in sorted(parts.source)),
        cue=tuple(text[s:e] for s, e in sorted(parts.cue)),
        content=tuple(text[s:e] for s, e in sorted(parts.content)),
        start=every[0][0] if every else 0,
        end=max(e for _, e in every) if every else 0,
        content_found=any(_any_overlap(parts.content, o.content) for o in others),
        source_found=any(_any_overlap(parts.source, o.source) for o in others),
        speaker=speaker,
    )
