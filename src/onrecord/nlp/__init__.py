"""Loading the spaCy pipeline. Models are loaded at the edge and passed in; nothing is cached here."""

from __future__ import annotations

from onrecord.nlp.matmul import use_numpy_matmul
from onrecord.nlp.paragraphs import use_paragraph_breaks, wraps_line
from onrecord.nlp.pipeline import DEFAULT_MODEL, load_parsing_pipeline, load_pipeline
from onrecord.nlp.token_attributes import use_token_attributes

__all__ = [
    "DEFAULT_MODEL",
    "load_parsing_pipeline",
    "load_pipeline",
    "use_numpy_matmul",
    "use_paragraph_breaks",
    "use_token_attributes",
    "wraps_line",
]
