"""Initial schema: articles, entities, entity aliases, statements, events, SQLite FTS5 index.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FTS_SQL = (
    "CREATE VIRTUAL TABLE statements_fts USING fts5("
    "content_text, speaker_name, content='statements', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_fts(rowid, content_text, speaker_name) "
    "VALUES (new.pk, new.content_text, new.speaker_name); END",
    "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content_text, speaker_name) "
    "VALUES ('delete', old.pk, old.content_text, old.speaker_name); END",
    "CREATE TRIGGER statements_fts_update AFTER UPDATE ON statements BEGIN "
    "INSERT INTO statements_fts(statements_fts, rowid, content_text, speaker_name) "
    "VALUES ('delete', old.pk, old.content_text, old.speaker_name); "
    "INSERT INTO statements_fts(rowid, content_text, speaker_name) "
    "VALUES (new.pk, new.content_text, new.speaker_name); END",
)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), nullable=False, comment="content hash of the article"),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("outlet", sa.Text()),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=False, comment="{cited_sources: [...], related: [...]}"),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
    )
    op.create_index("ix_articles_date", "articles", ["date"])

    op.create_table(
        "entities",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column(
            "id", sa.String(64), nullable=False, comment="the extractor's id, unique within the article"
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False, comment="name without diacritics, casefolded"),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_entities"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_entities_article_id_articles", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("article_id", "id", name="uq_entities_article_id_id"),
    )
    op.create_index("ix_entities_folded", "entities", ["folded"])
    op.create_index("ix_entities_type", "entities", ["type"])

    op.create_table(
        "entity_aliases",
        sa.Column("entity_pk", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False, comment="folded name or alias"),
        sa.ForeignKeyConstraint(
            ["entity_pk"], ["entities.pk"], name="fk_entity_aliases_entity_pk_entities", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("entity_pk", "alias", name="uq_entity_aliases_entity_pk_alias"),
    )
    op.create_index("ix_entity_aliases_entity_pk", "entity_aliases", ["entity_pk"])
    op.create_index("ix_entity_aliases_alias", "entity_aliases", ["alias"])

    op.create_table(
        "statements",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(64), nullable=False, comment="the extractor's id"),
        sa.Column("position", sa.Integer(), nullable=False, comment="order within the article's extraction"),
        sa.Column("speaker_entity", sa.String(64), comment="the extractor's entity id, or null"),
        sa.Column("speaker_pk", sa.Integer()),
        sa.Column("speaker_name", sa.Text()),
        sa.Column("speaker_folded", sa.Text()),
        sa.Column("speaker_span", sa.JSON()),
        sa.Column("cue", sa.JSON()),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("content_text", sa.Text(), nullable=False, comment="the content spans joined with ' … '"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("date", sa.Date(), comment="the statement's own date as extracted"),
        sa.Column("day", sa.Date(), comment="the statement date, else the article date"),
        sa.Column("sort_key", sa.String(160), nullable=False, comment="day/article/position, for paging"),
        sa.Column(
            "extractor", sa.String(64), nullable=False, comment="versioned extractor name, e.g. statements.v1"
        ),
        sa.PrimaryKeyConstraint("pk", name="pk_statements"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_statements_article_id_articles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_pk"], ["entities.pk"], name="fk_statements_speaker_pk_entities", ondelete="SET NULL"
        ),
        sa.UniqueConstraint("article_id", "id", name="uq_statements_article_id_id"),
    )
    op.create_index("ix_statements_article_id", "statements", ["article_id"])
    op.create_index("ix_statements_speaker_pk", "statements", ["speaker_pk"])
    op.create_index("ix_statements_speaker_folded", "statements", ["speaker_folded"])
    op.create_index("ix_statements_kind", "statements", ["kind"])
    op.create_index("ix_statements_day", "statements", ["day"])
    op.create_index("ix_statements_sort_key", "statements", ["sort_key"], unique=True)
    op.create_index("ix_statements_speaker_sort", "statements", ["speaker_pk", "sort_key"])

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("time_start", sa.Date()),
        sa.Column("time_end", sa.Date()),
        sa.Column("record", sa.JSON(), nullable=False, comment="the full Event record"),
        sa.Column("extractor", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name="fk_events_article_id_articles", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("article_id", "id", name="uq_events_article_id_id"),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_time_start", "events", ["time_start"])

    if op.get_bind().dialect.name == "sqlite":
        for statement in FTS_SQL:
            op.execute(statement)
    # PostgreSQL: a later revision adds a tsvector column with a GIN index instead (see docs/store.md).


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS statements_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS statements_fts")
    for table in ("events", "statements", "entity_aliases", "entities", "articles"):
        op.drop_table(table)
