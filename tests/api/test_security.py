"""Untrusted article text stays data: JSON escapes markup, CSV defuses formulas, no traversal, no CORS."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.api.app import create_app
from onrecord.model import Article, Extraction, Span, Speaker, Statement
from onrecord.store import Store

XSS_RECORD = "a-xss-record-0001"


def payload_urls(client: TestClient) -> list[str]:
    payload_article = client.get("/api/articles", params={"q": "Minister answers critics"}).json()
    return [
        "/api/statements?speaker=Kovacs",
        "/api/statements?q=bridge",
        "/api/statements?article=" + XSS_RECORD,
        "/api/statements.jsonl?speaker=Kovacs",
        "/api/entities",
        "/api/articles",
        "/api/articles/" + XSS_RECORD,
        "/api/articles/" + payload_article["articles"][0]["id"],
    ]


def test_json_carries_the_payloads_as_data_with_markup_escaped(client: TestClient) -> None:
    for url in payload_urls(client):
        response = client.get(url)
        raw = response.text

        assert response.status_code == 200, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-type"].startswith(("application/json", "application/x-ndjson"))
        assert "<" not in raw and ">" not in raw, url
        assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in raw, url
        decoded = [json.loads(line) for line in raw.splitlines()]
        assert "<script>alert(1)</script>" in json.dumps(decoded, ensure_ascii=False), url


def test_the_real_pipeline_kept_the_payloads_verbatim(client: TestClient) -> None:
    rows = client.get("/api/statements", params={"speaker": "Kovacs"}).json()["statements"]

    texts = " ".join(row["text"] for row in rows)
    assert "<script>alert(1)</script>" in texts
    assert '"><img src=x onerror=alert(1)>' in texts


def test_csv_export_is_an_attachment_and_never_html(client: TestClient) -> None:
    response = client.get("/api/statements.csv", params={"speaker": "Kovacs"})

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="statements.csv"'
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>alert(1)</script>" in response.text  # data, in a file a browser will not render


@pytest.fixture
def formula_client(tmp_path: Path) -> TestClient:
    text = '=HYPERLINK("http://x")\n@SUM(1+1) said "+cmd|calc" and -2+3.\n\tTab'
    spans = {phrase: Span(start=text.index(phrase), end=text.index(phrase) + len(phrase), text=phrase)
             for phrase in ('=HYPERLINK("http://x")', "@SUM(1+1)", "said", "+cmd|calc", "-2+3")}  # fmt: skip
    article = Article(
        id="a-formula", source="f.txt", title="=1+1", outlet="-sum", date=dt.date(2024, 1, 2), text=text
    )
    said = Statement(
        id="f1",
        speaker=Speaker(name="@SUM(1+1)", span=spans["@SUM(1+1)"]),
        cue=spans["said"],
        content=(spans["+cmd|calc"], spans["-2+3"]),
        kind="mixed",
    )
    other = Statement(
        id="f2", speaker=Speaker(name="x"), content=(spans['=HYPERLINK("http://x")'],), kind="direct"
    )
    with Store.open(tmp_path / "f.db") as store:
        store.add(Extraction(article=article, statements=(said, other)))
    return TestClient(create_app(tmp_path / "f.db"))


def test_csv_cells_that_would_be_formulas_start_with_a_quote(formula_client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(formula_client.get("/api/statements.csv").text)))
    by_id = {row["id"]: row for row in rows}

    assert by_id["f1"]["speaker"] == "'@SUM(1+1)"
    assert by_id["f1"]["speaker_mention"] == "'@SUM(1+1)"
    assert by_id["f1"]["text"] == "'+cmd|calc … -2+3"
    assert by_id["f1"]["article_title"] == "'=1+1"
    assert by_id["f1"]["outlet"] == "'-sum"
    assert by_id["f2"]["text"] == '\'=HYPERLINK("http://x")'
    assert by_id["f2"]["kind"] == "direct"  # ordinary cells are untouched


@pytest.mark.parametrize(
    "params",
    [
        {"speaker": "' OR '1'='1"},
        {"speaker": "x%' OR 1=1 --"},
        {"q": '"; DROP TABLE statements; --'},
        {"q": "* OR content_text:*"},
        {"q": "NEAR(a b) NOT c"},
        {"article": "' OR 1=1 --"},
        {"article": "%"},
    ],
)
def test_sql_and_fts_syntax_in_filters_is_plain_text(client: TestClient, params: dict[str, str]) -> None:
    before = client.get("/api/statements", params={"limit": 500}).json()["statements"]

    response = client.get("/api/statements", params=params)

    assert response.status_code == 200, response.text
    assert response.json()["statements"] == []
    assert client.get("/api/statements", params={"limit": 500}).json()["statements"] == before


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py",
        "/static/../api/app.py",
        "/static/....//....//etc/passwd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static//etc/passwd",
        "/static/%00style.css",
    ],
)
def test_static_files_do_not_leave_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404, response.text[:200]
    assert "[project]" not in response.text
    assert "create_app" not in response.text
    assert "root:" not in response.text


def test_static_files_are_served(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")


def test_cors_is_off_by_default(client: TestClient) -> None:
    simple = client.get("/api/statements", headers={"Origin": "https://evil.example"})
    preflight = client.options(
        "/api/statements",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )

    assert "access-control-allow-origin" not in simple.headers
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code == 405


def test_cors_allows_only_the_origins_given(served_db: Path) -> None:
    with TestClient(create_app(served_db, cors_origins=["https://newsroom.example"])) as client:
        allowed = client.get("/api/statements", headers={"Origin": "https://newsroom.example"})
        other = client.get("/api/statements", headers={"Origin": "https://evil.example"})

    assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("path", ["/", "/statements", "/api/statements", "/static/style.css", "/nope"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers

    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
