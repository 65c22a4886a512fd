"""onrecord: turn news articles into an accountable record of who said, did and promised what."""

from __future__ import annotations

import logging

from onrecord.errors import InputError, ModelError, OnrecordError, StoreError
from onrecord.model import Article, Entity, Event, Extraction, Failure, Span, Statement
from onrecord.pipeline import ExtractOptions, Extractor
from onrecord.read import ReadOptions, read_paths

__version__ = "0.1.0"

logging.getLogger("onrecord").addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "Entity",
    "Event",
    "ExtractOptions",
    "Extraction",
    "Extractor",
    "Failure",
    "InputError",
    "ModelError",
    "OnrecordError",
    "ReadOptions",
    "Span",
    "Statement",
    "StoreError",
    "__version__",
    "read_paths",
]
