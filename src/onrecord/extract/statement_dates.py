"""Statement dates from the text: "On Wednesday, Rütte said …" is dated that Wednesday.

A statement takes the article's date unless a time expression of day granularity hangs from its
reporting verb in the parse ("said on Tuesday", "On 3 May, she told …"). A time inside the reported
content dates what was said about, not the saying, and is left alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.model import Statement, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_CLIMB = 4


def date_statements(statements: list[Statement], doc: Doc, times: list[TimeValue]) -> list[Statement]:
    """``statements`` with ``date`` set from a day-precise time attached to their cue."""
    verbs: dict[int, TimeValue] = {}
    for time in times:
        if time.granularity != "day" or time.start is None or time.span is None:
            continue
        verb = _governing_verb(doc, time.span.start, time.span.end)
        if verb is not None:
            verbs.setdefault(verb.i, time)
    dated = []
    for statement in statements:
        cue = statement.cue
        words = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
        found = verbs.get(words.root.i) if words is not None and len(words) else None
        dated.append(statement.model_copy(update={"date": found.start}) if found is not None else statement)
    return dated


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None
