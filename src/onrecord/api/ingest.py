"""``POST /api/articles``: extract an article (text, HTML, JSON or JSON lines body) and store it.

Writes are off unless the app was given a token (``ONRECORD_TOKEN`` for ``onrecord serve``); then
the request needs ``Authorization: Bearer <token>``, compared in constant time. The body is read
up to the app's size limit and no further.
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from onrecord.api.errors import ApiError, ErrorBody
from onrecord.api.state import AppState, app_state
from onrecord.model import Article, Extraction, Failure
from onrecord.read import ReadOptions
from onrecord.read.files import Format, read_bytes, sniff_format

SOURCE = "<api>"
MEDIA_FORMATS: dict[str, Format] = {
    "text/plain": "text",
    "text/html": "html",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}
BODY_DOC = {
    "requestBody": {
        "required": True,
        "description": "One article as text or HTML, or JSON / JSON lines records with a text field.",
        "content": {media: {"schema": {"type": "string"}} for media in MEDIA_FORMATS},
    }
}
WRITE_ERRORS: dict[int | str, dict[str, object]] = {
    status: {"model": ErrorBody, "description": description}
    for status, description in (
        (401, "Missing or wrong bearer token"),
        (403, "Writes are disabled"),
        (413, "Body over the size limit"),
        (422, "Nothing in the body could be read"),
    )
}

router = APIRouter(prefix="/api")


class Stored(BaseModel):
    stored: bool  # False when the article was already in the store (nothing changed)
    extraction: Extraction


class IngestResult(BaseModel):
    results: list[Stored]
    failures: list[Failure]


def check_token(request: Request, state: AppState) -> None:
    """Refuse the request unless writes are on and it carries the app's bearer token."""
    if not state.writable or state.token is None:
        raise ApiError(
            403,
            "writes are disabled on this server; start `onrecord serve` with ONRECORD_TOKEN set to allow "
            "POST /api/articles",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), state.token.encode()):
        raise ApiError(
            401,
            "this needs the header 'Authorization: Bearer <token>' with the server's ONRECORD_TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit`` bytes."""
    too_large = ApiError(413, f"the body is over {limit} bytes; send fewer or shorter articles per request")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def body_format(request: Request, body: bytes) -> Format:
    media = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media in MEDIA_FORMATS:
        return MEDIA_FORMATS[media]
    return sniff_format(body.decode("utf-8", errors="replace"))


@router.post(
    "/articles",
    response_model=IngestResult,
    status_code=201,
    summary="Extract and store articles (bearer token)",
    openapi_extra=BODY_DOC,
    responses=WRITE_ERRORS,
)
async def post_articles(
    request: Request,
    state: Annotated[AppState, Depends(app_state)],
    date: Annotated[dt.date | None, Query(description="Article date; overrides the body's.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet; overrides the body's.")] = None,
    url: Annotated[str | None, Query(description="Address to record for the article.")] = None,
) -> IngestResult:
    check_token(request, state)
    body = await read_body(request, state.max_body)
    if not body.strip():
        raise ApiError(422, "the body is empty; send the article text (or JSON lines) as the body")
    options = ReadOptions(date=date, outlet=outlet, url=url)
    items = list(read_bytes(body, SOURCE, body_format(request, body), options))
    articles = [item for item in items if isinstance(item, Article)]
    failures = [item for item in items if isinstance(item, Failure)]
    if not articles:
        raise ApiError(422, "; ".join(failure.message for failure in failures) or "no article in the body")
    extracted = await run_in_threadpool(state.extractor.extract, articles)
    results = []
    for item in extracted:
        if isinstance(item, Failure):
            failures.append(item)
        else:
            stored = await run_in_threadpool(state.store.add, item)
            results.append(Stored(stored=stored, extraction=item))
    return IngestResult(results=results, failures=failures)
