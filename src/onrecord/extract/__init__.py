"""Pure extractors over one parsed article: provenance, entities, statements, time, amounts, events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.extract.attribution import AttributionModel
from onrecord.extract.entities import find_entities, relabel_person_names
from onrecord.extract.events import find_events, link_events
from onrecord.extract.events_lexicon import Lexicon
from onrecord.extract.gazetteer import Gazetteer
from onrecord.extract.gender import FirstNames
from onrecord.extract.provenance import find_provenance
from onrecord.extract.roles import assign_roles, find_descriptions
from onrecord.extract.statement_dates import date_statements
from onrecord.extract.statements import find_statements, link_speakers
from onrecord.extract.timex import find_times
from onrecord.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Gazetteer", "Resources", "extract_doc"]


@dataclass(frozen=True, kw_only=True)
class Resources:
    """The shipped data and models the extractors read, loaded once at the edge and passed in."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    first_names: FirstNames | None = None  # first name -> sex, for pronoun speakers; None: no such check
    attribution: AttributionModel | None = None  # the learned attribution tagger; None: rules only

    @classmethod
    def load(cls, *, attribution: bool = True, attribution_model: str | None = None) -> Resources:
        """Load the shipped data; the attribution model from ``attribution_model`` or the shipped one."""
        model = AttributionModel.load(attribution_model) if attribution else None
        return cls(
            gazetteer=Gazetteer.load(),
            lexicon=Lexicon.load(),
            first_names=FirstNames.load(),
            attribution=model,
        )


def extract_doc(article: Article, doc: Doc, resources: Resources, *, events: bool = True) -> Extraction:
    """Run every extractor over ``doc`` (the parse of ``article.text``)."""
    gazetteer = resources.gazetteer
    provenance = find_provenance(article.text, gazetteer)
    article = article.model_copy(
        update={
            "outlet": article.outlet or provenance.outlet,
            "cited_sources": provenance.cited_sources,
            "related": provenance.related,
        }
    )
    table = find_entities(doc, article.id, gazetteer, resources.first_names, provenance.outlet_spans)
    relabel_person_names(table)
    assign_roles(doc, table)
    find_descriptions(doc, table)
    times = find_times(doc, article.date)
    learned = resources.attribution.predict(doc) if resources.attribution is not None else ()
    statements = find_statements(doc, article, table, article.related, learned, resources.first_names)
    statements = date_statements(statements, doc, times)
    drafts = find_events(doc, article, table, times=times, lexicon=resources.lexicon) if events else []
    entities, ids = table.freeze()
    return Extraction(
        article=article,
        entities=entities,
        statements=tuple(link_speakers(statements, table, ids)),
        events=link_events(drafts, article, ids),
    )
