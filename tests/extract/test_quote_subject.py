"""Who a quote's cue verb names as speaker, on parses given token by token (as a long article's parse
can come out), so the test does not depend on the parser."""

from __future__ import annotations

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
