"""Migrations build the schema from an empty database and match the declared tables exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from onrecord.errors import StoreError
from onrecord.store import Store, database_url
from onrecord.store.migrate import alembic_config, head_revision
from onrecord.store.schema import FTS_TABLE, metadata

TABLES = {"articles", "entities", "entity_aliases", "statements", "events"}


def test_open_migrates_an_empty_database_to_head(store_path: Path) -> None:
    Store.open(store_path).close()
    engine = create_engine(database_url(store_path))
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        revision = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()

    assert TABLES | {FTS_TABLE, "alembic_version"} <= names
    assert revision == head_revision()


def test_migrated_schema_matches_the_declared_tables(store_path: Path) -> None:
    Store.open(store_path).close()
    engine = create_engine(database_url(store_path))
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": lambda obj, name, *_: not str(name).startswith(FTS_TABLE)}
        )
        differences = compare_metadata(context, metadata)
    engine.dispose()

    assert differences == []


def test_downgrade_to_base_removes_every_table(store_path: Path) -> None:
    Store.open(store_path).close()
    engine = create_engine(database_url(store_path))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with engine.connect() as connection:
        left = set(inspect(connection).get_table_names())
    engine.dispose()

    assert left & (TABLES | {FTS_TABLE}) == set()


def test_a_database_from_a_newer_onrecord_is_refused(store_path: Path) -> None:
    Store.open(store_path).close()
    engine = create_engine(database_url(store_path))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    engine.dispose()

    with pytest.raises(StoreError, match="newer onrecord"):
        Store.open(store_path)


def test_fts_index_follows_deletes(store: Store, extractions: list) -> None:  # type: ignore[type-arg]
    store.add(extractions[0])
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM articles"))
        left = connection.execute(text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH 'allies'"))
        assert left.scalar_one() == 0
    assert store.counts().statements == 0


def test_upgrade_from_0001_adds_word_runs_to_stored_aliases(store_path: Path) -> None:
    engine = create_engine(database_url(store_path))
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.execute(
            text(
                "INSERT INTO articles (id, source, language, text, provenance, ingested_at) "
                "VALUES ('a1', 'x.txt', 'en', 'Mark Rutte spoke.', '{}', '2024-10-16 00:00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO entities (pk, article_id, id, name, folded, type, aliases, roles, mentions) "
                "VALUES (7, 'a1', 'e1', 'Mark Rutte', 'mark rutte', 'PERSON', '[]', '[]', '[]')"
            )
        )
        connection.execute(text("INSERT INTO entity_aliases (entity_pk, alias) VALUES (7, 'mark rutte')"))
    engine.dispose()

    with Store.open(store_path) as store:
        with store.engine.connect() as connection:
            keys = connection.execute(text("SELECT alias FROM entity_aliases ORDER BY alias")).scalars().all()
        named = store.entities(name="Rütte")

    assert keys == ["mark", "mark rutte", "rutte"]
    assert [entity.name for entity in named] == ["Mark Rutte"]
