"""Article text full of markup renders inert on every page: no script, no handler, no javascript: link.

The store holds the payload article of tests/data/xss/ as the real pipeline extracted it and a stored
record with a payload in every field (title, outlet, URL, names, aliases, roles, sources, events).
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from onrecord.store import fold

RECORD = "a-xss-record-0001"
RECORD_SPEAKER = '<script>alert(1)</script> Mayor "><img src=x onerror=alert(1)> Vale'
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"


def payload_pages(client: TestClient) -> list[str]:
    pipeline_article = client.get("/api/articles", params={"q": "Minister answers critics"}).json()
    return [
        "/",
        "/?q=alert",
        "/?q=bridge&speaker=Vale",
        "/?q=budget",
        "/statements?speaker=Kovacs",
        "/statements?article=" + RECORD,
        "/statements?q=%3Cscript%3E",
        "/speakers",
        "/speakers?name=Vale",
        "/speakers/anna-kovacs",
        "/speakers/" + quote(fold(RECORD_SPEAKER).replace(" ", "-"), safe=""),
        "/articles",
        "/articles?q=alert",
        "/articles/" + RECORD,
        "/articles/" + pipeline_article["articles"][0]["id"],
        "/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/events",
        "/events?actor=Vale",
        "/commitments",
        "/%3Cscript%3Ealert(1)%3C/script%3E",
    ]


def test_every_page_renders_the_payloads_as_text(client: TestClient, fetch) -> None:  # noqa: ANN001
    for url in payload_pages(client):
        response = client.get(url)
        tags = fetch(url) if response.status_code == 200 else None
        html = response.text

        assert "<script>alert" not in html and "<img" not in html, url
        if tags is None:
            continue
        scripts = tags.named("script")
        assert scripts == [{"src": "/static/app.js", "defer": None}], url
        assert tags.named("img") == [] and tags.named("iframe") == [] and tags.named("object") == [], url
        for tag, attrs in tags.tags:
            assert not any(name.startswith("on") for name in attrs), (url, tag, attrs)
            for name in ("href", "src", "action", "formaction"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (url, tag, attrs)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("/articles/" + RECORD, [ESCAPED_SCRIPT, ESCAPED_IMG, "javascript:alert(1)"]),
        ("/statements?article=" + RECORD, [ESCAPED_SCRIPT, ESCAPED_IMG]),
        ("/speakers?name=Vale", [ESCAPED_SCRIPT]),
    ],
)
def test_payloads_are_visible_as_escaped_text(client: TestClient, url: str, shown: list[str]) -> None:
    html = client.get(url).text

    for text in shown:
        assert text in html, (url, text)


def test_a_javascript_url_is_shown_but_never_linked(client: TestClient) -> None:
    html = client.get("/articles/" + RECORD).text

    assert '<span class="url">javascript:alert(1)</span>' in html
    assert 'href="javascript' not in html.lower()


def test_the_payload_speaker_page_opens_and_stays_inert(client: TestClient) -> None:
    url = "/speakers/" + quote(fold(RECORD_SPEAKER).replace(" ", "-"), safe="")

    response = client.get(url)

    assert response.status_code == 200
    assert f"<h1>{ESCAPED_SCRIPT} Mayor {ESCAPED_IMG} Vale</h1>" in response.text


def test_pages_forbid_inline_scripts(client: TestClient) -> None:
    policy = client.get("/articles/" + RECORD).headers["content-security-policy"]

    assert "script-src 'self'" in policy and "object-src 'none'" in policy
