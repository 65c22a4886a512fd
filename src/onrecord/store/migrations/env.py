"""Alembic environment of the onrecord store.

Used two ways:
- programmatically by :func:`onrecord.store.migrate.upgrade`, which passes an open connection in
  ``config.attributes["connection"]`` (no alembic.ini needed anywhere);
- from the command line with the ``alembic.ini`` next to this file, e.g.
  ``alembic -c src/onrecord/store/migrations/alembic.ini -x db=onrecord.db revision -m "add x"``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from onrecord.store.schema import FTS_TABLE, metadata
from onrecord.store.url import database_url

config = context.config


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001 (alembic's hook signature)
    """Keep autogenerate away from the FTS5 index and its shadow tables (not part of the metadata)."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))


def run_migrations(connection) -> None:  # noqa: ANN001 (a SQLAlchemy Connection)
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things in place
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    db = context.get_x_argument(as_dictionary=True).get("db")
    engine = create_engine(database_url(db) if db else config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as connection:
        run_migrations(connection)
    engine.dispose()


main()
