"""The pages: search, statements, speakers, a speaker, articles, an article; and the error page.

Every page is rendered on the server from the store through Jinja2 templates with autoescaping
on, so article text, names and titles always reach the browser as text. Forms use GET, so every
page works without JavaScript and every view has a URL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse, Response
from starlette.templating import Jinja2Templates

from onrecord.api.errors import ApiError
from onrecord.api.lookup import InvalidQuery, StatementFilters, entities_named, statement_page
from onrecord.api.state import store_of
from onrecord.errors import StoreError
from onrecord.model import Entity, Extraction, StatementKind
from onrecord.store import StatementPage, Store, fold
from onrecord.store.events import EventQuery
from onrecord.web.highlight import KINDS, highlighted
from onrecord.web.timeline import timeline

TEMPLATE_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")
PAGE_SIZE = 50
SEARCH_SIZE = 20
LIST_SIZE = 200
STATEMENT_KINDS: tuple[StatementKind, ...] = ("direct", "indirect", "mixed")


def speaker_url(name: str | None) -> str | None:
    """The speaker page of ``name`` ("Mark Rütte" -> /speakers/mark-rutte); None without letters."""
    folded = fold(name or "")
    return "/speakers/" + quote(folded.replace(" ", "-"), safe="") if folded else None


def statements_url(**params: Any) -> str:
    """/statements with the given (non-empty) query parameters."""
    given = {name: str(value) for name, value in params.items() if value not in (None, "")}
    return "/statements" + ("?" + urlencode(given) if given else "")


def article_url(article_id: str, statement: int | None = None) -> str:
    return "/articles/" + quote(article_id, safe="") + (f"#s{statement}" if statement else "")


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) address; anything else (``javascript:``, ``data:``) gives None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=StrictUndefined, auto_reload=False
    )
    env.globals.update(
        speaker_url=speaker_url,
        statements_url=statements_url,
        article_url=article_url,
        safe_href=safe_href,
        kinds=KINDS,
        statement_kinds=STATEMENT_KINDS,
    )
    return env


templates = Jinja2Templates(env=_environment())
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(store_of)]


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(
        request, template, {"path": request.url.path, **context}, status_code=status
    )


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


class FormProblems(list[str]):
    """What a form asked that cannot be answered; shown above the results."""

    def date(self, field: str, value: str) -> dt.date | None:
        if not value.strip():
            return None
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            self.append(f"{field} {value!r} is not a date; write it as YYYY-MM-DD")
            return None

    def kind(self, value: str) -> StatementKind | None:
        for kind in STATEMENT_KINDS:
            if value == kind:
                return kind
        if value:
            self.append(f"kind {value!r} is not one of {', '.join(STATEMENT_KINDS)}")
        return None


def _page_or_problem(
    store: Store, filters: StatementFilters, problems: FormProblems, **paging: Any
) -> StatementPage:
    try:
        return statement_page(store, filters.query(**paging))
    except InvalidQuery as exc:
        problems.append(exc.message)
        return StatementPage(rows=())


@router.get("/")
def search(
    request: Request, store: StoreDep, q: str = "", speaker: str = "", since: str = "", until: str = ""
) -> Response:
    problems = FormProblems()
    filters = StatementFilters(
        q=q, speaker=speaker, since=problems.date("since", since), until=problems.date("until", until)
    )
    if not filters.params():
        speakers = [row for row in store.entities() if row.statements][:10]
        return render(
            request,
            "home.html",
            filters=filters,
            problems=problems,
            counts=store.counts(),
            speakers=speakers,
            articles=store.articles(limit=10),
        )
    words = any(ch.isalnum() for ch in q)
    page = _page_or_problem(store, filters, problems, limit=SEARCH_SIZE)
    return render(
        request,
        "search.html",
        filters=filters,
        problems=problems,
        page=page,
        speakers=store.entities(name=q)[:10] if fold(q) else [],
        articles=store.articles(search=q, limit=10) if words else [],
        more_url=statements_url(**filters.params()),
    )


@router.get("/statements")
def statements(
    request: Request,
    store: StoreDep,
    q: str = "",
    speaker: str = "",
    since: str = "",
    until: str = "",
    kind: str = "",
    article: str = "",
    cursor: str = "",
) -> Response:
    problems = FormProblems()
    filters = StatementFilters(
        q=q,
        speaker=speaker,
        since=problems.date("since", since),
        until=problems.date("until", until),
        kind=problems.kind(kind),
        article=article,
    )
    page = _page_or_problem(store, filters, problems, limit=PAGE_SIZE, cursor=cursor)
    params = filters.params()
    following = statements_url(**params, cursor=page.next_cursor) if page.next_cursor else None
    exports = {
        fmt: f"/api/statements.{fmt}" + (f"?{urlencode(params)}" if params else "")
        for fmt in ("csv", "jsonl")
    }
    return render(
        request,
        "statements.html",
        filters=filters,
        problems=problems,
        page=page,
        next_url=following,
        first_url=statements_url(**params) if cursor else None,
        exports=exports,
    )


@router.get("/speakers")
def speakers(request: Request, store: StoreDep, name: str = "", type: str = "") -> Response:  # noqa: A002
    found = (
        store.entities(type=type.strip() or None, name=name.strip() or None) if fold(name) or not name else []
    )
    return render(
        request,
        "speakers.html",
        entities=found[:LIST_SIZE],
        total=len(found),
        name=name,
        type=type.strip().upper(),
    )


@router.get("/speakers/{slug:path}")
def speaker(request: Request, store: StoreDep, slug: str, cursor: str = "") -> Response:
    folded = fold(slug)
    groups = entities_named(store, folded)
    filters = StatementFilters(speaker=groups[0].name if groups else folded)
    page = statement_page(store, filters.query(limit=PAGE_SIZE, cursor=cursor or None))
    if not groups and not page.rows and not cursor:
        raise ApiError(404, f"no speaker is called {slug!r}; find one on /speakers")
    name = groups[0].name if groups else (page.rows[0].speaker.name if page.rows else folded)
    chart = timeline(store.statement_days(filters.query(limit=None)))
    following = f"{request.url.path}?{urlencode({'cursor': page.next_cursor})}" if page.next_cursor else None
    return render(
        request,
        "speaker.html",
        name=name,
        groups=groups,
        page=page,
        chart=chart,
        next_url=following,
        all_url=statements_url(speaker=filters.speaker),
    )


@router.get("/articles")
def articles(request: Request, store: StoreDep, q: str = "") -> Response:
    problems = FormProblems()
    if q.strip() and not any(ch.isalnum() for ch in q):
        problems.append(f"{q!r} has no words; give at least one word of the title")
        found = []
    else:
        found = store.articles(search=q.strip() or None, limit=LIST_SIZE)
    return render(request, "articles.html", articles=found, q=q, problems=problems)


@router.get("/articles/{article_id}")
def article(request: Request, store: StoreDep, article_id: str) -> Response:
    extraction = store.article(article_id)
    if extraction is None:
        raise ApiError(404, f"no article {article_id!r} is stored; find one on /articles")
    return render(
        request,
        "article.html",
        extraction=extraction,
        article=extraction.article,
        pieces=highlighted(extraction),
        entities=_entities_by_type(extraction),
        original=safe_href(extraction.article.url),
    )


def _entities_by_type(extraction: Extraction) -> dict[str, list[Entity]]:
    grouped: dict[str, list[Entity]] = {}
    for entity in sorted(extraction.entities, key=lambda e: (e.type, e.name.casefold())):
        grouped.setdefault(entity.type, []).append(entity)
    return grouped


@router.get("/events")
def events(
    request: Request,
    store: StoreDep,
    type: str = "",  # noqa: A002
    actor: str = "",
    target: str = "",
    since: str = "",
    until: str = "",
) -> Response:
    problems = FormProblems()
    query = EventQuery(
        type=type.strip() or None,
        actor=actor.strip() or None,
        target=target.strip() or None,
        since=problems.date("since", since),
        until=problems.date("until", until),
        limit=LIST_SIZE,
    )
    found = []
    try:
        found = store.events(query)
    except StoreError as exc:
        problems.append(str(exc))
    form = {"type": type, "actor": actor, "target": target, "since": since, "until": until}
    return render(request, "events.html", rows=found, form=form, problems=problems, size=LIST_SIZE)


@router.get("/commitments")
def commitments(request: Request, store: StoreDep, by: str = "", to: str = "") -> Response:
    problems = FormProblems()
    found = []
    try:
        found = store.commitments(by=by.strip() or None, to=to.strip() or None)
    except StoreError as exc:
        problems.append(str(exc))
    return render(request, "commitments.html", rows=found, form={"by": by, "to": to}, problems=problems)
