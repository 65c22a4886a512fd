"""Read-only JSON endpoints: statements, entities, articles."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from onrecord.api.errors import ApiError, ErrorBody
from onrecord.api.lookup import MAX_PAGE, StatementFilters, entity_by_key, statement_page
from onrecord.api.state import store_of
from onrecord.model import Extraction, StatementKind
from onrecord.store import DEFAULT_STATEMENT_LIMIT, ArticleRow, DayCount, EntityRow, StatementRow, Store

ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in ((404, "Not found"), (422, "Invalid parameters"), (500, "Server error"))
}

router = APIRouter(prefix="/api", responses=ERRORS)
StoreDep = Annotated[Store, Depends(store_of)]


def statement_filters(
    speaker: Annotated[
        str | None, Query(description="Speaker name or any alias; case and accents ignored.")
    ] = None,
    q: Annotated[str | None, Query(description="Words that must all occur (full text).")] = None,
    since: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD, inclusive.")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD, inclusive.")] = None,
    article: Annotated[str | None, Query(description="Only statements of this article id.")] = None,
    kind: Annotated[StatementKind | None, Query(description="direct, indirect or mixed.")] = None,
) -> StatementFilters:
    return StatementFilters(speaker=speaker, q=q, since=since, until=until, article=article, kind=kind)


FiltersDep = Annotated[StatementFilters, Depends(statement_filters)]


class StatementList(BaseModel):
    statements: list[StatementRow]
    next_cursor: str | None = None
    next: str | None = None  # the URL of the next page, None on the last


class EntityList(BaseModel):
    entities: list[EntityRow]
    total: int


class EntityDetail(BaseModel):
    entity: EntityRow
    timeline: list[DayCount]  # statements per day, oldest first


class ArticleList(BaseModel):
    articles: list[ArticleRow]


@router.get("/statements", response_model=StatementList, summary="Statements, newest first")
def list_statements(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_STATEMENT_LIMIT,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page.")] = None,
) -> StatementList:
    page = statement_page(store, filters.query(limit=limit, cursor=cursor))
    following = None
    if page.next_cursor is not None:
        following = str(request.url.include_query_params(cursor=page.next_cursor))
    return StatementList(statements=list(page.rows), next_cursor=page.next_cursor, next=following)


@router.get("/entities", response_model=EntityList, summary="Actors with aliases, roles and counts")
def list_entities(
    store: StoreDep,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, PLAN, … (any case).")] = None,  # noqa: A002
    name: Annotated[str | None, Query(description="Name or alias, whole words, accents ignored.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EntityList:
    found = store.entities(type=type or None, name=name or None)
    return EntityList(entities=found[offset : offset + limit], total=len(found))


@router.get("/entities/{key:path}", response_model=EntityDetail, summary="One actor and its timeline")
def get_entity(store: StoreDep, key: str) -> EntityDetail:
    found = entity_by_key(store, key)
    if found is None:
        raise ApiError(404, f"no entity has the key {key!r}; take keys from /api/entities")
    filters = StatementFilters(speaker=found.name)
    return EntityDetail(entity=found, timeline=store.statement_days(filters.query(limit=None)))


@router.get("/articles", response_model=ArticleList, summary="Stored articles, newest first")
def list_articles(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Words the title must all contain.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = DEFAULT_STATEMENT_LIMIT,
) -> ArticleList:
    if q is not None and not any(ch.isalnum() for ch in q):
        raise ApiError(422, f"q {q!r} has no words; give at least one word or leave q out")
    return ArticleList(articles=store.articles(search=q or None, limit=limit))


@router.get("/articles/{article_id}", response_model=Extraction, summary="One article with its spans")
def get_article(store: StoreDep, article_id: str) -> Extraction:
    extraction = store.article(article_id)
    if extraction is None:
        raise ApiError(404, f"no article {article_id!r} is stored; take ids from /api/articles")
    return extraction
