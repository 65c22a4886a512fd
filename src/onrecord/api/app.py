"""The app factory: one FastAPI app serving the JSON API, its exports and the web pages."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import onrecord
from onrecord.api import events, exports, ingest, routes
from onrecord.api.errors import SafeJSONResponse, install_error_handlers
from onrecord.api.state import DEFAULT_MAX_BODY, AppState, LazyExtractor
from onrecord.errors import OnrecordError
from onrecord.pipeline import Extractor
from onrecord.store import Store
from onrecord.web import pages

# Pages load scripts, styles and images from this server only; inline scripts never run.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
# FastAPI's own interactive docs load their scripts and styles from a CDN; they keep no CSP.
_DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")


class SecurityHeaders:
    """ASGI middleware adding the headers above to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"] in _DOCS_PATHS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if not docs:
                    headers.setdefault("content-security-policy", CONTENT_SECURITY_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    store_url: str | Path,
    *,
    token: str | None = None,
    read_only: bool = True,
    max_body: int = DEFAULT_MAX_BODY,
    cors_origins: Sequence[str] = (),
    extractor: Extractor | None = None,
) -> FastAPI:
    """The onrecord app over the store at ``store_url`` (a path or SQLAlchemy URL).

    Read-only unless ``read_only=False`` *and* a ``token`` is given; then ``POST /api/articles``
    accepts bodies up to ``max_body`` bytes with that bearer token. The extraction pipeline is
    loaded on the first POST (pass a loaded ``extractor`` to share one). Cross-origin requests are
    refused unless their origin is listed in ``cors_origins``.
    """
    if not read_only and not token:
        raise OnrecordError(
            "a writable server needs a token; set ONRECORD_TOKEN (a long random string) or serve read-only"
        )
    store = Store.open(store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="onrecord",
        version=onrecord.__version__,
        summary="Who said, did and promised what: statements, actors and articles from news text.",
        default_response_class=SafeJSONResponse,
        lifespan=lifespan,
    )
    app.state.onrecord = AppState(
        store=store,
        token=token,
        read_only=read_only,
        max_body=max_body,
        extractor=LazyExtractor(loaded=extractor),
    )
    install_error_handlers(app, pages.error_page)
    for router in (exports.router, routes.router, events.router, ingest.router, pages.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    if cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"], allow_headers=[]
        )
    app.add_middleware(SecurityHeaders)
    return app
