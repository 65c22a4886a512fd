"""The tables of the store, written once in SQLAlchemy Core and shared by every backend.

The migrations in ``store/migrations/versions`` create exactly these tables (plus the SQLite
full-text index, which lives outside this metadata because it is backend specific). A test compares
the migrated database with this metadata so the two cannot drift apart.

Entities and statements get an integer surrogate key (``pk``) because the ids the extractor gives
them are only unique within one article, and because SQLite's FTS5 index refers to rows by integer.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True, comment="content hash of the article"),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("date", Date, index=True),
    Column("outlet", Text),
    Column("language", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("provenance", JSON, nullable=False, comment="{cited_sources: [...], related: [...]}"),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("id", String(64), nullable=False, comment="the extractor's id, unique within the article"),
    Column("name", Text, nullable=False),
    Column("folded", Text, nullable=False, comment="name without diacritics, casefolded"),
    Column("type", String(32), nullable=False, index=True),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
    UniqueConstraint("article_id", "id"),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_pk", ForeignKey("entities.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", Text, nullable=False, index=True, comment="folded name or alias"),
    UniqueConstraint("entity_pk", "alias"),
)

statements = Table(
    "statements",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("id", String(64), nullable=False, comment="the extractor's id"),
    Column("position", Integer, nullable=False, comment="order within the article's extraction"),
    Column("speaker_entity", String(64), comment="the extractor's entity id, or null"),
    Column("speaker_pk", ForeignKey("entities.pk", ondelete="SET NULL"), index=True),
    Column("speaker_name", Text),
    Column("speaker_folded", Text, index=True),
    Column("speaker_span", JSON),
    Column("cue", JSON),
    Column("content", JSON, nullable=False),
    Column("content_text", Text, nullable=False, comment="the content spans joined with ' … '"),
    Column("kind", String(16), nullable=False, index=True),
    Column("date", Date, comment="the statement's own date as extracted"),
    Column("day", Date, index=True, comment="the statement date, else the article date"),
    Column(
        "sort_key",
        String(160),
        nullable=False,
        index=True,
        unique=True,
        comment="day/article/position, for paging",
    ),
    Column("extractor", String(64), nullable=False, comment="versioned extractor name, e.g. statements.v1"),
    UniqueConstraint("article_id", "id"),
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("id", String(64), nullable=False),
    Column("position", Integer, nullable=False),
    Column("type", String(32), nullable=False, index=True),
    Column("kind", String(32)),
    Column("status", String(16), nullable=False),
    Column("time_start", Date, index=True),
    Column("time_end", Date),
    Column("record", JSON, nullable=False, comment="the full Event record"),
    Column("extractor", String(64), nullable=False),
    Column(
        "commitment",
        Boolean,
        nullable=False,
        server_default=false(),
        index=True,
        comment="an amount or object given to a recipient (migration 0003)",
    ),
    UniqueConstraint("article_id", "id"),
)

# Who took part in each event, for actor/target filters and timelines (migration 0003).
event_participants = Table(
    "event_participants",
    metadata,
    Column("event_pk", ForeignKey("events.pk", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(16), nullable=False, comment="actor | target | recipient | object"),
    Column("entity_pk", ForeignKey("entities.pk", ondelete="SET NULL"), index=True),
    Column("name", Text, nullable=False, comment="the entity's name, else the words as written"),
    Column("folded", Text, nullable=False, index=True),
)

Index("ix_statements_speaker_sort", statements.c.speaker_pk, statements.c.sort_key)
Index("ix_entities_folded_type", entities.c.folded, entities.c.type)

# The SQLite full-text index over statements (content + speaker name); created by migration 0001.
FTS_TABLE = "statements_fts"
