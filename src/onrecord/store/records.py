"""What the store answers with: typed rows and the query record that asks for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onrecord.model import Record, Role, Span, Speaker, StatementKind

DEFAULT_STATEMENT_LIMIT = 50


@dataclass(frozen=True, kw_only=True)
class StatementQuery:
    """Which statements to list. Every filter is optional; filters combine with AND.

    ``speaker`` matches the speaker's canonical name or any alias, whole words, without regard to
    case or diacritics ("rütte" finds "Mark Rutte"). ``search`` is full text over the content and
    the speaker name. ``since``/``until`` are inclusive and apply to the statement's date (the
    article's date when the statement has none). Results come newest first; page with ``limit``
    and either ``offset`` or the ``next_cursor`` of the previous page.
    """

    speaker: str | None = None
    search: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None
    kind: StatementKind | None = None
    limit: int | None = DEFAULT_STATEMENT_LIMIT
    offset: int = 0
    cursor: str | None = None


class StatementRow(Record):
    """One stored statement with the article fields a listing needs."""

    id: str
    article_id: str
    position: int
    speaker: Speaker
    cue: Span | None = None
    content: tuple[Span, ...]
    text: str  # the content spans joined with " … "
    kind: StatementKind
    date: dt.date | None = None  # as extracted
    day: dt.date | None = None  # the statement date, else the article date
    extractor: str
    article_title: str | None = None
    outlet: str | None = None


class StatementPage(Record):
    """One page of statements; ``next_cursor`` is None on the last page."""

    rows: tuple[StatementRow, ...]
    next_cursor: str | None = None


class EntityRow(Record):
    """An actor across the store: entities with the same folded name and type, taken together.

    Entities are canonical within one article; until cross-article resolution lands, the store
    groups them by folded name and type (``key``).
    """

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    articles: int
    statements: int


class Counts(Record):
    """How many rows each table holds."""

    articles: int
    entities: int
    statements: int
    events: int


class DayCount(Record):
    """How many statements fall on one day (for timelines)."""

    day: dt.date
    statements: int


class ArticleRow(Record):
    """One stored article as a listing shows it: no text, with its statement count."""

    id: str
    source: str
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    statements: int
