"""Store behaviour on hand-built extractions: idempotence, lookups, filters, paging, round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.model import Extraction
from onrecord.store import StatementQuery, Store


def ids(store: Store, **query: object) -> list[str]:
    return [row.id for row in store.statements(StatementQuery(limit=None, **query))]  # type: ignore[arg-type]


def test_adding_an_article_twice_adds_nothing(store: Store, extractions: list[Extraction]) -> None:
    first = [store.add(extraction) for extraction in extractions]
    counts = store.counts()
    second = [store.add(extraction) for extraction in extractions]

    assert first == [True, True, True]
    assert second == [False, False, False]
    assert store.counts() == counts
    assert (counts.articles, counts.entities, counts.statements, counts.events) == (3, 5, 6, 1)


def test_a_failing_article_leaves_no_rows(store: Store, extractions: list[Extraction]) -> None:
    broken = extractions[1].model_copy(update={"statements": extractions[1].statements[:1] * 2})

    with pytest.raises(StoreError, match="repeats an id"):
        store.add(broken)

    assert store.counts().model_dump() == {"articles": 0, "entities": 0, "statements": 0, "events": 0}
    assert store.add(extractions[1]) is True


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("rutte", {"s1", "s2", "t3"}),
        ("Rütte", {"s1", "s2", "t3"}),
        ("RUTTE", {"s1", "s2", "t3"}),
        ("Mark Rutte", {"s1", "s2"}),
        ("the alliance secretary general", {"s1", "s2"}),
        ("Zelensky", {"t1", "t2"}),
        ("volodymyr zelenskyy", {"t1", "t2"}),
        ("Officials", {"u1"}),
        ("rut", set()),
        ("100%", set()),
    ],
)
def test_speaker_matches_any_alias_without_diacritics(
    filled_store: Store, speaker: str, expected: set[str]
) -> None:
    assert set(ids(filled_store, speaker=speaker)) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("irreversible", {"s2"}),
        ("ALLIES", {"s1"}),
        ("rutte allies", {"s1"}),  # the speaker name is searched too
        ("Rütte", {"s1", "s2", "t3"}),
        ('"partners support"', {"t2"}),
        ('"support partners"', set()),
        ("presen*", {"t1"}),
        ("NEAR OR AND", set()),  # FTS5 operators are plain words
        ("Ukraine's", {"s2"}),
    ],
)
def test_search_is_full_text_over_content_and_speaker(
    filled_store: Store, search: str, expected: set[str]
) -> None:
    assert set(ids(filled_store, search=search)) == expected


def test_search_without_words_names_the_fix(filled_store: Store) -> None:
    with pytest.raises(StoreError, match="at least one word"):
        filled_store.statements(StatementQuery(search="?!"))


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (dt.date(2024, 10, 1), None, {"s1", "s2"}),
        (None, dt.date(2024, 9, 19), {"t3"}),  # the statement's own date, not the article's
        (dt.date(2024, 9, 20), dt.date(2024, 9, 20), {"t1", "t2"}),  # t2 has no date: the article's
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), {"s1", "s2", "t1", "t2", "t3"}),  # undated u1 left out
    ],
)
def test_date_filters_are_inclusive(
    filled_store: Store, since: dt.date | None, until: dt.date | None, expected: set[str]
) -> None:
    assert set(ids(filled_store, since=since, until=until)) == expected


def test_filters_combine(filled_store: Store) -> None:
    assert ids(filled_store, speaker="rutte", since=dt.date(2024, 10, 1), search="membership") == ["s2"]
    assert ids(filled_store, article="a-plan-0002", kind="indirect") == ["t1", "t2", "t3"]


def test_statements_come_newest_first_in_reading_order(filled_store: Store) -> None:
    assert ids(filled_store) == ["s1", "s2", "t1", "t2", "t3", "u1"]


def test_rows_carry_article_fields_and_extractor_version(filled_store: Store) -> None:
    row = filled_store.statements(StatementQuery(speaker="zelensky", limit=1))[0]

    assert (row.id, row.article_title, row.outlet, row.day, row.extractor) == (
        "t1",
        None,
        "Kyiv Post",
        dt.date(2024, 9, 20),
        "statements.v1",
    )
    assert row.text == "the plan will be presented in October"
    assert row.speaker.span is not None and row.speaker.span.text == "Volodymyr Zelenskyy"


@pytest.mark.parametrize("size", [1, 2, 4, 6])
def test_cursor_pages_cover_every_statement_once(filled_store: Store, size: int) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        page = filled_store.statement_page(StatementQuery(limit=size, cursor=cursor))
        seen.extend(row.id for row in page.rows)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor

    assert seen == ids(filled_store)


def test_offset_skips_rows(filled_store: Store) -> None:
    assert ids(filled_store, offset=4) == ["t3", "u1"]


@pytest.mark.parametrize("cursor", ["not a cursor", "Zm9v", "%%%"])
def test_a_foreign_cursor_is_refused(filled_store: Store, cursor: str) -> None:
    with pytest.raises(StoreError, match="without a cursor"):
        filled_store.statements(StatementQuery(cursor=cursor))


@pytest.mark.parametrize("position", [0, 1, 2])
def test_article_round_trips_the_whole_extraction(
    filled_store: Store, extractions: list[Extraction], position: int
) -> None:
    original = extractions[position]
    assert filled_store.article(original.article.id) == original


def test_unknown_article_is_none(filled_store: Store) -> None:
    assert filled_store.article("nope") is None


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("a-visit-0001", "a-visit-0001"),
        ("a-v", "a-visit-0001"),
        ("b", "b-undated-0003"),
        ("zzz", None),
        ("%", None),
    ],
)
def test_article_id_prefix(filled_store: Store, prefix: str, expected: str | None) -> None:
    assert filled_store.find_article_id(prefix) == expected


def test_ambiguous_article_id_prefix_asks_for_more(filled_store: Store) -> None:
    with pytest.raises(StoreError, match="give more characters"):
        filled_store.find_article_id("a-")


def test_entities_with_statement_counts(filled_store: Store) -> None:
    people = filled_store.entities(type="person")

    assert [(e.name, e.statements, e.articles) for e in people] == [
        ("Mark Rutte", 2, 1),
        ("Volodymyr Zelenskyy", 2, 1),
        ("Rütte", 1, 1),
    ]
    assert people[0].aliases == ("Rutte", "The Alliance Secretary General")
    assert [(r.title, r.organization) for r in people[0].roles] == [("Secretary General", "NATO")]


def test_entities_of_one_name_are_taken_together_across_articles(
    store: Store, extractions: list[Extraction]
) -> None:
    visit = extractions[0]
    again = visit.model_copy(update={"article": visit.article.model_copy(update={"id": "a-visit-copy"})})
    store.add(visit)
    store.add(again)

    rutte = store.entities(name="rutte")[0]

    assert (rutte.key, rutte.articles, rutte.statements) == ("PERSON:mark rutte", 2, 4)
    assert {e.type for e in store.entities()} == {"PERSON", "ORG", "PLAN"}


def test_store_reopens_with_its_data(store_path: Path, extractions: list[Extraction]) -> None:
    with Store.open(store_path) as first:
        first.add(extractions[0])
    with Store.open(f"sqlite:///{store_path}") as again:
        assert again.counts().statements == 2


def test_in_memory_store(extractions: list[Extraction]) -> None:
    with Store.open(":memory:") as memory:
        memory.add(extractions[0])
        assert ids(memory, speaker="rutte") == ["s1", "s2"]


@pytest.mark.parametrize(
    ("make_db", "message"),
    [
        (lambda tmp: tmp / "missing-folder" / "x.db", "pass another --db"),
        (
            lambda tmp: (tmp / "notes.db").write_text("not a database " * 100) and tmp / "notes.db",
            "pass another --db",
        ),
        (lambda tmp: "nosuchdialect://host/db", "pass a file path or a URL"),
    ],
)
def test_unusable_store_names_the_fix(tmp_path: Path, make_db, message: str) -> None:  # noqa: ANN001
    with pytest.raises(StoreError, match=message):
        Store.open(make_db(tmp_path))


def test_entities_page_in_the_listing_order(filled_store: Store) -> None:
    everyone = [entity.key for entity in filled_store.entities()]
    paged = [entity.key for offset in (0, 2, 4) for entity in filled_store.entities(limit=2, offset=offset)]

    assert paged == everyone
    assert len(everyone) == 5
