"""What an event takes from its surroundings: times and amounts attached in the parse, the meeting it
happened at, the sentence it continues, and the earlier mention of the same event.

- A time expression or an amount belongs to the event whose words it hangs from in the parse ("visited
  Kyiv two weeks ago"); one introduced by "over", "for", "throughout", "through" or "until" is the
  event's period ("commit €40 billion … over the course of 2025"), not the time it happened.
- An event "at the NATO leaders' summit in Washington in July" takes the summit's place and time, and
  its organization as the actor when the clause names none ("a decision was made to …").
- "It was also decided to …" continues the previous event of the paragraph: same actor, recipient, time.
- An event with a place but no time takes the time of a meeting held at that place elsewhere in the
  article ("NATO in Washington has decided …" and "the summit in Washington in July").
- The same event written twice (a presentation, then "after presenting the plan to …") is kept once;
  an event "after" it takes its date with the TimeML mod AFTER.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from onrecord.extract.events_frames import Frame
from onrecord.extract.events_roles import OCCASION_NOUNS, Mention, Occasion, RoleReader
from onrecord.extract.names import fold
from onrecord.model import Amount, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERIOD_PREPS = frozenset({"over", "for", "throughout", "through", "until", "till", "within", "by"})
CONTINUATION_OPENERS = ("in addition", "additionally", "also", "moreover", "furthermore")
MAX_CLIMB = 8
OPENING_WINDOW = 80  # characters read for a sentence's opener, past the whitespace before it


@dataclass
class Draft:
    """An event before entity ids exist: its frame and everything attached to it."""

    frame: Frame
    participants: list[Mention]
    place: Mention | None = None
    occasion: Occasion | None = None
    time: TimeValue | None = None
    period: TimeValue | None = None
    amount: Amount | None = None
    evidence: tuple[int, int] = (0, 0)
    merged: list[Draft] = field(default_factory=list)

    def actors(self) -> list[Mention]:
        return [m for m in self.participants if m.role == "actor"]

    def role(self, *roles: str) -> list[Mention]:
        return [m for m in self.participants if m.role in roles]


# ---- times and amounts --------------------------------------------------------------------------


def attach_times(
    drafts: list[Draft], times: list[TimeValue], doc: Doc, occasions: dict[int, Occasion]
) -> dict[int, TimeValue]:
    """Give each draft the time (and period) hanging from its words; return the occasions' times."""
    anchors = _anchors(drafts)
    occasion_times: dict[int, TimeValue] = {}
    for time in times:
        if time.span is None:
            continue
        found = _climb(doc, time.span.start, time.span.end, anchors, set(occasions))
        if found is None:
            continue
        index, prep = found
        if index < 0:
            occasion_times.setdefault(-index - 1, time)
            continue
        draft = drafts[index]
        if (prep in PERIOD_PREPS or time.type == "DURATION") and draft.period is None:
            draft.period = time
        elif draft.time is None and time.type != "DURATION":
            draft.time = time
    return occasion_times


def attach_amounts(drafts: list[Draft], amounts: list[Amount], doc: Doc) -> None:
    anchors = _anchors(drafts)
    for amount in amounts:
        if amount.span is None:
            continue
        found = _climb(doc, amount.span.start, amount.span.end, anchors, set())
        if found is not None and found[0] >= 0 and drafts[found[0]].amount is None:
            drafts[found[0]].amount = amount


def _anchors(drafts: list[Draft]) -> dict[int, int]:
    """Token index -> draft index for the words an attachment may hang from."""
    anchors: dict[int, int] = {}
    for index, draft in enumerate(drafts):
        frame = draft.frame
        for token in frame.chain:
            anchors.setdefault(token.i, index)
        for child in frame.core.children:
            if child.dep_ in ("dobj", "nsubjpass", "dative"):
                anchors.setdefault(child.i, index)
    return anchors


