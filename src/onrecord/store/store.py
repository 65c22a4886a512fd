"""The store: extractions in, statements, entities and articles out.

One :class:`Store` wraps one SQLAlchemy engine. Opening it brings the schema up to date with the
migrations shipped in the package. Writing is one transaction per article and idempotent: an
article whose content-hash id is already stored is skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    RowMapping,
    Select,
    Text,
    and_,
    cast,
    create_engine,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from onrecord.errors import StoreError
from onrecord.model import Entity, Extraction, Role
from onrecord.store import rows
from onrecord.store.events import (
    EventQuery,
    EventRow,
    LedgerRow,
    TimelineRow,
    commitment_ledger,
    entity_timeline,
    insert_events,
    list_events,
)
from onrecord.store.migrate import upgrade
from onrecord.store.records import (
    DEFAULT_STATEMENT_LIMIT,
    ArticleRow,
    Counts,
    DayCount,
    EntityRow,
    StatementPage,
    StatementQuery,
    StatementRow,
)
from onrecord.store.schema import articles, entities, entity_aliases, events, statements
from onrecord.store.search import entities_named, fold, search_clause, speaker_clause, words_clause
from onrecord.store.url import DEFAULT_DB, database_url

log = logging.getLogger("onrecord")


class Store:
    """A database of extractions. Build it with :meth:`Store.open`; close it when done."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, db: str | Path | None = None, *, create: bool = True) -> Store:
        """Open (creating and migrating when needed) the store at a path or SQLAlchemy URL.

        ``None`` means ``./onrecord.db``; ``":memory:"`` an in-memory SQLite store. With ``create=False``
        a SQLite file that does not exist is a StoreError, not a new empty store: a command that only
        reads would otherwise answer "nothing stored" for a mistyped path.
        """
        url = database_url(db)
        shown = _shown(url)
        if not create and url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
            raise StoreError(
                f"no onrecord database at {shown}; pass the --db you ingested into, "
                f"or ingest articles first: onrecord ingest PATH --db {db if db is not None else DEFAULT_DB}"
            )
        engine = _engine(url, shown)
        try:
            with engine.begin() as connection:
                upgrade(connection, shown)
        except StoreError:
            engine.dispose()
            raise
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(
                f"cannot open the store at {shown} ({_reason(exc)}); "
                "check the path exists and is an onrecord database, or pass another --db"
            ) from exc
        log.debug("opened store %s", shown)
        return cls(engine, shown)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._read() as connection:
            found = connection.execute(select(articles.c.id).where(articles.c.id == article_id)).first()
        return found is not None

    def add(self, extraction: Extraction) -> bool:
        """Store one extraction in one transaction; False (and no change) if the article is stored."""
        article = extraction.article
        try:
            with self.engine.begin() as connection:
                exists = connection.execute(select(articles.c.id).where(articles.c.id == article.id)).first()
                if exists is not None:
                    return False
                _insert(connection, extraction)
        except IntegrityError as exc:
            if self.has_article(article.id):  # stored meanwhile by another process
                return False
            raise StoreError(
                f"cannot store {article.source} ({_reason(exc)}); the extraction repeats an id: "
                "report this article to the onrecord developers"
            ) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write {article.source} to {self.url} ({_reason(exc)})") from exc
        return True

    # ---- reading -------------------------------------------------------------------------------

    def statements(self, query: StatementQuery | None = None) -> list[StatementRow]:
        """The statements ``query`` asks for, newest first."""
        return list(self.statement_page(query or StatementQuery()).rows)

    def statement_page(self, query: StatementQuery) -> StatementPage:
        """One page of statements and the cursor that continues after it."""
        if query.limit is not None and query.limit < 1:
            raise StoreError(f"limit must be at least 1, not {query.limit}")
        if query.offset < 0:
            raise StoreError(f"offset must be 0 or more, not {query.offset}")
        # Page over the narrow (pk, sort_key) index entries first, then read the wide rows of that page.
        keys = (
            select(statements.c.pk)
            .where(*self._statement_filters(query))
            .order_by(statements.c.sort_key.desc())
        )
        if query.limit is not None:
            keys = keys.limit(query.limit + 1)  # one more tells whether a next page exists
        if query.offset:
            keys = keys.offset(query.offset)
        page = keys.subquery()
        selection = (
            select(statements, articles.c.title, articles.c.outlet)
            .join(page, page.c.pk == statements.c.pk)
            .join(articles, articles.c.id == statements.c.article_id)
            .order_by(statements.c.sort_key.desc())
        )
        with self._read() as connection:
            found = [row._mapping for row in connection.execute(selection)]
        has_more = query.limit is not None and len(found) > query.limit
        found = found[: query.limit] if query.limit is not None else found
        next_cursor = rows.encode_cursor(found[-1]["sort_key"]) if has_more else None
        return StatementPage(
            rows=tuple(rows.statement_row_from_row(row) for row in found), next_cursor=next_cursor
        )

    def statement_days(self, query: StatementQuery) -> list[DayCount]:
        """How many statements ``query`` matches on each day, oldest first (paging is ignored)."""
        matching = self._statement_select(dataclasses.replace(query, cursor=None)).order_by(None).subquery()
        selection = (
            select(matching.c.day, func.count().label("statements"))
            .where(matching.c.day.is_not(None))
            .group_by(matching.c.day)
            .order_by(matching.c.day)
        )
        with self._read() as connection:
            found = connection.execute(selection).all()
        return [DayCount(day=day, statements=count) for day, count in found]

    def articles(
        self, *, search: str | None = None, limit: int = DEFAULT_STATEMENT_LIMIT
    ) -> list[ArticleRow]:
        """Stored articles, newest first; ``search`` keeps those whose title has every word of it."""
        if limit < 1:
            raise StoreError(f"limit must be at least 1, not {limit}")
        count = (
            select(func.count())
            .where(statements.c.article_id == articles.c.id)
            .scalar_subquery()
            .label("statements")
        )
        fields = (articles.c.id, articles.c.source, articles.c.title, articles.c.date, articles.c.outlet)
        selection = (
            select(*fields, count).order_by(articles.c.date.desc().nulls_last(), articles.c.id).limit(limit)
        )
        if search is not None:
            selection = selection.where(words_clause(articles.c.title, search))
        with self._read() as connection:
            found = [row._mapping for row in connection.execute(selection)]
        return [ArticleRow.model_validate(dict(row)) for row in found]

    def entities(
        self,
        type: str | None = None,  # noqa: A002 (the field is called type everywhere else)
        name: str | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[EntityRow]:
        """Actors with their statement counts, most quoted first.

        ``type`` is PERSON, ORG, … in any case; ``name`` matches a name, an alias or a run of their
        words like ``StatementQuery.speaker``. Entities with the same folded name and type are
        taken together across articles.
        """
        groups = self._entity_groups(type, name).limit(limit).offset(offset or None).subquery()
        # One row per distinct spelling in a group, not per entity: a name quoted in 5,000 articles
        # mostly comes with the same aliases and roles each time.
        spelling = (entities.c.name, cast(entities.c.aliases, Text), cast(entities.c.roles, Text))
        members = (
            select(entities.c.folded, entities.c.type, *spelling, func.count().label("times"))
            .add_columns(groups.c.articles, groups.c.statements)
            .join(groups, and_(groups.c.folded == entities.c.folded, groups.c.type == entities.c.type))
            .group_by(entities.c.folded, entities.c.type, *spelling, groups.c.articles, groups.c.statements)
            .order_by(func.min(entities.c.pk))
        )
        with self._read() as connection:
            found = [row._mapping for row in connection.execute(members)]
        return _group_entities(found)

    def _entity_groups(self, type_: str | None, name: str | None) -> Select[Any]:
        """(folded, type) groups with their article and statement counts, most quoted first."""
        spoken = (
            select(statements.c.speaker_pk, func.count().label("n"))
            .where(statements.c.speaker_pk.is_not(None))
            .group_by(statements.c.speaker_pk)
            .subquery()
        )
        statement_count = func.coalesce(func.sum(spoken.c.n), 0).label("statements")
        article_count = func.count(entities.c.article_id.distinct()).label("articles")
        selection = (
            select(entities.c.folded, entities.c.type, article_count, statement_count)
            .outerjoin(spoken, spoken.c.speaker_pk == entities.c.pk)
            .group_by(entities.c.folded, entities.c.type)
            .order_by(statement_count.desc(), article_count.desc(), entities.c.folded, entities.c.type)
        )
        if type_ is not None:
            selection = selection.where(entities.c.type == type_.upper())
        if name is not None:
            selection = selection.where(entities.c.pk.in_(entities_named(fold(name))))
        return selection

    def find_article_id(self, prefix: str) -> str | None:
        """The id of the one stored article whose id starts with ``prefix``; None if there is none."""
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        selection = select(articles.c.id).where(articles.c.id.like(like, escape="\\")).limit(2)
        with self._read() as connection:
            found = connection.execute(selection).scalars().all()
        if len(found) > 1:
            raise StoreError(
                f"article id prefix {prefix!r} matches more than one article; give more characters"
            )
        return found[0] if found else None

    def article(self, article_id: str) -> Extraction | None:
        """The full extraction of one stored article, as it was added; None if it is not stored."""
        with self._read() as connection:
            row = connection.execute(select(articles).where(articles.c.id == article_id)).first()
            if row is None:
                return None
            by_article = [entities.c.article_id == article_id]
            entity_rows = connection.execute(select(entities).where(*by_article).order_by(entities.c.pk))
            statement_rows = connection.execute(
                select(statements)
                .where(statements.c.article_id == article_id)
                .order_by(statements.c.position)
            )
            event_rows = connection.execute(
                select(events).where(events.c.article_id == article_id).order_by(events.c.position)
            )
            return Extraction(
                article=rows.article_from_row(row._mapping),
                entities=tuple(rows.entity_from_row(r._mapping) for r in entity_rows),
                statements=tuple(rows.statement_from_row(r._mapping) for r in statement_rows),
                events=tuple(rows.event_from_row(r._mapping) for r in event_rows),
            )

    # ---- events (queries in onrecord.store.events) ---------------------------------------------

    def events(self, query: EventQuery | None = None) -> list[EventRow]:
        """Events by type, actor, target and date range, in the order they happened."""
        with self._read() as connection:
            return list_events(connection, query or EventQuery())

    def commitments(self, by: str | None = None, to: str | None = None) -> list[LedgerRow]:
        """The commitments ledger: one row per commitment, with its first report."""
        with self._read() as connection:
            return commitment_ledger(connection, by=by, to=to)

    def timeline(self, name: str) -> list[TimelineRow]:
        """Statements and events involving an entity, in the order they happened."""
        with self._read() as connection:
            return entity_timeline(connection, name)

    def counts(self) -> Counts:
        with self._read() as connection:
            found = {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (articles, entities, statements, events)
            }
        return Counts(**found)

    # ---- helpers -------------------------------------------------------------------------------

    def _read(self) -> Connection:
        try:
            return self.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read {self.url} ({_reason(exc)})") from exc

    def _statement_select(self, query: StatementQuery) -> Select[Any]:
        return (
            select(statements, articles.c.title, articles.c.outlet)
            .join(articles, articles.c.id == statements.c.article_id)
            .where(*self._statement_filters(query))
            .order_by(statements.c.sort_key.desc())
        )

    def _statement_filters(self, query: StatementQuery) -> list[ColumnElement[bool]]:
        filters: list[ColumnElement[bool]] = []
        if query.speaker is not None:
            filters.append(speaker_clause(query.speaker))
        if query.search is not None:
            filters.append(search_clause(self.engine.dialect.name, query.search))
        if query.since is not None:
            filters.append(statements.c.day >= query.since)
        if query.until is not None:
            filters.append(statements.c.day <= query.until)
        if query.article is not None:
            filters.append(statements.c.article_id == query.article)
        if query.kind is not None:
            filters.append(statements.c.kind == query.kind)
        if query.cursor is not None:
            filters.append(statements.c.sort_key < rows.decode_cursor(query.cursor))
        return filters


def _insert(connection: Connection, extraction: Extraction) -> None:
    article = extraction.article
    connection.execute(insert(articles), rows.article_row(article, dt.datetime.now(dt.UTC)))
    entity_pks = _insert_entities(connection, article.id, extraction.entities)
    statement_rows = []
    for position, statement in enumerate(extraction.statements):
        speaker_pk = entity_pks.get(statement.speaker.entity) if statement.speaker.entity else None
        if statement.speaker.entity and speaker_pk is None:
            log.warning("statement %s names unknown entity %s", statement.id, statement.speaker.entity)
        statement_rows.append(rows.statement_row(article, position, statement, speaker_pk))
    if statement_rows:
        connection.execute(insert(statements), statement_rows)
    names = {entity.id: entity.name for entity in extraction.entities}
    insert_events(connection, article.id, extraction.events, entity_pks, names)


def _insert_entities(connection: Connection, article_id: str, found: Iterable[Entity]) -> dict[str, int]:
    """Insert the entities and their aliases; return the surrogate key of each entity id."""
    entity_list = list(found)
    if not entity_list:
        return {}
    returning = insert(entities).returning(entities.c.pk, sort_by_parameter_order=True)
    pks = connection.execute(returning, [rows.entity_row(article_id, e) for e in entity_list]).scalars().all()
    alias_rows = [alias for pk, e in zip(pks, entity_list, strict=True) for alias in rows.alias_rows(pk, e)]
    if alias_rows:
        connection.execute(insert(entity_aliases), alias_rows)
    return {e.id: pk for pk, e in zip(pks, entity_list, strict=True)}


def _group_entities(found: list[RowMapping]) -> list[EntityRow]:
    """Entity rows of the same (folded name, type) as one EntityRow each, most quoted first."""
    groups: dict[tuple[str, str], list[RowMapping]] = {}
    for row in found:
        groups.setdefault((row["folded"], row["type"]), []).append(row)
    result = []
    for (folded, type_), members in groups.items():
        times: Counter[str] = Counter()
        for member in members:
            times[member["name"]] += member["times"]
        name = times.most_common(1)[0][0]
        spelled = [m["name"] for m in members] + [a for m in members for a in json.loads(m["aliases"])]
        aliases = dict.fromkeys(alias for alias in spelled if alias != name)
        roles = dict.fromkeys(
            (r["title"], r.get("organization")) for m in members for r in json.loads(m["roles"])
        )
        result.append(
            EntityRow(
                key=f"{type_}:{folded}",
                name=name,
                type=type_,
                aliases=tuple(aliases),
                roles=tuple(Role(title=title, organization=organization) for title, organization in roles),
                articles=members[0]["articles"],
                statements=members[0]["statements"],
            )
        )
    # the same order as _entity_groups: statements, articles, folded name, type
    return sorted(result, key=lambda e: (-e.statements, -e.articles, *reversed(e.key.split(":", 1))))


def _engine(url: str, shown: str) -> Engine:
    sqlite = url.startswith("sqlite")
    options: dict[str, Any] = {}
    if sqlite and make_url(url).database in (None, "", ":memory:"):
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    elif sqlite:
        options = {"connect_args": {"timeout": 30}}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(
            f"cannot use the store URL {shown} ({_reason(exc)}); pass a file path or a URL such as "
            "sqlite:///onrecord.db (PostgreSQL needs its driver installed)"
        ) from exc
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")  # readers (the API) keep reading while ingest writes
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _shown(url: str) -> str:
    """The URL as it may appear in messages: passwords hidden, file paths plain."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def _reason(exc: BaseException) -> str:
    """The driver's own words for an error, without SQLAlchemy's SQL and links."""
    original = getattr(exc, "orig", None)
    return str(original or exc).splitlines()[0]
