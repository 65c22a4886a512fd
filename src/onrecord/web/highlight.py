"""Article text cut into pieces at span offsets, each piece knowing which kinds of span cover it.

The page template prints every piece through Jinja2's autoescaping inside a ``<span class=…>``;
no piece of article text is ever marked as safe HTML, so a ``<script>`` in an article stays text.
"""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.model import Extraction, Span

KINDS = ("content", "cue", "speaker")  # drawn in this order: a cue inside a content shows as a cue


@dataclass(frozen=True, kw_only=True)
class Piece:
    """A stretch of text and the span kinds (``KINDS``) that cover it; none for plain text."""

    text: str
    kinds: tuple[str, ...] = ()
    statements: tuple[int, ...] = ()  # numbers (1-based) of the statements whose spans cover it

    @property
    def css(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)


@dataclass(frozen=True, kw_only=True)
class Mark:
    start: int
    end: int
    kind: str
    statement: int


def marks(extraction: Extraction) -> list[Mark]:
    """The speaker, cue and content spans of every statement that lie inside the text."""
    length = len(extraction.article.text)
    found: list[Mark] = []
    for number, statement in enumerate(extraction.statements, start=1):
        spans: list[tuple[str, Span | None]] = [("content", span) for span in statement.content]
        spans += [("cue", statement.cue), ("speaker", statement.speaker.span)]
        found += [
            Mark(start=span.start, end=span.end, kind=kind, statement=number)
            for kind, span in spans
            if span is not None and 0 <= span.start < span.end <= length
        ]
    return found


def pieces(text: str, found: list[Mark]) -> list[Piece]:
    """``text`` cut at every mark boundary; joined together the pieces give ``text`` back."""
    cuts = sorted({0, len(text), *(m.start for m in found), *(m.end for m in found)})
    result = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in found if m.start <= start and end <= m.end]
        kinds = tuple(kind for kind in KINDS if any(m.kind == kind for m in covering))
        numbers = tuple(sorted({m.statement for m in covering}))
        result.append(Piece(text=text[start:end], kinds=kinds, statements=numbers))
    return result


def highlighted(extraction: Extraction) -> list[Piece]:
    return pieces(extraction.article.text, marks(extraction))
