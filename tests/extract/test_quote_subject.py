"""Who a quote's cue verb names as speaker, on parses given token by token (as a long article's parse
can come out), so the test does not depend on the parser."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from onrecord.extract.quotes import _subject


def parsed(words: list[str], heads: list[int], deps: list[str], ents: list[str]) -> Doc:
    pos = ["PROPN" if word[:1].isupper() else "X" for word in words]  # "Monday" is a PROPN too
    return Doc(Vocab(), words=words, heads=heads, deps=deps, ents=ents, pos=pos)


# "…,” Police Chief Chuck Jordan said Monday." with "said" left without a subject and "Jordan" hung
# elsewhere, and "Monday" (a date) to the right of the cue.
WORDS = ["Go", "home", ",", "”", "Police", "Chief", "Chuck", "Jordan", "said", "Monday", "."]
HEADS = [0, 0, 0, 0, 5, 0, 7, 5, 0, 8, 0]
DEPS = ["ROOT", "dobj", "punct", "punct", "compound", "dep", "compound", "appos", "conj", "npadvmod", "punct"]


def test_a_date_after_the_cue_is_not_the_speaker_the_name_before_it_is() -> None:
    ents = ["O"] * 6 + ["B-PERSON", "I-PERSON", "O", "B-DATE", "O"]
    doc = parsed(WORDS, HEADS, DEPS, ents)
    subject = _subject(doc[8], doc[4:11])
    assert subject is not None and subject.text == "Chuck Jordan"


def test_a_date_alone_after_the_cue_gives_no_speaker() -> None:
    ents = ["O"] * 9 + ["B-DATE", "O"]
    doc = parsed(WORDS, HEADS, DEPS, ents)
    assert _subject(doc[8], doc[4:11]) is None


def test_a_name_after_the_cue_is_still_the_speaker() -> None:
    words = ["Go", "home", ",", "”", "said", "Rutte", "."]
    doc = parsed(
        words,
        [0, 0, 0, 0, 0, 4, 0],
        ["ROOT", "dobj", "punct", "punct", "conj", "npadvmod", "punct"],
        ["O"] * 5 + ["B-PERSON", "O"],
    )
    subject = _subject(doc[4], doc[4:7])
    assert subject is not None and subject.text == "Rutte"


def test_a_no_break_space_after_the_subject_is_not_part_of_the_speaker() -> None:
    # '“Go home,” he\xa0told them.': spaCy makes the no-break space a token and hangs it from "he", so the
    # subject's subtree ends with it; the speaker must still be the pronoun alone, or it resolves to no one
    doc = Doc(
        spacy.blank("en").vocab,  # its lexical attributes know "\xa0" is a space
        words=["“", "Go", "home", ",", "”", "he", "\xa0", "told", "them", "."],
        spaces=[False, True, False, False, True, False, False, True, False, False],
        heads=[1, 7, 1, 1, 1, 7, 5, 7, 7, 7],
        deps=["punct", "ccomp", "dobj", "punct", "punct", "nsubj", "dep", "ROOT", "dobj", "punct"],
    )
    subject = _subject(doc[7], doc[5:10])
    assert subject is not None and subject.text == "he"
