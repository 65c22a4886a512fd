"""Events in the store: writing their participants, and the three questions asked of them.

- ``list_events``: events filtered by PLOVER type, actor, target and a date range (event time,
  falling back to the article date), in event-time order;
- ``commitment_ledger``: who committed what to whom, how much, for which period, decided when, and
  the outlet and date of the first article that reported it (reports of the same commitment in
  several articles are one ledger row);
- ``entity_timeline``: the statements and events involving an entity, ordered by when they happened
  (the event time or the statement's own date) rather than when they were published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, insert, or_, select

from onrecord.errors import StoreError
from onrecord.model import Amount, Event, Participant, Record, TimeValue
from onrecord.store.rows import event_row
from onrecord.store.schema import articles, event_participants, events, statements
from onrecord.store.search import entities_named, fold, speaker_clause

DEFAULT_EVENT_LIMIT = 100
TARGET_ROLES = ("target", "recipient")


@dataclass(frozen=True, kw_only=True)
class EventQuery:
    """Which events to list; every filter optional, combined with AND. ``since``/``until`` are
    inclusive and compare with the event's time range (the article date when it has none)."""

    type: str | None = None
    actor: str | None = None
    target: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    commitments: bool = False
    limit: int | None = DEFAULT_EVENT_LIMIT


class EventRow(Record):
    """One stored event with the article fields a listing needs."""

    event: Event
    article_id: str
    article_date: dt.date | None = None
    outlet: str | None = None
    title: str | None = None

    @property
    def day(self) -> dt.date | None:
        """When it happened (the start of its time), else when it was published."""
        time = self.event.time
        return time.start if time is not None and time.start is not None else self.article_date

    def names(self, *roles: str) -> list[str]:
        return [p.text for p in self.event.participants if p.role in roles]


class LedgerRow(Record):
    """One commitment: who, to whom, what, how much, for when, decided when, first reported where."""

    by: tuple[str, ...]
    to: tuple[str, ...]
    what: str | None = None
    amount: Amount | None = None
    period: TimeValue | None = None
    decided: TimeValue | None = None
    status: str
    first_outlet: str | None = None
    first_date: dt.date | None = None
    first_article: str
    reports: int
    evidence: str


class TimelineRow(Record):
    """A statement or an event involving an entity, placed at the time it happened."""

    day: dt.date | None = None
    kind: str  # "statement" | "event"
    role: str  # speaker | actor | target | recipient | object
    text: str
    article_id: str
    article_date: dt.date | None = None
    outlet: str | None = None


# ---- writing -------------------------------------------------------------------------------------


def insert_events(
    connection: Connection,
    article_id: str,
    found: tuple[Event, ...],
    entity_pks: dict[str, int],
    names: dict[str, str],
) -> None:
    """Insert the events of one article and their participants (``names``: entity id -> name)."""
    for position, event in enumerate(found):
        row = {**event_row(article_id, position, event), "commitment": event.commitment}
        pk = connection.execute(insert(events).returning(events.c.pk), row).scalar_one()
        people = [_participant_row(pk, p, entity_pks, names) for p in event.participants]
        if people:
            connection.execute(insert(event_participants), people)


def _participant_row(
    event_pk: int, participant: Participant, entity_pks: dict[str, int], names: dict[str, str]
) -> dict[str, Any]:
    entity = participant.entity
    name = names.get(entity, participant.text) if entity else participant.text
    return {
        "event_pk": event_pk,
        "role": participant.role,
        "entity_pk": entity_pks.get(entity) if entity else None,
        "name": name,
        "folded": fold(name),
    }


# ---- reading -------------------------------------------------------------------------------------


def list_events(connection: Connection, query: EventQuery) -> list[EventRow]:
    if query.limit is not None and query.limit < 1:
        raise StoreError(f"limit must be at least 1, not {query.limit}")
    selection = _event_select().where(*_event_filters(query)).order_by(_event_day(), events.c.pk)
    if query.limit is not None:
        selection = selection.limit(query.limit)
    return [_event_row(r._mapping) for r in connection.execute(selection)]


def commitment_ledger(
    connection: Connection, by: str | None = None, to: str | None = None
) -> list[LedgerRow]:
    """Commitments, one row per distinct commitment, earliest report first."""
    query = EventQuery(actor=by, target=to, commitments=True, limit=None)
    rows = sorted(list_events(connection, query), key=lambda r: (r.article_date or dt.date.max, r.article_id))
    ledger: dict[tuple[Any, ...], list[EventRow]] = {}
    for row in rows:
        ledger.setdefault(_commitment_key(row), []).append(row)
    return [_ledger_row(reports) for reports in ledger.values()]


