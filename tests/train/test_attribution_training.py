"""Training the attribution tagger: gold spans to BIO labels, and a tiny end-to-end training run."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.eval.polnear import GoldAttribution
from onrecord.extract.attribution import AttributionModel
from onrecord.extract.attribution_features import blocks
from onrecord.model import Span
from onrecord.pipeline import Extractor
from onrecord.train.attribution import TrainOptions, block_labels, char_roles, train_attribution

TEXT = "Smith said taxes rose."


@pytest.fixture(scope="module")
def nlp(extractor: Extractor):
    return extractor.nlp


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def gold(text: str, source: str | None, cue: str, content: str, gid: str = "E1") -> GoldAttribution:
    return GoldAttribution(
        id=gid,
        source=(span(text, source),) if source else (),
        cue=(span(text, cue),),
        content=(span(text, content),),
    )


def test_char_roles_let_the_cue_win_over_content() -> None:
    text = "abcdef"
    overlapping = GoldAttribution(
        id="E1",
        source=(),
        cue=(Span(start=2, end=3, text="c"),),
        content=(Span(start=0, end=5, text="abcde"),),
    )
    roles = char_roles([overlapping])
    assert [roles[c][0] if c in roles else None for c in range(len(text))] == [
        "CONTENT",
        "CONTENT",
        "CUE",
        "CONTENT",
        "CONTENT",
        None,
    ]


def test_char_roles_can_leave_the_cue_out() -> None:
    roles = char_roles([gold(TEXT, "Smith", "said", "taxes rose")], cue=False)
    assert {role for role, _ in roles.values()} == {"SOURCE", "CONTENT"}


def test_block_labels_are_bio_per_token(nlp) -> None:
    doc = nlp(TEXT)
    roles = char_roles([gold(TEXT, "Smith", "said", "taxes rose")])
    assert block_labels(doc, next(blocks(doc)), roles) == ["B-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT", "O"]


def test_two_fragments_of_one_part_each_begin_with_b(nlp) -> None:
    text = "Taxes, Smith said, rose."
    doc = nlp(text)
    attribution = GoldAttribution(
        id="E1",
        source=(span(text, "Smith"),),
        cue=(span(text, "said"),),
        content=(span(text, "Taxes"), span(text, "rose")),
    )
    labels = block_labels(doc, next(blocks(doc)), char_roles([attribution]))
    assert labels == ["B-CONTENT", "O", "B-SOURCE", "B-CUE", "O", "B-CONTENT", "O"]


def ann_for(text: str, source: str, cue: str, content: str) -> str:
    lines = []
    for number, (role, phrase) in enumerate((("Source", source), ("Cue", cue), ("Content", content)), 1):
        start = text.index(phrase)
        lines.append(f"T{number}\t{role} {start} {start + len(phrase)}\t{phrase}")
    lines.append("E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3")
    return "\n".join(lines) + "\n"


SENTENCES = [
    ("Smith said taxes rose.", "Smith", "said", "taxes rose"),
    ("Jones said prices fell.", "Jones", "said", "prices fell"),
    ("The mayor said roads improved.", "The mayor", "said", "roads improved"),
    ("Officials said crime dropped.", "Officials", "said", "crime dropped"),
]


def test_training_on_a_tiny_split_learns_the_pattern(tmp_path: Path, nlp, polnear_split) -> None:
    articles = {f"a{i}": (s[0], ann_for(*s)) for i, s in enumerate(SENTENCES)}
    split = polnear_split("train", articles, annotator="x1")
    model = train_attribution(split, TrainOptions(max_iterations=30, min_feature_freq=1, c1=0.0), nlp=nlp)
    assert model.meta["articles"] == len(SENTENCES)
    loaded = AttributionModel.load(model.save(tmp_path / "model"))
    text = "Brown said wages grew."
    [found] = loaded.predict(nlp(text))
    assert found.source is not None and found.source.text == "Brown"
    assert found.cue is not None and found.cue.text == "said"
    assert [c.text for c in found.content] == ["wages grew"]
