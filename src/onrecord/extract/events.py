"""Events and commitments: who did, decided or promised what, to whom, where, when, how much.

``find_events(doc, article, table)`` runs before the entity table is frozen (it may add mentions such
as "the head of state") and returns drafts; ``link_events`` turns them into :class:`Event` records
once entity ids exist. The stages:

1. frames (:mod:`events_frames`): trigger words from the PLOVER lexicon over the parse, composed
   into a type, a kind and a status;
2. roles (:mod:`events_roles`): actor, targets, recipients, objects, place, the meeting it was at;
3. context (:mod:`events_context`): time expressions (:func:`onrecord.extract.timex.find_times`,
   normalized against the article date) and amounts (:func:`onrecord.extract.amounts.find_amounts_in_text`)
   attached through the parse, then what an event inherits from its meeting, the sentence it
   continues and an earlier mention of itself.

An event is a commitment when it gives an amount or an object to a recipient.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from onrecord.extract.amounts import find_amounts_in_text
from onrecord.extract.entities import EntityTable
from onrecord.extract.events_context import (
    Draft,
    attach_amounts,
    attach_times,
    date_after,
    find_occasions,
    inherit,
    merge_repeats,
)
from onrecord.extract.events_frames import Frame, find_frames
from onrecord.extract.events_lexicon import Lexicon
from onrecord.extract.events_roles import PLACE_TARGET_TYPES, Mention, RoleReader
from onrecord.extract.timex import find_times
from onrecord.ids import content_id
from onrecord.model import Article, Event, Participant, Place, Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EXTRACTOR", "Draft", "find_events", "link_events"]

EXTRACTOR = "events.v1"
GIVING = frozenset({"AID", "AGREE", "COOPERATE", "SUPPORT"})


def find_events(
    doc: Doc,
    article: Article,
    table: EntityTable,
    *,
    times: list[TimeValue] | None = None,
    lexicon: Lexicon | None = None,
) -> list[Draft]:
    """Every event in ``doc`` as drafts whose participants point at the (unfrozen) entity table.

    ``times`` are the article's time expressions (:func:`find_times`), found here when not given.
    """
    lexicon = lexicon or Lexicon.load()
    times = find_times(doc, article.date) if times is None else times
    reader = RoleReader(doc, table)
    skipped = [(r.span.start, r.span.end) for r in article.related]
    frames = [f for f in find_frames(doc, lexicon) if not _inside(f.head.idx, skipped)]
    text = article.text  # the Doc rebuilds its text from the tokens at every access
    drafts = [_draft(frame, reader, text) for frame in frames]
    occasions = find_occasions(doc, reader)
    occasion_times = attach_times(drafts, times, doc, occasions)
    attach_amounts(drafts, find_amounts_in_text(text), doc)
    inherit(drafts, text, occasion_times, article.date, occasions)
    drafts = merge_repeats([d for d in drafts if d.participants or (d.place and d.time)])
    date_after(drafts)
    return drafts


def _draft(frame: Frame, reader: RoleReader, text: str) -> Draft:
    participants = reader.participants(frame)
    place = reader.place(frame)
    if (
        place is not None
        and frame.type in PLACE_TARGET_TYPES
        and not any(m.role == "target" for m in participants)
    ):
        participants.append(replace(place, role="target"))  # "imposed a curfew in Cizre"
    return Draft(
        frame=frame,
        participants=participants,
        place=place,
        occasion=reader.occasion(frame),
        evidence=_evidence(frame, text),
    )


def link_events(drafts: list[Draft], article: Article, ids: dict[int, str]) -> tuple[Event, ...]:
    """Event records for ``drafts`` with entity ids from the frozen table (``ids``: id(cluster) -> id)."""
    return tuple(_event(draft, article, ids) for draft in drafts)


def _event(draft: Draft, article: Article, ids: dict[int, str]) -> Event:
    text = article.text
    frame = draft.frame
    trigger = _span(text, frame.core.idx, frame.core.idx + len(frame.core))
    amount_span = draft.amount.span if draft.amount is not None else None
    participants = tuple(
        _participant(m, text, ids)
        for m in draft.participants
        if not (
            m.role == "object"
            and amount_span is not None
            and m.start < amount_span.end
            and amount_span.start < m.end
        )
    )
    recipients = [p for p in participants if p.role == "recipient"]
    things = [p for p in participants if p.role == "object"]
    place = draft.place
    return Event(
        id=content_id("v", article.id, trigger.start, trigger.end, frame.type),
        type=frame.type,
        kind=frame.kind,
        trigger=trigger,
        participants=participants,
        place=Place(entity=_entity(place, ids), text=place.text) if place is not None else None,
        time=draft.time,
        period=draft.period,
        amount=draft.amount,
        status=frame.status,  # type: ignore[arg-type]
        evidence=_span(text, *draft.evidence),
        commitment=bool(recipients) and (draft.amount is not None or bool(things)) and frame.type in GIVING,
    )


def _participant(mention: Mention, text: str, ids: dict[int, str]) -> Participant:
    return Participant(
        role=mention.role,
        entity=_entity(mention, ids),
        text=mention.text,
        span=_span(text, mention.start, mention.end),
    )


def _entity(mention: Mention | None, ids: dict[int, str]) -> str | None:
    if mention is None or mention.cluster is None:
        return None
    return ids.get(id(mention.cluster))


def _evidence(frame: Frame, text: str) -> tuple[int, int]:
    """The sentence of the event, kept inside its paragraph."""
    sentence = frame.head.sent
    start, end = sentence.start_char, sentence.end_char
    position = frame.head.idx
    start = max(start, text.rfind("\n", 0, position) + 1)
    line_end = text.find("\n", position)
    end = min(end, line_end) if line_end != -1 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)
