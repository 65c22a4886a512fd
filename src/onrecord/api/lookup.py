"""Finding actors and statement pages in the store for the API and the pages alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from onrecord.api.errors import ApiError
from onrecord.errors import StoreError
from onrecord.model import StatementKind
from onrecord.store import EntityRow, StatementPage, StatementQuery, Store, fold

MAX_PAGE = 500  # statements one request may ask for


@dataclass(frozen=True, kw_only=True)
class StatementFilters:
    """The filters the statement listing, its exports and its page share (blank means unset)."""

    speaker: str | None = None
    q: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None
    kind: StatementKind | None = None

    def query(self, *, limit: int | None, cursor: str | None = None) -> StatementQuery:
        return StatementQuery(
            speaker=_given(self.speaker),
            search=_given(self.q),
            since=self.since,
            until=self.until,
            article=_given(self.article),
            kind=self.kind,
            limit=limit,
            cursor=_given(cursor),
        )

    def params(self) -> dict[str, str]:
        """The filters that are set, as URL query parameters."""
        found = {
            "speaker": _given(self.speaker),
            "q": _given(self.q),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "article": _given(self.article),
            "kind": self.kind,
        }
        return {name: value for name, value in found.items() if value}


class InvalidQuery(ApiError):
    """The filters cannot be answered (no words to search, a foreign cursor …); the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(422, message)


@contextmanager
def refused_as_invalid() -> Iterator[None]:
    """Filters the store refuses (no words, no letters, a foreign cursor) become :class:`InvalidQuery`."""
    try:
        yield
    except StoreError as exc:
        raise InvalidQuery(str(exc)) from exc


def statement_page(store: Store, query: StatementQuery) -> StatementPage:
    """One page of statements; filters the store refuses become :class:`InvalidQuery`."""
    with refused_as_invalid():
        return store.statement_page(query)


def entities_named(store: Store, folded: str, type_: str | None = None) -> list[EntityRow]:
    """The actors whose folded name is exactly ``folded`` (of ``type_`` when given), most quoted first."""
    if not folded:
        return []
    return [
        row
        for row in store.entities(type=type_, name=folded)
        if row.key.split(":", 1)[1] == folded and (type_ is None or row.type == type_.upper())
    ]


def entity_by_key(store: Store, key: str) -> EntityRow | None:
    """The actor with ``key`` ("PERSON:mark rutte", as the entity listing gives it), or None."""
    type_, _, folded = key.partition(":")
    if not type_ or fold(folded) != folded:
        return None
    found = entities_named(store, folded, type_)
    return found[0] if found else None


def _given(value: str | None) -> str | None:
    """``value`` with surrounding space removed; None when nothing is left."""
    stripped = value.strip() if value is not None else ""
    return stripped or None