def entity_timeline(connection: Connection, name: str) -> list[TimelineRow]:
    """Statements by and events involving the entity called ``name``, in the order they happened."""
    folded = fold(name)
    if not folded:
        raise StoreError(f"entity {name!r} has no letters to match; give a name such as Rutte")
    found: list[TimelineRow] = []
    selection = (
        select(statements, articles.c.date.label("article_date"), articles.c.outlet)
        .join(articles, articles.c.id == statements.c.article_id)
        .where(speaker_clause(name))
    )
    for row in connection.execute(selection):
        m = row._mapping
        text = " … ".join(span["text"] for span in m["content"])
        found.append(
            TimelineRow(
                day=m["date"] or m["article_date"], kind="statement", role="speaker", text=text,
                article_id=m["article_id"], article_date=m["article_date"], outlet=m["outlet"],
            )
        )  # fmt: skip
    involved = (
        _event_select()
        .add_columns(event_participants.c.role)
        .join(event_participants, event_participants.c.event_pk == events.c.pk)
        .where(_named_participant(folded))
        .order_by(events.c.pk)
    )
    seen: set[int] = set()
    for row in connection.execute(involved):
        mapping = row._mapping
        if mapping["pk"] in seen:
            continue  # named twice in one event: the first role
        seen.add(mapping["pk"])
        event_row = _event_row(mapping)
        found.append(
            TimelineRow(
                day=event_row.day, kind="event", role=mapping["role"], text=_event_summary(event_row),
                article_id=event_row.article_id, article_date=event_row.article_date, outlet=event_row.outlet,
            )
        )  # fmt: skip
    return sorted(found, key=lambda r: (r.day or dt.date.max, r.article_date or dt.date.max, r.kind))


# ---- helpers -------------------------------------------------------------------------------------


def _event_select() -> Select[Any]:
    return select(
        events.c.pk,
        events.c.record,
        events.c.article_id,
        articles.c.date.label("article_date"),
        articles.c.outlet,
        articles.c.title,
    ).join(articles, articles.c.id == events.c.article_id)


def _event_day() -> ColumnElement[Any]:
    return func.coalesce(events.c.time_start, articles.c.date)


def _event_filters(query: EventQuery) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if query.type is not None:
        filters.append(events.c.type == query.type.upper())
    if query.actor is not None:
        filters.append(_involves(_folded(query.actor, "--actor"), ("actor",)))
    if query.target is not None:
        filters.append(_involves(_folded(query.target, "--target"), TARGET_ROLES))
    if query.since is not None:
        filters.append(func.coalesce(events.c.time_end, events.c.time_start, articles.c.date) >= query.since)
    if query.until is not None:
        filters.append(_event_day() <= query.until)
    if query.commitments:
        filters.append(events.c.commitment.is_(True))
    return filters


def _named_participant(folded: str) -> ColumnElement[bool]:
    """A participant named ``folded`` or linked to an entity with that name or alias."""
    return or_(
        event_participants.c.entity_pk.in_(entities_named(folded)), event_participants.c.folded == folded
    )


def _involves(folded: str, roles: tuple[str, ...] | None) -> ColumnElement[bool]:
    """Events with a participant (in ``roles``) named ``folded`` or any alias of its entity."""
    condition = and_(event_participants.c.event_pk == events.c.pk, _named_participant(folded))
    if roles is not None:
        condition = and_(condition, event_participants.c.role.in_(roles))
    return exists().where(condition)


def _folded(name: str, option: str) -> str:
    folded = fold(name)
    if not folded:
        raise StoreError(f"{option} {name!r} has no letters to match; give a name such as {option} NATO")
    return folded


def _event_row(mapping: Any) -> EventRow:
    return EventRow(
        event=Event.model_validate(mapping["record"]),
        article_id=mapping["article_id"],
        article_date=mapping["article_date"],
        outlet=mapping["outlet"],
        title=mapping["title"],
    )


def _named(participant: Participant, folded: str) -> bool:
    words = fold(participant.text)
    return folded == words or f" {folded} " in f" {words} "


def _commitment_key(row: EventRow) -> tuple[Any, ...]:
    event = row.event
    amount = (event.amount.value, event.amount.currency) if event.amount is not None else None
    what = None if amount else tuple(sorted(fold(n) for n in row.names("object")))
    return (
        tuple(sorted(fold(n) for n in row.names("actor"))),
        tuple(sorted(fold(n) for n in row.names(*TARGET_ROLES))),
        amount,
        what,
        event.period.value if event.period is not None else None,
    )


def _ledger_row(reports: list[EventRow]) -> LedgerRow:
    first = reports[0]
    event = first.event
    objects = first.names("object")
    return LedgerRow(
        by=tuple(first.names("actor")),
        to=tuple(first.names(*TARGET_ROLES)),
        what=", ".join(objects) if objects else (event.amount.text if event.amount else None),
        amount=event.amount,
        period=event.period,
        decided=event.time,
        status=event.status,
        first_outlet=first.outlet,
        first_date=first.article_date,
        first_article=first.article_id,
        reports=len(reports),
        evidence=event.evidence.text,
    )


def _event_summary(row: EventRow) -> str:
    event = row.event
    who = ", ".join(row.names("actor")) or "?"
    whom = ", ".join(row.names(*TARGET_ROLES))
    kind = event.kind or event.type.lower()
    return (
        f"{who}: {kind}{' → ' + whom if whom else ''} ({event.type}, {event.status}) — {event.evidence.text}"
    )
