"""Loading the spaCy pipeline. Models are loaded at the edge and passed in; nothing is cached here."""

from __future__ import annotations

from onrecord.nlp.pipeline import DEFAULT_MODEL, load_pipeline

__all__ = ["DEFAULT_MODEL", "load_pipeline"]
