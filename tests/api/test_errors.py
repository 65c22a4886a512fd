"""Every error has one JSON shape: {"error": {"status", "code", "message"}}; pinned here per status."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from onrecord.api.app import create_app
from onrecord.errors import OnrecordError
from onrecord.store import Store


def assert_error_shape(response, status: int, code: str) -> dict:  # noqa: ANN001
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"]
    assert sorted(body["error"]) == ["code", "message", "status"]
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and len(body["error"]["message"]) > 20
    return body["error"]


@pytest.mark.parametrize(
    ("url", "status", "code", "words"),
    [
        ("/api/articles/no-such-article", 404, "not_found", "take ids from /api/articles"),
        ("/api/entities/PERSON:nobody at all", 404, "not_found", "/api/entities"),
        ("/api/no/such/route", 404, "not_found", "/docs"),
        ("/api/statements?since=2024-13-45", 422, "invalid", "since"),
        ("/api/statements?limit=0", 422, "invalid", "limit"),
        ("/api/statements?kind=rumour", 422, "invalid", "kind"),
        ("/api/statements?cursor=not-a-cursor", 422, "invalid", "start again without a cursor"),
        ("/api/statements?q=%3F%21", 422, "invalid", "no words"),
        ("/api/statements.csv?speaker=...", 422, "invalid", "no letters"),
        ("/api/articles?q=%25%25", 422, "invalid", "no words"),
    ],
)
def test_read_errors(client: TestClient, url: str, status: int, code: str, words: str) -> None:
    error = assert_error_shape(client.get(url), status, code)

    assert words in error["message"]


def test_method_not_allowed(client: TestClient) -> None:
    assert_error_shape(client.delete("/api/statements"), 405, "method_not_allowed")


def test_writes_are_forbidden_on_a_read_only_server(client: TestClient) -> None:
    error = assert_error_shape(client.post("/api/articles", content=b"text"), 403, "forbidden")

    assert "ONRECORD_TOKEN" in error["message"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic {token}"}, {"Authorization": "{token}"}],
)
def test_a_write_without_the_token_is_unauthorized(
    writer: TestClient, token: str, headers: dict[str, str]
) -> None:
    headers = {name: value.format(token=token) for name, value in headers.items()}
    response = writer.post("/api/articles", content=b"Someone said that it works.", headers=headers)

    assert_error_shape(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_body_over_the_limit_is_too_large(writer: TestClient, token: str) -> None:
    response = writer.post("/api/articles", content=b"x" * 5000, headers={"Authorization": f"Bearer {token}"})

    error = assert_error_shape(response, 413, "too_large")
    assert "4096 bytes" in error["message"]


def test_a_chunked_body_over_the_limit_is_too_large(writer: TestClient, token: str) -> None:
    chunks = iter([b"y" * 3000, b"y" * 3000])  # no Content-Length: the limit is counted while reading

    response = writer.post("/api/articles", content=chunks, headers={"Authorization": f"Bearer {token}"})

    assert_error_shape(response, 413, "too_large")


def test_a_broken_store_is_a_500_without_internals(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    with Store.open(path) as store, store.engine.begin() as connection:
        connection.execute(text("DROP TABLE statements_fts"))

    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        error = assert_error_shape(client.get("/api/statements?q=anything"), 500, "internal")

    assert "statements_fts" not in error["message"] and "Traceback" not in error["message"]


def test_a_writable_app_needs_a_token(tmp_path: Path) -> None:
    with pytest.raises(OnrecordError, match="ONRECORD_TOKEN"):
        create_app(tmp_path / "x.db", read_only=False)


def test_pages_get_the_message_as_html(client: TestClient) -> None:
    response = client.get("/articles/no-such-article")

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no article &#39;no-such-article&#39; is stored" in response.text
