"""POST /api/articles: the real pipeline extracts what is posted and the store keeps it."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

ARTICLE = (
    "Harbour workers end strike\n\n"
    'Union leader Maria Okafor said on Monday that the strike is over. "We have a fair deal," Okafor said.\n'
)


def post(client: TestClient, token: str, body: bytes, media: str = "text/plain", **params: str):  # noqa: ANN201
    headers = {"Authorization": f"Bearer {token}", "Content-Type": media}
    return client.post("/api/articles", content=body, headers=headers, params=params)


def test_posted_text_is_extracted_stored_and_served(writer: TestClient, token: str) -> None:
    response = post(writer, token, ARTICLE.encode(), date="2024-09-23", outlet="Harbour Courier")

    assert response.status_code == 201, response.text
    [result] = response.json()["results"]
    extraction = result["extraction"]
    assert result["stored"] is True
    assert extraction["article"]["date"] == "2024-09-23"
    assert extraction["article"]["outlet"] == "Harbour Courier"
    assert all("Okafor" in s["speaker"]["name"] for s in extraction["statements"])
    assert any(
        s["kind"] == "direct" and "fair deal" in s["content"][0]["text"] for s in extraction["statements"]
    )
    stored = writer.get(f"/api/articles/{extraction['article']['id']}").json()
    assert stored == extraction
    listed = writer.get("/api/statements", params={"speaker": "okafor"}).json()["statements"]
    assert len(listed) == len(extraction["statements"])


def test_posting_the_same_text_again_changes_nothing(writer: TestClient, token: str) -> None:
    first = post(writer, token, ARTICLE.encode()).json()["results"][0]
    second = post(writer, token, ARTICLE.encode()).json()["results"][0]

    assert (first["stored"], second["stored"]) == (True, False)
    assert second["extraction"]["article"]["id"] == first["extraction"]["article"]["id"]
    assert len(writer.get("/api/articles").json()["articles"]) == 1


def test_json_lines_post_several_articles_and_reports_bad_lines(writer: TestClient, token: str) -> None:
    lines = [
        json.dumps({"id": "one", "title": "One", "date": "2024-05-01", "text": "Mayor Ines Moreau said that the bridge opens."}),
        "{not json",
        json.dumps({"id": "two", "title": "Two", "date": "2024-05-02", "text": "Minister Leo Brandt said that taxes fall."}),
    ]  # fmt: skip

    response = post(writer, token, "\n".join(lines).encode(), media="application/x-ndjson")

    assert response.status_code == 201, response.text
    body = response.json()
    assert [r["extraction"]["article"]["title"] for r in body["results"]] == ["One", "Two"]
    assert [f["line"] for f in body["failures"]] == [2]
    assert "not JSON" in body["failures"][0]["problem"]


@pytest.mark.parametrize(
    ("body", "media", "words"),
    [
        (b"   \n", "text/plain", "body is empty"),
        (b"{not json\n", "application/x-ndjson", "not JSON"),
        (b"\xff\xfe\x00b\x00i\x00n", "text/plain", "<api>"),
    ],
)
def test_unreadable_bodies_are_invalid(
    writer: TestClient, token: str, body: bytes, media: str, words: str
) -> None:
    response = post(writer, token, body, media=media)

    assert response.status_code == 422, response.text
    assert words in response.json()["error"]["message"]
    assert writer.get("/api/articles").json()["articles"] == []


def test_the_pipeline_is_loaded_once_per_app_and_only_for_writes(writer: TestClient, token: str) -> None:
    state = writer.app.state.onrecord  # type: ignore[attr-defined]
    post(writer, token, ARTICLE.encode())

    assert state.extractor.loaded
    assert state.extractor is writer.app.state.onrecord.extractor  # type: ignore[attr-defined]


def test_a_read_only_app_never_loads_the_pipeline(client: TestClient) -> None:
    client.get("/api/statements")
    client.post("/api/articles", content=ARTICLE.encode())

    assert not client.app.state.onrecord.extractor.loaded  # type: ignore[attr-defined]
