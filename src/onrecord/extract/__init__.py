"""Pure extractors over one parsed article: provenance, entities, statements, time, amounts, events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.extract.entities import find_entities, relabel_person_names
from onrecord.extract.events import find_events, link_events
from onrecord.extract.gazetteer import Gazetteer
from onrecord.extract.provenance import find_provenance
from onrecord.extract.roles import assign_roles, find_descriptions
from onrecord.extract.statement_dates import date_statements
from onrecord.extract.statements import find_statements, link_speakers
from onrecord.extract.timex import find_times
from onrecord.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Gazetteer", "extract_doc"]


def extract_doc(article: Article, doc: Doc, gazetteer: Gazetteer, *, events: bool = True) -> Extraction:
    """Run every extractor over ``doc`` (the parse of ``article.text``)."""
    provenance = find_provenance(article.text, gazetteer)
    article = article.model_copy(
        update={
            "outlet": article.outlet or provenance.outlet,
            "cited_sources": provenance.cited_sources,
            "related": provenance.related,
        }
    )
    table = find_entities(doc, article.id, gazetteer)
    relabel_person_names(table)
    assign_roles(doc, table)
    find_descriptions(doc, table)
    times = find_times(doc, article.date)
    statements = date_statements(find_statements(doc, article, table, article.related), doc, times)
    drafts = find_events(doc, article, table, times=times) if events else []
    entities, ids = table.freeze()
    return Extraction(
        article=article,
        entities=entities,
        statements=tuple(link_speakers(statements, table, ids)),
        events=link_events(drafts, article, ids),
    )
