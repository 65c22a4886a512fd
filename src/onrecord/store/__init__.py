"""Storage of extractions (SQLAlchemy Core over SQLite with FTS5; PostgreSQL later) and queries.

This package never imports spaCy or the extractors (an import-linter contract checks it).
"""

from __future__ import annotations

from onrecord.store.records import (
    DEFAULT_STATEMENT_LIMIT,
    ArticleRow,
    Counts,
    DayCount,
    EntityRow,
    StatementPage,
    StatementQuery,
    StatementRow,
)
from onrecord.store.search import fold
from onrecord.store.store import Store
from onrecord.store.url import DEFAULT_DB, database_url

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_STATEMENT_LIMIT",
    "ArticleRow",
    "Counts",
    "DayCount",
    "EntityRow",
    "StatementPage",
    "StatementQuery",
    "StatementRow",
    "Store",
    "database_url",
    "fold",
]