def _climb(
    doc: Doc, start: int, end: int, anchors: dict[int, int], occasion_nouns: set[int]
) -> tuple[int, str | None] | None:
    """Walk up the parse from a span to the first event word (draft index, the preposition passed
    just below it) or meeting noun (-1 - its token index); stop at any other verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    below: Token | None = None
    for _ in range(MAX_CLIMB):
        if token.i in anchors and not (start <= token.idx < end):
            return anchors[token.i], _prep_below(below)
        if token.i in occasion_nouns and not (start <= token.idx < end):
            return -1 - token.i, None
        if token.pos_ in ("VERB", "AUX") and below is not None:
            return None
        if token.head == token:
            return None
        below, token = token, token.head
    return None


def _prep_below(below: Token | None) -> str | None:
    """The preposition linking the attachment to its anchor: "over" in "commit … over 2025"."""
    return below.lower_ if below is not None and below.pos_ == "ADP" else None


# ---- occasions, continuations, earlier mentions ---------------------------------------------------


def find_occasions(doc: Doc, reader: RoleReader) -> dict[int, Occasion]:
    """Every meeting named in the article ("the NATO leaders' summit in Washington"), by token index."""
    return {
        t.i: reader.occasion_at(t) for t in doc if t.lemma_.lower() in OCCASION_NOUNS and t.pos_ == "NOUN"
    }


def inherit(
    drafts: list[Draft],
    text: str,
    occasion_times: dict[int, TimeValue],
    dct: dt.date | None,
    occasions: dict[int, Occasion],
) -> None:
    """Fill actors, places and times from occasions, continued sentences and same-place meetings."""
    previous: Draft | None = None
    for draft in drafts:
        occasion = draft.occasion
        if occasion is not None:
            _from_occasion(draft, occasion, occasion_times.get(occasion.token.i), dct)
        if (
            not draft.actors()
            and previous is not None
            and _continues(draft, text)
            and _same_paragraph(text, previous, draft)
        ):
            _continue_from(draft, previous)
        if not draft.actors() and _definite_noun(draft):
            _refer_back(draft, drafts)
        if draft.time is None and draft.place is not None:
            draft.time = _time_at_place(draft, occasions, occasion_times)
        if draft.actors():
            previous = draft


def _definite_noun(draft: Draft) -> bool:
    """ "the talks would continue": an event noun that refers back to one already mentioned."""
    core = draft.frame.core
    return core.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "the" for c in core.children)


def _refer_back(draft: Draft, drafts: list[Draft]) -> None:
    for earlier in drafts:
        if earlier is draft:
            return
        same = earlier.frame.kind == draft.frame.kind and earlier.frame.core.lemma_ == draft.frame.core.lemma_
        if same and earlier.actors():
            draft.participants[:0] = earlier.actors()
            return


def _from_occasion(draft: Draft, occasion: Occasion, time: TimeValue | None, dct: dt.date | None) -> None:
    if not draft.actors() and occasion.owner is not None:
        draft.participants.insert(0, replace(occasion.owner, role="actor"))
    elif (
        occasion.owner is not None
        and not draft.role("target", "recipient")
        and all(m.cluster is not occasion.owner.cluster for m in draft.actors())
    ):
        draft.participants.append(replace(occasion.owner, role="target"))  # presented it to the Council
    if draft.place is None:
        draft.place = occasion.place
    if draft.time is None and time is not None:
        draft.time = time
    if draft.time is None and occasion.future and dct is not None:
        noun = occasion.token  # the words of its subtree only: Doc.text rebuilds the whole text
        words = noun.doc[noun.left_edge.i : noun.right_edge.i + 1].text
        draft.time = TimeValue(text=words, start=dct, end=None, granularity="vague", value="FUTURE_REF")


def _continues(draft: Draft, text: str) -> bool:
    head = draft.frame.head
    if any(c.dep_ == "advmod" and c.lower_ == "also" for c in head.children):
        return True
    # the sentence's first words from the article text: ``Span.text`` joins every token of the sentence,
    # once per event, which a long sentence of many events made quadratic
    start = head.sent.start_char
    opening = text[start : start + OPENING_WINDOW].lstrip().lower()
    return opening.startswith(CONTINUATION_OPENERS)


def _continue_from(draft: Draft, previous: Draft) -> None:
    draft.participants[:0] = previous.actors()
    if not draft.role("recipient", "target"):
        draft.participants.extend(previous.role("recipient"))
    if draft.time is None:
        draft.time = previous.time
    if draft.occasion is None:
        draft.occasion = previous.occasion


def _time_at_place(
    draft: Draft, occasions: dict[int, Occasion], occasion_times: dict[int, TimeValue]
) -> TimeValue | None:
    place = draft.place
    actors = {id(m.cluster) for m in draft.actors() if m.cluster is not None}
    for index, occasion in occasions.items():
        time = occasion_times.get(index)
        if time is None or occasion.place is None or place is None:
            continue
        same_place = occasion.place.cluster is not None and occasion.place.cluster is place.cluster
        owner_fits = (
            occasion.owner is None or occasion.owner.cluster is None or id(occasion.owner.cluster) in actors
        )
        if same_place and owner_fits:
            return time
    return None


def merge_repeats(drafts: list[Draft]) -> list[Draft]:
    """Keep one draft per event written twice (same kind, actors and an object); return the kept ones.

    A draft joins the first kept draft with its kind and actors that shares one of its objects, found
    through an index rather than by comparing it with every kept draft: an actor with many events
    (hostile text) made that quadratic.
    """
    kept: list[Draft] = []
    # (kind and actors, object) -> position in kept of the first kept draft with that object
    first_with: dict[tuple[object, ...], int] = {}
    for draft in drafts:
        key = _event_key(draft)
        objects = [(key, o) for o in _objects(draft)] if key else []
        found = [first_with[o] for o in objects if o in first_with]
        if not found:
            for o in objects:
                first_with[o] = len(kept)
            kept.append(draft)
            continue
        position = min(found)
        for o in objects:  # the kept draft now has the merged draft's objects too
            first_with[o] = min(first_with.get(o, position), position)
        earlier = kept[position]
        earlier.merged.append(draft)
        earlier.time = earlier.time or draft.time
        earlier.place = earlier.place or draft.place
        earlier.amount = earlier.amount or draft.amount
        known = {(m.role, _key(m)) for m in earlier.participants}
        earlier.participants.extend(m for m in draft.participants if (m.role, _key(m)) not in known)
    return kept


def date_after(drafts: list[Draft]) -> None:
    """ "After presenting the plan …, Zelenskyy held a meeting": the meeting is on or after that date."""
    owner: dict[int, Draft] = {}
    for draft in drafts:
        for member in (draft, *draft.merged):
            for token in member.frame.chain:
                owner[token.i] = draft
    for draft in drafts:
        if draft.time is not None:
            continue
        for prep in (
            c for c in draft.frame.head.children if c.dep_ == "prep" and c.lower_ in ("after", "following")
        ):
            for inner in (c for c in prep.children if c.dep_ in ("pcomp", "pobj")):
                earlier = owner.get(inner.i)
                if earlier is not None and earlier is not draft and earlier.time is not None:
                    draft.time = earlier.time.model_copy(update={"mod": "AFTER"})


def _event_key(draft: Draft) -> tuple[object, ...] | None:
    """What two drafts of one event share besides an object: kind, type and the actors' entities;
    None when it has no actor."""
    actors = frozenset(id(m.cluster) for m in draft.actors() if m.cluster is not None)
    return (draft.frame.kind or draft.frame.type, draft.frame.type, actors) if actors else None


def _objects(draft: Draft) -> set[str]:
    return {_key(m) for m in draft.role("object")}


def _key(mention: Mention) -> str:
    return (
        f"entity:{id(mention.cluster)}"
        if mention.cluster is not None
        else "text:" + fold(mention.text).removeprefix("the ")
    )


def _same_paragraph(text: str, a: Draft, b: Draft) -> bool:
    first, second = sorted((a.frame.head.idx, b.frame.head.idx))
    return "\n" not in text[first:second]
