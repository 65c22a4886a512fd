"""A read-only app over the served store, and an HTML reader that lists what the browser would run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.api.app import create_app


@pytest.fixture(scope="module")
def client(served_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(served_db), raise_server_exceptions=False) as opened:
        yield opened


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside each ``.article-text``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.article_text = ""
        self._depth = 0  # >0 while inside the article-text div
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if self._depth:
            self._depth += tag not in ("br", "img", "input")
        elif tag == "div" and dict(attrs).get("class") == "article-text":
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.article_text += data

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


Fetch = Callable[..., Tags]


@pytest.fixture
def fetch(client: TestClient) -> Fetch:
    """GET a page (params as keywords), check it is a 200 HTML page and read its tags."""

    def get(url: str, **params: str) -> Tags:
        response = client.get(url, params=params)
        assert response.status_code == 200, response.text[:500]
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        return Tags(response.text)

    return get
