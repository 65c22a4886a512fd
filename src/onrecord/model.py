"""Typed records: what onrecord reads, extracts and stores.

Every record is a frozen pydantic model built with keyword arguments. Dicts exist only at the
JSON and database edges (``model_dump`` / ``model_validate``). Offsets are character offsets
into ``Article.text`` with an exclusive end.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

StatementKind = Literal["direct", "indirect", "mixed"]
EventStatus = Literal["past", "ongoing", "planned", "hypothetical"]
Granularity = Literal[
    "day", "week", "month", "quarter", "season", "half", "year", "decade", "century", "time", "vague"
]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]  # TimeML TIMEX3 types


class Record(BaseModel):
    """Base of all records: immutable, keyword-only, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


class CitedSource(Record):
    """An outlet or agency the article says it relies on ("with reference to UNIAN")."""

    name: str
    relation: str  # "reported_by" | "with_reference_to" | "citing" | "according_to" | "dateline"
    span: Span


class RelatedItem(Record):
    """A "Read more: …" style link line: shown as related, not treated as body text."""

    text: str
    kind: str  # "read_more" | "see_also" | …
    span: Span


class Article(Record):
    """One news article as read from a file, a JSONL record or stdin."""

    id: str
    source: str
    url: str | None = None
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    language: str = "en"
    text: str
    cited_sources: tuple[CitedSource, ...] = ()
    related: tuple[RelatedItem, ...] = ()


class Role(Record):
    """A title an actor holds, optionally within an organization (Secretary General, NATO)."""

    title: str
    organization: str | None = None


class Entity(Record):
    """A canonical actor within one article, with every mention that refers to it."""

    id: str
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | PLAN | EVENT | FAC | …
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: tuple[Span, ...] = ()


class Speaker(Record):
    """Who a statement is attributed to: the mention as written and the entity it resolves to."""

    entity: str | None = None
    name: str | None = None
    span: Span | None = None


class Statement(Record):
    """An attributed statement: direct, indirect or mixed quote."""

    id: str
    speaker: Speaker
    cue: Span | None = None
    content: tuple[Span, ...]
    kind: StatementKind
    date: dt.date | None = None


class TimeValue(Record):
    """A normalized time: inclusive date range, granularity and the TimeML-style value."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: Granularity = "day"
    value: str | None = None  # TimeML value: 2024-10-16, 2024-W40, 2024-07, 2025, PAST_REF …
    span: Span | None = None
    type: TimexType = "DATE"
    mod: str | None = None  # TimeML mod: START, END, MID, APPROX, MORE_THAN, LESS_THAN …


class Amount(Record):
    """A quantity of money or other units: "€40 billion" -> 40e9 EUR."""

    value: float | None = None
    currency: str | None = None  # ISO 4217
    unit: str | None = None
    text: str
    span: Span | None = None
    low: float | None = None  # a range "$5-7 billion": low 5e9, high 7e9 (value is the low end)
    high: float | None = None
    qualifier: str | None = None  # "at_least" | "up_to" | "about" | "more_than" | "less_than"
    per: str | None = None  # "year" | "month" | … for "a year", "per month"; or a period "2025"


class Participant(Record):
    role: str  # actor | target | recipient | …
    entity: str | None = None
    text: str
    span: Span | None = None


class Place(Record):
    entity: str | None = None
    text: str


class Event(Record):
    """Who did, decided or promised what, to whom, where, when, how much."""

    id: str
    type: str  # PLOVER type: AGREE, CONSULT, SUPPORT, AID, …
    kind: str | None = None  # visit | call | meeting | decision | commitment | establishment | …
    trigger: Span
    participants: tuple[Participant, ...] = ()
    place: Place | None = None
    time: TimeValue | None = None  # when it happened or was decided
    period: TimeValue | None = None  # the span a commitment covers ("over the course of 2025")
    amount: Amount | None = None
    status: EventStatus = "past"
    evidence: Span
    commitment: bool = False  # an amount or an object (fund, command, weapons) given to a recipient


class Extraction(Record):
    """Everything extracted from one article: the unit `onrecord extract` prints per line."""

    article: Article
    entities: tuple[Entity, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()


class Failure(Record):
    """An input item that could not be read or extracted, with the reason and the fix."""

    source: str
    line: int | None = None
    problem: str
    fix: str

    @property
    def message(self) -> str:
        where = f"line {self.line} of {self.source}" if self.line is not None else self.source
        return f"{where}: {self.problem}; {self.fix}"
