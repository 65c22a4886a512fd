"""Alias word runs: every run of words of a folded alias becomes a lookup key; (folded, type) index.

Speaker lookup used to scan every alias with LIKE '% word %'; it is now one index lookup, because
"mark rutte" is stored with its runs "mark" and "rutte". This revision adds the runs for the
aliases already stored (they are folded already, so no name folding is needed here) and replaces
the index on entities.folded by one on (folded, type), which groups entities across articles.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MAX_RUN = 6  # words; a frozen copy of onrecord.store.rows.MAX_ALIAS_RUN at this revision


def word_runs(alias: str) -> set[str]:
    words = alias.split()
    longest = min(len(words), MAX_RUN)
    return {alias} | {
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    }


def upgrade() -> None:
    aliases = sa.table("entity_aliases", sa.column("entity_pk", sa.Integer), sa.column("alias", sa.Text))
    bind = op.get_bind()
    stored = {(pk, alias) for pk, alias in bind.execute(sa.select(aliases.c.entity_pk, aliases.c.alias))}
    added = {(pk, run) for pk, alias in stored for run in word_runs(alias)} - stored
    if added:
        bind.execute(aliases.insert(), [{"entity_pk": pk, "alias": run} for pk, run in sorted(added)])
    op.create_index("ix_entities_folded_type", "entities", ["folded", "type"])
    op.drop_index("ix_entities_folded", table_name="entities")


def downgrade() -> None:
    op.create_index("ix_entities_folded", "entities", ["folded"])
    op.drop_index("ix_entities_folded_type", table_name="entities")
    # The extra alias rows stay: revision 0001's word matching finds the same entities with them.
