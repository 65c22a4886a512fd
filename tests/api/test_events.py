"""GET /api/events and /api/commitments, and their pages, over real extractions of samples/."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_events_come_in_the_order_they_happened(client: TestClient) -> None:
    rows = client.get("/api/events", params={"limit": 500}).json()["events"]
    days = [(row["event"]["time"] or {}).get("start") or row["article_date"] for row in rows]

    assert len(rows) > 10
    assert [day for day in days if day] == sorted(day for day in days if day)
    assert all(set(row) >= {"event", "article_id", "article_date", "outlet", "title"} for row in rows)


def test_events_by_actor_and_type(client: TestClient) -> None:
    nato = client.get("/api/events", params={"actor": "NATO"}).json()["events"]
    agree = client.get("/api/events", params={"type": "agree", "limit": 500}).json()["events"]

    assert nato and all(
        any(p["role"] == "actor" and "NATO" in p["text"] for p in row["event"]["participants"])
        for row in nato
    )
    assert agree and {row["event"]["type"] for row in agree} == {"AGREE"}


def test_the_ledger_has_natos_40_billion_for_ukraine_in_2025(client: TestClient) -> None:
    rows = client.get("/api/commitments", params={"to": "Ukraine"}).json()["commitments"]

    euros = [row for row in rows if row["amount"] and row["amount"]["value"] == 40e9]
    assert len(euros) == 1
    assert euros[0]["by"] == ["NATO"] and euros[0]["amount"]["currency"] == "EUR"
    assert euros[0]["period"]["start"] == "2025-01-01" and euros[0]["period"]["end"] == "2025-12-31"


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/events?actor=...", 422), ("/api/events?since=someday", 422), ("/api/events?limit=0", 422)],
)
def test_refused_event_filters_have_the_error_shape(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)

    assert response.status_code == status
    assert sorted(response.json()["error"]) == ["code", "message", "status"]


def test_events_and_commitments_pages(client: TestClient) -> None:
    events = client.get(
        "/events", params={"actor": "NATO", "since": "", "until": "", "type": "", "target": ""}
    )
    ledger = client.get("/commitments", params={"to": "Ukraine", "by": ""})
    refused = client.get("/events", params={"actor": "..."})

    assert events.status_code == 200 and events.text.count("<li>") >= 1
    assert "€40 billion" in ledger.text and '<a href="/speakers/nato">NATO</a>' in ledger.text
    assert refused.status_code == 200 and "has no letters to match" in refused.text
