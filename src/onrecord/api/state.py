"""What one app holds: its store, who may write, its size limit and its lazily loaded extractor."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from starlette.requests import Request

from onrecord.model import Article, Extraction, Failure
from onrecord.pipeline import ExtractOptions, Extractor
from onrecord.store import Store

DEFAULT_MAX_BODY = 2 * 1024 * 1024  # bytes a POST /api/articles body may have


class LazyExtractor:
    """The extractor of one app: loaded on the first POST, once; extractions run one at a time.

    The spaCy pipeline takes seconds and hundreds of megabytes to load, so a read-only server never
    loads it. The lock keeps two requests from loading it twice or sharing it concurrently.
    """

    def __init__(self, options: ExtractOptions | None = None, *, loaded: Extractor | None = None) -> None:
        self.options = options or ExtractOptions()
        self._extractor = loaded
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._extractor is not None

    def extract(self, articles: Iterable[Article]) -> list[Extraction | Failure]:
        with self._lock:
            if self._extractor is None:
                self._extractor = Extractor.load(self.options)
            return list(self._extractor.extract_many(articles))


@dataclass(kw_only=True)
class AppState:
    """Everything a request handler needs, kept on ``app.state.onrecord``."""

    store: Store
    token: str | None
    read_only: bool
    max_body: int = DEFAULT_MAX_BODY
    extractor: LazyExtractor = field(default_factory=LazyExtractor)

    @property
    def writable(self) -> bool:
        return not self.read_only and bool(self.token)


def app_state(request: Request) -> AppState:
    """FastAPI dependency: the state of the app serving ``request``."""
    state: AppState = request.app.state.onrecord
    return state


def store_of(request: Request) -> Store:
    """FastAPI dependency: the store of the app serving ``request``."""
    return app_state(request).store
