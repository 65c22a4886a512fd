"""Event participants and the commitment flag: what `onrecord events --actor/--target`, the
commitments ledger and `onrecord timeline` query.

Events stored before this revision keep their full record in ``events.record``; this revision fills
the new table and flag from those records, so no article has to be extracted again.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import json
import re

import sqlalchemy as sa
from alembic import op
from unidecode import unidecode

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SPACE = re.compile(r"\s+")
_EDGE = " \t\n.,;:!?\"'()[]{}«»“”‘’"


def _fold(name: str) -> str:
    """A frozen copy of onrecord.store.search.fold at this revision."""
    plain = unidecode(name).casefold().replace("'", "").replace("`", "").replace("-", " ")
    return _SPACE.sub(" ", plain).strip(_EDGE)


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column(
                "commitment",
                sa.Boolean(),
                nullable=False,
                server_default=sa.false(),
                comment="an amount or object given to a recipient (migration 0003)",
            )
        )
    op.create_index("ix_events_commitment", "events", ["commitment"])
    op.create_table(
        "event_participants",
        sa.Column("event_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False, comment="actor | target | recipient | object"),
        sa.Column("entity_pk", sa.Integer()),
        sa.Column("name", sa.Text(), nullable=False, comment="the entity's name, else the words as written"),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_pk"], ["events.pk"], name="fk_event_participants_event_pk_events", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entity_pk"],
            ["entities.pk"],
            name="fk_event_participants_entity_pk_entities",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_event_participants_event_pk", "event_participants", ["event_pk"])
    op.create_index("ix_event_participants_entity_pk", "event_participants", ["entity_pk"])
    op.create_index("ix_event_participants_folded", "event_participants", ["folded"])
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    events = sa.table(
        "events",
        sa.column("pk", sa.Integer),
        sa.column("article_id", sa.String),
        sa.column("record", sa.JSON),
        sa.column("commitment", sa.Boolean),
    )
    entities = sa.table(
        "entities", sa.column("pk", sa.Integer), sa.column("article_id", sa.String), sa.column("id", sa.String),
        sa.column("name", sa.Text),
    )  # fmt: skip
    known = {(a, i): (pk, name) for pk, a, i, name in bind.execute(sa.select(entities))}
    rows = []
    for pk, article_id, record, _ in bind.execute(sa.select(events)).all():
        record = json.loads(record) if isinstance(record, str) else record
        if record.get("commitment"):
            bind.execute(events.update().where(events.c.pk == pk).values(commitment=True))
        for participant in record.get("participants", []):
            entity_pk, name = known.get((article_id, participant.get("entity")), (None, participant["text"]))
            rows.append(
                {"event_pk": pk, "role": participant["role"], "entity_pk": entity_pk, "name": name,
                 "folded": _fold(name)}
            )  # fmt: skip
    if rows:
        table = sa.table(
            "event_participants", *(sa.column(c) for c in ("event_pk", "role", "entity_pk", "name", "folded"))
        )
        bind.execute(table.insert(), rows)


def downgrade() -> None:
    op.drop_table("event_participants")
    op.drop_index("ix_events_commitment", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("commitment")
