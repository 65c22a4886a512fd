"""Alembic migrations run from code: no alembic.ini is needed in the working directory."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection

from onrecord.errors import StoreError

log = logging.getLogger("onrecord")

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # only if the package was installed without its migrations
        raise StoreError(f"no migrations found in {MIGRATIONS}; reinstall onrecord")
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(connection: Connection, url: str) -> None:
    """Bring the database on ``connection`` to the newest schema (a no-op when it is current)."""
    current = current_revision(connection)
    head = head_revision()
    if current == head:
        return
    if current is not None and not _known(current):
        raise StoreError(
            f"{url} has schema revision {current}, which this onrecord does not know; "
            "it was written by a newer onrecord: upgrade onrecord or use another --db"
        )
    log.info("migrating %s from %s to %s", url, current or "empty", head)
    try:
        command.upgrade(alembic_config(connection), "head")
    except CommandError as exc:
        raise StoreError(f"cannot migrate {url} ({exc}); use a fresh --db or report this") from exc
