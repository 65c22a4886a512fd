"""GET /api/statements, /api/entities, /api/articles over a store filled by real extraction of samples/."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def statements(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/api/statements", params=params)
    assert response.status_code == 200, response.text
    return response.json()["statements"]


def test_search_finds_the_victory_plan_statements_of_rutte(client: TestClient) -> None:
    found = statements(client, q="Victory Plan", limit=100)

    assert found, "the sample article quotes Rutte on the Victory Plan"
    assert {row["speaker"]["name"] for row in found} == {"Mark Rutte"}
    assert all("victory plan" in row["text"].casefold() for row in found)


@pytest.mark.parametrize("speaker", ["rutte", "Rütte", "MARK RUTTE"])
def test_speaker_filter_matches_any_alias_without_accents(client: TestClient, speaker: str) -> None:
    found = statements(client, speaker=speaker, limit=100)

    assert len(found) >= 8  # the sample article: 8-9 statements by Rutte
    assert {row["speaker"]["name"] for row in found} <= {"Mark Rutte", "Rütte"}


def test_filters_combine_and_dates_are_inclusive(client: TestClient) -> None:
    day = statements(client, speaker="Rutte", since="2024-10-16", until="2024-10-16", kind="direct")
    before = statements(client, speaker="Rutte", until="2024-10-15")

    assert day and all(row["day"] == "2024-10-16" and row["kind"] == "direct" for row in day)
    assert before == []


def test_article_filter_keeps_one_article(client: TestClient) -> None:
    first = statements(client, q="Victory Plan", limit=1)[0]

    found = statements(client, article=first["article_id"], limit=500)

    assert {row["article_id"] for row in found} == {first["article_id"]}
    assert [row["position"] for row in found] == list(range(len(found)))  # reading order


def test_cursor_pages_cover_every_statement_once(client: TestClient) -> None:
    everything = [row["id"] for row in statements(client, limit=500)]
    seen: list[str] = []
    url = "/api/statements?limit=7"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["statements"]]
        assert (page["next"] is None) == (page["next_cursor"] is None)
        url = page["next"]

    assert seen == everything
    assert len(everything) > 7


def test_rows_carry_spans_offsets_and_extractor_version(client: TestClient) -> None:
    row = statements(client, q="Victory Plan", limit=1)[0]
    article = client.get(f"/api/articles/{row['article_id']}").json()
    text = article["article"]["text"]

    for span in [row["speaker"]["span"], row["cue"], *row["content"]]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert row["extractor"] == "statements.v1"


def test_entities_list_aliases_roles_and_counts(client: TestClient) -> None:
    body = client.get("/api/entities", params={"type": "person"}).json()
    rutte = next(row for row in body["entities"] if row["name"] == "Mark Rutte")

    assert body["total"] >= len(body["entities"]) > 5
    assert rutte["key"] == "PERSON:mark rutte"
    assert "Rutte" in rutte["aliases"]
    assert {"title": "Secretary General", "organization": "NATO"} in rutte["roles"]
    assert rutte["statements"] >= 8


def test_entity_detail_by_key_has_a_timeline(client: TestClient) -> None:
    body = client.get("/api/entities/PERSON:mark rutte").json()

    assert body["entity"]["name"] == "Mark Rutte"
    assert sum(day["statements"] for day in body["timeline"]) == body["entity"]["statements"]
    assert body["timeline"][0]["day"] == "2024-10-16"


def test_articles_list_and_title_search(client: TestClient) -> None:
    every = client.get("/api/articles", params={"limit": 500}).json()["articles"]
    found = client.get("/api/articles", params={"q": "victory PLAN"}).json()["articles"]

    assert len(every) == 10  # 8 sample articles (the .jsonl holds two), 1 payload article, 1 stored record
    assert [row["title"] for row in found] == [
        "NATO Secretary General Mark Rutte has commented on the first point of Ukraine's Victory Plan, "
        "which includes an invitation to join the Alliance."
    ]
    assert found[0]["statements"] >= 8


def test_article_detail_is_the_whole_extraction(client: TestClient) -> None:
    article_id = client.get("/api/articles", params={"q": "Victory Plan"}).json()["articles"][0]["id"]

    body = client.get(f"/api/articles/{article_id}").json()

    assert body["article"]["id"] == article_id
    assert body["article"]["outlet"] is None or isinstance(body["article"]["outlet"], str)
    assert [c["name"] for c in body["article"]["cited_sources"]][:2] == ["Censor.NET", "UNIAN"]
    assert any(item["kind"] == "read_more" for item in body["article"]["related"])
    assert len(body["statements"]) >= 8 and body["entities"]


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    assert {
        "/api/statements",
        "/api/statements.csv",
        "/api/statements.jsonl",
        "/api/entities",
        "/api/entities/{key}",
        "/api/articles",
        "/api/articles/{article_id}",
    } <= set(paths)
    assert "post" in paths["/api/articles"]
    assert "/" not in paths  # pages stay out of the API schema
