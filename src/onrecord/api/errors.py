"""One error shape for every API error, and the JSON response that escapes HTML characters.

Every error the API answers with, whatever raised it, has the body::

    {"error": {"status": 404, "code": "not_found", "message": "no article a12… is stored; …"}}

Pages (paths outside ``/api``) get the same message as an HTML page instead.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from onrecord.errors import OnrecordError

log = logging.getLogger("onrecord")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
}
_JSON_PATHS = ("/api/", "/openapi.json")

PageRenderer = Callable[[Request, int, str], Response]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error a handler raises on purpose: HTTP status and a message naming the cause and the fix."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def dumps(content: Any) -> bytes:
    """JSON with ``<``, ``>`` and ``&`` written as ``\\u`` escapes: the same data, inert if pasted into HTML."""
    text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


class SafeJSONResponse(JSONResponse):
    """The API's JSON response: article text stays data even where a client mishandles it."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    body = ErrorBody(error=ErrorDetail(status=status, code=CODES.get(status, "error"), message=message))
    return SafeJSONResponse(body.model_dump(), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI, page: PageRenderer) -> None:
    """Route every error to the JSON shape (API paths) or to ``page`` (everything else)."""

    async def handle(request: Request, exc: Exception) -> Response:
        status, message, headers = _described(request, exc)
        if request.url.path.startswith(_JSON_PATHS):
            return error_response(status, message, headers)
        response = page(request, status, message)
        if headers:
            response.headers.update(headers)
        return response

    for kind in (ApiError, HTTPException, RequestValidationError, OnrecordError, Exception):
        app.add_exception_handler(kind, handle)


def _described(request: Request, exc: Exception) -> tuple[int, str, dict[str, str] | None]:
    """Status, message and extra headers for any exception a request raised."""
    if isinstance(exc, ApiError):
        return exc.status, exc.message, exc.headers
    if isinstance(exc, HTTPException):
        return exc.status_code, _http_message(request, exc), dict(exc.headers) if exc.headers else None
    if isinstance(exc, RequestValidationError):
        return 422, validation_message(exc), None
    if isinstance(exc, OnrecordError):
        log.error("%s %s failed: %s", request.method, request.url.path, exc)
        return 500, str(exc), None
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return 500, "the server failed to answer this request; the error is in the server log", None


def validation_message(exc: RequestValidationError) -> str:
    """``query parameter since: Input should be a valid date …`` for each invalid field."""
    parts = []
    for error in exc.errors():
        where = [str(part) for part in error.get("loc", ())]
        place = f"{where[0]} parameter {'.'.join(where[1:])}" if len(where) > 1 else ".".join(where)
        parts.append(f"{place}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) + "; see /docs for the accepted values"


def _http_message(request: Request, exc: HTTPException) -> str:
    if exc.status_code == 404 and exc.detail == "Not Found":
        return f"nothing is at {request.url.path}; see /docs for the API and / for the pages"
    if exc.status_code == 405:
        return f"{request.method} is not allowed on {request.url.path}; see /docs for the methods"
    return str(exc.detail)
