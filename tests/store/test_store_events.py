"""Events in the store: filters, the commitments ledger, entity timelines and migration 0003's backfill."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from tests.conftest import span, statement

from onrecord.errors import StoreError
from onrecord.model import Amount, Article, Entity, Event, Extraction, Participant, Place, TimeValue
from onrecord.store import Store, database_url
from onrecord.store.events import EventQuery
from onrecord.store.migrate import alembic_config

JULY = TimeValue(
    text="in July", start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 31), granularity="month", value="2024-07"
)
YEAR = TimeValue(
    text="2025", start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), granularity="year", value="2025"
)
WEEK = TimeValue(
    text="two weeks ago", start=dt.date(2024, 9, 30), end=dt.date(2024, 10, 6), granularity="week"
)


def summit_article(article_id: str, date: dt.date, outlet: str) -> Extraction:
    """NATO commits €40 billion to Ukraine; Rutte visited Kyiv and said so."""
    text = (
        "At the summit in July, NATO decided to commit €40 billion to Ukraine over 2025. "
        "Rutte said that he visited Kyiv two weeks ago."
    )
    nato = Entity(id="n", name="NATO", type="ORG", aliases=("the Alliance",), mentions=(span(text, "NATO"),))
    ukraine = Entity(id="u", name="Ukraine", type="GPE", mentions=(span(text, "Ukraine"),))
    rutte = Entity(
        id="r", name="Mark Rutte", type="PERSON", aliases=("Rutte",), mentions=(span(text, "Rutte"),)
    )
    kyiv = Entity(id="k", name="Kyiv", type="GPE", mentions=(span(text, "Kyiv"),))
    commit = Event(
        id="c",
        type="AGREE",
        kind="commitment",
        trigger=span(text, "commit"),
        participants=(
            Participant(role="actor", entity="n", text="NATO", span=span(text, "NATO")),
            Participant(role="recipient", entity="u", text="Ukraine", span=span(text, "Ukraine")),
        ),
        time=JULY,
        period=YEAR,
        amount=Amount(value=40e9, currency="EUR", text="€40 billion", span=span(text, "€40 billion")),
        evidence=span(
            text, "At the summit in July, NATO decided to commit €40 billion to Ukraine over 2025."
        ),
        commitment=True,
    )
    visit = Event(
        id="v",
        type="CONSULT",
        kind="visit",
        trigger=span(text, "visited"),
        participants=(
            Participant(role="actor", entity="r", text="he", span=span(text, "he")),
            Participant(role="target", entity="k", text="Kyiv", span=span(text, "Kyiv")),
        ),
        place=Place(entity="k", text="Kyiv"),
        time=WEEK,
        evidence=span(text, "Rutte said that he visited Kyiv two weeks ago."),
    )
    said = statement(
        text, "s", mention="Rutte", entity="r", name="Mark Rutte", cue="said",
        content=("that he visited Kyiv two weeks ago",), date=date,
    )  # fmt: skip
    article = Article(id=article_id, source=f"{article_id}.txt", date=date, outlet=outlet, text=text)
    return Extraction(
        article=article, entities=(nato, ukraine, rutte, kyiv), statements=(said,), events=(commit, visit)
    )


@pytest.fixture
def events_store(store: Store) -> Store:
    store.add(summit_article("a-late", dt.date(2024, 10, 20), "Kyiv Post"))
    store.add(summit_article("a-early", dt.date(2024, 10, 16), "Censor.NET"))
    return store


def test_events_in_event_time_order(events_store: Store) -> None:
    rows = events_store.events()
    assert [r.event.kind for r in rows[:2]] == ["commitment", "commitment"]  # July before the visit
    assert {r.event.kind for r in rows[2:]} == {"visit"}


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        (EventQuery(type="agree"), {"commitment"}),
        (EventQuery(actor="the alliance"), {"commitment"}),  # any alias, any case
        (EventQuery(actor="rutte"), {"visit"}),  # a pronoun actor linked to its entity
        (EventQuery(target="Ukraine"), {"commitment"}),  # recipients are targets
        (EventQuery(target="NATO"), set()),
        (EventQuery(since=dt.date(2024, 9, 1)), {"visit"}),
        (EventQuery(until=dt.date(2024, 8, 1)), {"commitment"}),
        (EventQuery(commitments=True), {"commitment"}),
    ],
)
def test_event_filters(events_store: Store, query: EventQuery, kinds: set[str]) -> None:
    assert {r.event.kind for r in events_store.events(query)} == kinds


def test_ledger_has_one_row_per_commitment_with_its_first_report(events_store: Store) -> None:
    (row,) = events_store.commitments(to="ukraine")
    assert (row.by, row.to) == (("NATO",), ("Ukraine",))
    assert row.amount is not None and (row.amount.value, row.amount.currency) == (40e9, "EUR")
    assert row.period is not None and (row.period.start, row.period.end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert row.decided is not None and row.decided.value == "2024-07"
    assert (row.first_outlet, row.first_date, row.reports) == ("Censor.NET", dt.date(2024, 10, 16), 2)
    assert events_store.commitments(by="Rutte") == []


def test_timeline_orders_by_when_it_happened(events_store: Store) -> None:
    rows = events_store.timeline("Rütte")
    assert [(r.kind, r.day) for r in rows] == [
        ("event", dt.date(2024, 9, 30)),
        ("event", dt.date(2024, 9, 30)),
        ("statement", dt.date(2024, 10, 16)),
        ("statement", dt.date(2024, 10, 20)),
    ]
    assert rows[0].role == "actor"


def test_name_without_letters_is_refused(events_store: Store) -> None:
    with pytest.raises(StoreError, match="no letters"):
        events_store.events(EventQuery(actor="--"))


def test_deleting_an_article_deletes_its_event_participants(events_store: Store) -> None:
    with events_store.engine.begin() as connection:
        connection.execute(text("DELETE FROM articles WHERE id = 'a-late'"))
        left = connection.execute(text("SELECT count(*) FROM event_participants")).scalar_one()
    assert left == 4  # two events of the remaining article, two participants each


def test_migration_0003_backfills_participants_from_stored_records(store_path: Path) -> None:
    engine = create_engine(database_url(store_path))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        extraction = summit_article("a-old", dt.date(2024, 10, 16), "Censor.NET")
        connection.execute(
            text(
                "INSERT INTO articles (id, source, date, outlet, language, text, provenance, ingested_at) "
                "VALUES ('a-old', 'old.txt', '2024-10-16', 'Censor.NET', 'en', :t, '{}', '2024-10-16 00:00:00')"
            ),
            {"t": extraction.article.text},
        )
        connection.execute(
            text(
                "INSERT INTO entities (article_id, id, name, folded, type, aliases, roles, mentions) "
                "VALUES ('a-old', 'u', 'Ukraine', 'ukraine', 'GPE', '[]', '[]', '[]')"
            )
        )
        record = extraction.events[0].model_dump(mode="json")
        connection.execute(
            text(
                "INSERT INTO events (article_id, id, position, type, status, record, extractor) "
                "VALUES ('a-old', 'c', 0, 'AGREE', 'past', :r, 'events.v1')"
            ),
            {"r": json.dumps(record)},
        )
    engine.dispose()
    with Store.open(store_path) as migrated:
        assert [r.event.id for r in migrated.events(EventQuery(target="Ukraine", commitments=True))] == ["c"]
        assert [r.event.id for r in migrated.events(EventQuery(actor="NATO"))] == [
            "c"
        ]  # no entity row: by name
