"""Matching helpers: diacritics-insensitive names and safe full-text queries.

Names are folded in Python (unidecode + casefold) when they are stored and when they are asked
for, so every backend compares plain lowercase ASCII. Full text goes through the backend's own
index: SQLite FTS5 here; PostgreSQL will use a tsvector column (see docs/store.md).
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, Select, and_, literal_column, or_, select, table
from sqlalchemy import column as sql_column
from unidecode import unidecode

from onrecord.errors import StoreError
from onrecord.store.schema import FTS_TABLE, entity_aliases, statements

_SPACE = re.compile(r"\s+")
_EDGE_PUNCTUATION = " \t\n.,;:!?\"'()[]{}«»“”‘’"
_QUERY_TERM = re.compile(r'"([^"]*)"|(\w+)(\*?)')
_LIKE_SPECIAL = re.compile(r"([\\%_])")

_fts = table(FTS_TABLE, sql_column("rowid"))


def fold(name: str) -> str:
    """Fold a name for matching: no diacritics or apostrophes, casefolded, hyphens as spaces.

    >>> fold("  Mark   Rütte ")
    'mark rutte'
    >>> fold("Zelens'kyi") == fold("ZELENSKYI")
    True
    """
    plain = unidecode(name).casefold().replace("'", "").replace("`", "").replace("-", " ")
    return _SPACE.sub(" ", plain).strip(_EDGE_PUNCTUATION)


def entities_named(folded: str) -> Select[tuple[int]]:
    """Keys of the entities with ``folded`` as their name, an alias, or a run of their words.

    "rutte" finds "mark rutte"; "rut" does not. One index lookup: the runs are stored
    (see ``onrecord.store.rows.word_runs``).
    """
    return select(entity_aliases.c.entity_pk).where(entity_aliases.c.alias == folded)


def words_clause(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    """``column`` contains every word of ``text``, in any case (ASCII case-insensitive in SQLite)."""
    words = re.findall(r"\w+", text)
    if not words:
        raise StoreError(f"search text {text!r} has no words; give at least one word, e.g. Ukraine")
    escaped = (_LIKE_SPECIAL.sub(r"\\\1", word) for word in words)
    return and_(*(column.ilike(f"%{word}%", escape="\\") for word in escaped))


def speaker_clause(name: str) -> ColumnElement[bool]:
    """Statements whose speaker has ``name`` as its name or any alias, diacritics-insensitive."""
    folded = fold(name)
    if not folded:
        raise StoreError(f"speaker {name!r} has no letters to match; give a name such as --speaker Rutte")
    return or_(
        statements.c.speaker_pk.in_(entities_named(folded)),
        and_(statements.c.speaker_pk.is_(None), statements.c.speaker_folded == folded),
    )


def fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must occur.

    Words are quoted (so AND, OR, NEAR, column names and punctuation are plain words);
    ``"two words"`` stays a phrase and a trailing ``*`` asks for a prefix.

    >>> fts_query('Victory Plan')
    '"Victory" "Plan"'
    >>> fts_query('"victory plan" Ukr* OR')
    '"victory plan" "Ukr"* "OR"'
    """
    terms: list[str] = []
    for match in _QUERY_TERM.finditer(text):
        phrase, word, star = match.groups()
        if phrase is not None:
            words = re.findall(r"\w+", phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        else:
            terms.append(f'"{word}"{star}')
    if not terms:
        raise StoreError(f"search text {text!r} has no words; give at least one word, e.g. --search Ukraine")
    return " ".join(terms)


def search_clause(dialect: str, text: str) -> ColumnElement[bool]:
    """Statements whose content or speaker name contains every word of ``text``."""
    if dialect != "sqlite":
        raise StoreError(
            f"full-text search is not available on {dialect} yet; "
            "use a SQLite store (--db FILE) or filter by --speaker/--since instead"
        )
    match = literal_column(FTS_TABLE).op("MATCH")(fts_query(text))
    return statements.c.pk.in_(select(_fts.c.rowid).where(match))
