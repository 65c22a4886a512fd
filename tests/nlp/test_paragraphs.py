"""Sentences start at line breaks, so a headline no longer runs into the body's first sentence."""

from __future__ import annotations

import warnings

from spacy.language import Language

from onrecord.nlp.paragraphs import NAME, start_sentences_at_line_breaks, use_paragraph_breaks
from onrecord.pipeline import Extractor

HEADLINE = "Mayor Says Bridge Will Reopen in 'Spring or Summer.'\n\nNORTHPORT -- Mayor Elena Marsh, visiting the site on Monday, said the work would finish early.\n"


def test_the_extraction_pipeline_starts_a_sentence_after_every_line_break(extractor: Extractor) -> None:
    doc = extractor.nlp(HEADLINE)
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Mayor Says Bridge Will Reopen in 'Spring or Summer.'"
    assert sentences[1].startswith("NORTHPORT -- Mayor Elena Marsh")
    said = next(t for t in doc if t.text == "said")
    assert said.dep_ == "ROOT"  # not a clause of the headline's "Says"
    assert any(c.dep_ == "nsubj" for c in said.children)


def test_a_sentence_inside_a_paragraph_is_left_to_the_parser(extractor: Extractor) -> None:
    doc = extractor.nlp("The mayor spoke first. Then the council voted, and the session closed.\n")
    assert [s.text.strip() for s in doc.sents] == [
        "The mayor spoke first.",
        "Then the council voted, and the session closed.",
    ]


def test_the_component_is_added_once_and_only_before_a_parser() -> None:
    nlp = Language()
    assert not use_paragraph_breaks(nlp)  # no parser: nothing to constrain
    assert NAME not in nlp.pipe_names
    nlp.add_pipe("sentencizer", name="parser")  # a stand-in component under the parser's name
    assert use_paragraph_breaks(nlp) and use_paragraph_breaks(nlp)
    assert nlp.pipe_names == [NAME, "parser"]


def test_only_the_token_after_a_line_break_is_marked() -> None:
    doc = start_sentences_at_line_breaks(Language().make_doc("First line without a stop\n\nSecond line"))
    assert [t.text for t in doc if t.is_sent_start] == ["First", "Second"]
    assert [t.is_sent_start for t in doc][1:5] == [None] * 4  # the parser decides the rest


def test_a_line_break_that_only_wraps_a_sentence_does_not_start_one() -> None:
    text = "The mayor, who spoke first,\nsaid the bridge\nwould reopen in May.\nThe council agreed."
    doc = start_sentences_at_line_breaks(Language().make_doc(text))
    assert [t.text for t in doc if t.is_sent_start] == ["The", "The"]


def test_marking_starts_raises_no_warning_from_spacy() -> None:
    doc = Language().make_doc("Headline here\n\nBody text.\n\nMore text.")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # spaCy warns (W028) when from_array gets the wrong integer type
        start_sentences_at_line_breaks(doc)
    assert [t.text for t in doc if t.is_sent_start] == ["Headline", "Body", "More"]
