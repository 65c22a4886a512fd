"""Records <-> table rows: the only place that knows how a record is laid out in the tables."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from sqlalchemy import RowMapping

from onrecord.errors import StoreError
from onrecord.model import Article, Entity, Event, Span, Speaker, Statement
from onrecord.store.records import StatementRow
from onrecord.store.search import fold

STATEMENT_EXTRACTOR = "statements.v1"
EVENT_EXTRACTOR = "events.v1"
CONTENT_JOINER = " … "
_NO_DAY = "0000-00-00"
_MAX_POSITION = 999_999
MAX_ALIAS_RUN = 6  # words; longer runs of an alias are only found through the whole alias


def article_row(article: Article, ingested_at: dt.datetime) -> dict[str, Any]:
    provenance = article.model_dump(mode="json", include={"cited_sources", "related"})
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "date": article.date,
        "outlet": article.outlet,
        "language": article.language,
        "text": article.text,
        "provenance": provenance,
        "ingested_at": ingested_at,
    }


def entity_row(article_id: str, entity: Entity) -> dict[str, Any]:
    dumped = entity.model_dump(mode="json")
    return {
        "article_id": article_id,
        "id": entity.id,
        "name": entity.name,
        "folded": fold(entity.name),
        "type": entity.type,
        "aliases": dumped["aliases"],
        "roles": dumped["roles"],
        "mentions": dumped["mentions"],
    }


def alias_rows(entity_pk: int, entity: Entity) -> list[dict[str, Any]]:
    """One row per lookup key of ``entity``: each folded name/alias and each run of its words."""
    keys = dict.fromkeys(run for name in (entity.name, *entity.aliases) for run in word_runs(fold(name)))
    return [{"entity_pk": entity_pk, "alias": key} for key in keys if key]


def word_runs(folded: str) -> list[str]:
    """The whole ``folded`` name, then every run of up to MAX_ALIAS_RUN of its words.

    >>> word_runs("mark rutte")
    ['mark rutte', 'mark', 'rutte']
    """
    words = folded.split()
    longest = min(len(words), MAX_ALIAS_RUN)
    runs = [" ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)]
    return list(dict.fromkeys([folded, *runs]))


def statement_row(
    article: Article, position: int, statement: Statement, speaker_pk: int | None
) -> dict[str, Any]:
    if position > _MAX_POSITION:
        raise StoreError(f"article {article.source} has more than {_MAX_POSITION} statements; split it")
    speaker = statement.speaker
    day = statement.date or article.date
    return {
        "article_id": article.id,
        "id": statement.id,
        "position": position,
        "speaker_entity": speaker.entity,
        "speaker_pk": speaker_pk,
        "speaker_name": speaker.name,
        "speaker_folded": fold(speaker.name) if speaker.name else None,
        "speaker_span": _dump(speaker.span),
        "cue": _dump(statement.cue),
        "content": [span.model_dump(mode="json") for span in statement.content],
        "content_text": CONTENT_JOINER.join(span.text for span in statement.content),
        "kind": statement.kind,
        "date": statement.date,
        "day": day,
        "sort_key": f"{day.isoformat() if day else _NO_DAY}/{article.id}/{_MAX_POSITION - position:06d}",
        "extractor": STATEMENT_EXTRACTOR,
    }


def event_row(article_id: str, position: int, event: Event) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "id": event.id,
        "position": position,
        "type": event.type,
        "kind": event.kind,
        "status": event.status,
        "time_start": event.time.start if event.time else None,
        "time_end": event.time.end if event.time else None,
        "record": event.model_dump(mode="json"),
        "extractor": EVENT_EXTRACTOR,
    }


def article_from_row(row: RowMapping) -> Article:
    fields = ("id", "source", "url", "title", "date", "outlet", "language", "text")
    return Article.model_validate({**{name: row[name] for name in fields}, **row["provenance"]})


def entity_from_row(row: RowMapping) -> Entity:
    fields = ("id", "name", "type", "aliases", "roles", "mentions")
    return Entity.model_validate({name: row[name] for name in fields})


def statement_from_row(row: RowMapping) -> Statement:
    fields = ("id", "cue", "content", "kind", "date")
    return Statement.model_validate({**{name: row[name] for name in fields}, "speaker": _speaker(row)})


def statement_row_from_row(row: RowMapping) -> StatementRow:
    fields = ("id", "article_id", "position", "cue", "content", "kind", "date", "day", "extractor")
    return StatementRow.model_validate(
        {
            **{name: row[name] for name in fields},
            "speaker": _speaker(row),
            "text": row["content_text"],
            "article_title": row["title"],
            "outlet": row["outlet"],
        }
    )


def event_from_row(row: RowMapping) -> Event:
    return Event.model_validate(row["record"])


def encode_cursor(sort_key: str) -> str:
    return base64.urlsafe_b64encode(sort_key.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        sort_key = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError) as exc:
        raise StoreError(
            f"cursor {cursor!r} was not issued by this store; start again without a cursor"
        ) from exc
    if sort_key.count("/") < 2:
        raise StoreError(f"cursor {cursor!r} was not issued by this store; start again without a cursor")
    return sort_key


def _speaker(row: RowMapping) -> Speaker:
    span = row["speaker_span"]
    return Speaker(
        entity=row["speaker_entity"],
        name=row["speaker_name"],
        span=Span.model_validate(span) if span is not None else None,
    )


def _dump(span: Span | None) -> dict[str, Any] | None:
    return span.model_dump(mode="json") if span is not None else None
