"""The memoized token-attribute component gives exactly what spaCy's attribute_ruler + lemmatizer give."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.nlp import load_pipeline, use_token_attributes
from onrecord.nlp.token_attributes import NAME, TokenAttributes

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ATTRS = [ORTH, TAG, DEP, POS, MORPH, LEMMA, HEAD, ENT_IOB, ENT_TYPE]

# Every kind of pattern en_core_web_sm's ruler has: tag-map rows, words by tag, dependency-dependent
# rows ("I"/"you"/"it" as subject or object, "but" as advmod, auxiliaries, "do"/"have" as verbs), the
# two-token rows ("there is", "gonna", "gotta", "let's", "ain't", "c'mon", "y'all"), spaces and new lines.
TEXTS = [
    "There is no plan, but there are talks. There's hope; there were doubts and there was a vote.",
    "I'm gonna tell you: we gotta go, let's move. It ain't over, c'mon, y'all know it.",
    "You said it, I heard you and they gave it to me. Did she do it? He has had enough, but so what.",
    "NATO Secretary General Mark Rutte said on Monday that allies had pledged $40bn.\n\n"
    "“We will not back down,” he told reporters in Kyiv.  Zelensky’s Victory Plan was presented.",
    "Gon na na gon. Let 's see. Ai n't that so? Y' all.   \n  Tabs\tand  spaces.\n",
    "The 1990s' best-known U.S.-based firms — e.g. Acme Corp. — grew 12.5% (to €3.2 million) in Q3.",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def fast() -> Language:
    nlp = load_pipeline()
    assert use_token_attributes(nlp)
    return nlp


def assert_same(expected: Doc, got: Doc) -> None:
    assert (expected.to_array(ATTRS) == got.to_array(ATTRS)).all()
    assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in expected] == [
        (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in got
    ]
    assert expected.to_json() == got.to_json()


def test_replaces_the_two_components(fast: Language) -> None:
    assert fast.pipe_names == ["tok2vec", "tagger", "parser", NAME, "ner"]
    assert isinstance(fast.get_pipe(NAME), TokenAttributes)


def test_same_attributes_as_the_stock_components(stock: Language, fast: Language) -> None:
    texts = TEXTS + [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    for _ in range(2):  # first with new keys (the stock components run on copies), then from the memo
        for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
            assert_same(expected, got)


def test_two_token_pattern_split_across_copied_tokens(
    stock: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New tokens are copied side by side; a two-token row matching across them must not leak in."""
    nlp = load_pipeline()
    assert use_token_attributes(nlp)
    runs: list[int] = []
    run = TokenAttributes._run
    monkeypatch.setattr(
        TokenAttributes, "_run", lambda self, doc, pieces: runs.append(len(pieces)) or run(self, doc, pieces)
    )
    seen = "The word was here. The sign is a symbol."
    new = "The gon was here. Na is a symbol."  # only 'gon' and 'na' are new: copied next to each other
    for text in (seen, new, "Gon na."):
        runs.clear()
        assert_same(stock(text), nlp(text))
        if text == new:
            assert runs == [2, 1, 1]  # 'gon na' matched in the copy: each token redone on its own


def test_preset_attributes_go_through_the_stock_components(stock: Language, fast: Language) -> None:
    text = "She was running late."
    expected = stock.make_doc(text)
    got = fast.make_doc(text)
    for doc in (expected, got):
        doc[2].lemma_ = "RUN!"  # the lemmatizer keeps a lemma that is already set
    for _, component in stock.pipeline:
        expected = component(expected)
    for _, component in fast.pipeline:
        got = component(got)
    assert got[2].lemma_ == "RUN!"
    assert_same(expected, got)


def test_left_alone_without_the_two_components() -> None:
    import spacy

    blank = spacy.blank("en")
    assert not use_token_attributes(blank)
    assert blank.pipe_names == []
