"""Where the store lives: a path or a SQLAlchemy URL, turned into one URL."""

from __future__ import annotations

from pathlib import Path

DEFAULT_DB = "onrecord.db"


def database_url(db: str | Path | None = None) -> str:
    """Return the SQLAlchemy URL for ``db``: a URL is kept, a path becomes a SQLite file URL.

    >>> database_url("data/news.db").startswith("sqlite:///")
    True
    >>> database_url("postgresql+psycopg://localhost/onrecord")
    'postgresql+psycopg://localhost/onrecord'
    >>> database_url(":memory:")
    'sqlite://'
    """
    value = str(db if db is not None else DEFAULT_DB)
    if "://" in value:
        return value
    if value == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(value).expanduser().resolve()}"
