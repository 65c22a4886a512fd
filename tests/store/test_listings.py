"""Store queries the web UI needs: statements per day (timelines) and the article listing."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.errors import StoreError
from onrecord.store import StatementQuery, Store


def days(store: Store, **query: object) -> list[tuple[str, int]]:
    found = store.statement_days(StatementQuery(**query))  # type: ignore[arg-type]
    return [(row.day.isoformat(), row.statements) for row in found]


def test_statement_days_count_per_day_oldest_first_without_undated(filled_store: Store) -> None:
    assert days(filled_store) == [("2024-09-18", 1), ("2024-09-20", 2), ("2024-10-16", 2)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"speaker": "Rütte"}, [("2024-09-18", 1), ("2024-10-16", 2)]),
        ({"speaker": "Zelensky"}, [("2024-09-20", 2)]),
        ({"search": "irreversible"}, [("2024-10-16", 1)]),
        ({"since": dt.date(2024, 9, 19), "until": dt.date(2024, 9, 30)}, [("2024-09-20", 2)]),
        ({"speaker": "Officials"}, []),
    ],
)
def test_statement_days_use_the_statement_filters(
    filled_store: Store, query: dict[str, object], expected: list[tuple[str, int]]
) -> None:
    assert days(filled_store, **query) == expected


def test_statement_days_ignore_paging(filled_store: Store) -> None:
    first = filled_store.statement_page(StatementQuery(limit=1))

    assert days(filled_store, limit=1, cursor=first.next_cursor) == days(filled_store)


def test_articles_newest_first_with_statement_counts(filled_store: Store) -> None:
    found = [(row.id, row.date, row.statements) for row in filled_store.articles()]

    assert found == [
        ("a-visit-0001", dt.date(2024, 10, 16), 2),
        ("a-plan-0002", dt.date(2024, 9, 20), 3),
        ("b-undated-0003", None, 1),
    ]


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("victory plan", ["a-visit-0001"]),
        ("PLAN rutte", ["a-visit-0001"]),
        ("plan nobody", []),
        ("100%_", []),
    ],
)
def test_articles_search_matches_every_title_word(
    filled_store: Store, search: str, expected: list[str]
) -> None:
    assert [row.id for row in filled_store.articles(search=search)] == expected


def test_articles_limit(filled_store: Store) -> None:
    assert [row.id for row in filled_store.articles(limit=1)] == ["a-visit-0001"]


@pytest.mark.parametrize(("search", "limit"), [("?!", 5), (None, 0)])
def test_articles_refuse_bad_arguments(filled_store: Store, search: str | None, limit: int) -> None:
    with pytest.raises(StoreError):
        filled_store.articles(search=search, limit=limit)
