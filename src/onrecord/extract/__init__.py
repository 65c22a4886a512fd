"""Pure extractors over one parsed article: provenance, entities, statements, time, amounts, events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_doc(article: Article, doc: Doc, *, events: bool = True) -> Extraction:
    """Run every extractor over ``doc`` (the parse of ``article.text``)."""
    return Extraction(article=article)
