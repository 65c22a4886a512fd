"""The learned attribution tagger: blocks, quote state, span decoding, linking and the shipped model."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from onrecord.errors import ModelError
from onrecord.extract.attribution import (
    CUES_FILE,
    META_FILE,
    ROLES_FILE,
    AttributionModel,
    PredictedAttribution,
    Segment,
    extend_quotes,
    merge_adjacent,
    segments,
    sentence_window,
)
from onrecord.extract.attribution_features import (
    Block,
    TokenTable,
    ancestors,
    blocks,
    quote_state,
    relative_features,
    token_features,
    tree_path,
)
from onrecord.pipeline import Extractor


@pytest.fixture(scope="module")
def nlp(extractor: Extractor):
    return extractor.nlp


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    return AttributionModel.load()


def texts(found: list[PredictedAttribution]) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    return [
        (a.source.text if a.source else None, a.cue.text if a.cue else None, tuple(c.text for c in a.content))
        for a in found
    ]


def test_blocks_split_at_line_breaks_and_skip_whitespace(nlp) -> None:
    doc = nlp("Tax plan unveiled\n\nThe mayor spoke. She left early.\nCrowds stayed.")
    found = list(blocks(doc))
    words = [[doc[i].text for i in b.tokens] for b in found]
    assert words == [
        ["Tax", "plan", "unveiled"],
        ["The", "mayor", "spoke", ".", "She", "left", "early", "."],
        ["Crowds", "stayed", "."],
    ]
    assert [b.first for b in found] == [True, False, False]
    assert found[1].sentence == (0, 0, 0, 0, 1, 1, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Go home,” he said.", [2, 1, 1, 1, 3, 0, 0, 0]),
        ('"Go home," he said.', [2, 1, 1, 1, 3, 0, 0, 0]),
        ("He said no.", [0, 0, 0, 0]),
    ],
)
def test_quote_state_marks_open_inside_and_close(nlp, text: str, expected: list[int]) -> None:
    doc = nlp(text)
    block = next(blocks(doc))
    assert quote_state([doc[i].text for i in block.tokens]) == expected


def test_token_features_describe_parse_and_window(nlp) -> None:
    doc = nlp("The senator said the bill would fail.")
    block = next(blocks(doc))
    feats = token_features(doc, block).items
    said = feats[2]
    assert len(feats) == len(block.tokens)
    assert "l:say" in said
    assert "w-1:senator" in said and "w1:the" in said
    assert "c_ccomp" in said and "c_nsubj" in said
    assert "w-2:<pad>" in feats[0]
    assert all(len(set(f)) == len(f) for f in feats)  # CRFsuite would count a repeated name twice


def test_token_table_reads_what_spacy_tokens_say(nlp) -> None:
    doc = nlp("“We will not back down,” NATO's chief told reporters in Kyiv, who said he agreed.\n\nU.S. 12")
    table = TokenTable.of(doc)
    assert table.words == [t.lower_ for t in doc]
    assert table.lemmas == [t.lemma_.lower() for t in doc]
    assert table.heads == [t.head.i for t in doc]
    assert table.ents == [t.ent_type_ for t in doc]
    assert table.children == [[c.i for c in t.children] for t in doc]
    assert [table.left_edge(t.i) for t in doc] == [t.left_edge.i for t in doc]
    shapes = dict(zip([t.text for t in doc], table.shapes, strict=True))
    assert (shapes["“"], shapes["NATO"], shapes["Kyiv"], shapes["told"], shapes["12"]) == (
        "punct",
        "upper",
        "title",
        "lower",
        "num",
    )


def test_word_classes_generalize_rare_cues_to_their_wordnet_class(nlp) -> None:
    doc = nlp("The senator propounded a theory and repeated his pronouncements.")
    feats = token_features(doc, next(blocks(doc))).items
    by_word = {doc[i].lower_: f for i, f in zip(next(blocks(doc)).tokens, feats, strict=True)}
    assert "wc_communication" in by_word["propounded"]
    assert "wc_communication" in by_word["pronouncements"]
    assert "gwc:communication" in by_word["theory"]  # the verb it hangs from
    assert not any(name.startswith("wc_") for name in by_word["the"])


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["B-SOURCE", "I-SOURCE", "B-CUE", "B-CONTENT", "I-CONTENT"], [("SOURCE", 0, 2), ("CUE", 2, 3), ("CONTENT", 3, 5)]),
        (["O", "I-CUE", "I-CUE", "O"], [("CUE", 1, 3)]),
        (["B-CONTENT", "B-CONTENT", "O"], [("CONTENT", 0, 1), ("CONTENT", 1, 2)]),
    ],
)  # fmt: skip
def test_segments_from_bio_labels(labels: list[str], expected: list[tuple[str, int, int]]) -> None:
    block = Block(tokens=tuple(range(len(labels))), sentence=(0,) * len(labels), first=False)
    assert [(s.role, s.start, s.end) for s in segments(block, labels)] == expected


def test_segments_break_at_sentence_boundaries() -> None:
    block = Block(tokens=(0, 1, 2, 3), sentence=(0, 0, 1, 1), first=False)
    found = segments(block, ["B-CONTENT", "I-CONTENT", "I-CONTENT", "O"])
    assert [(s.start, s.end, s.sentence) for s in found] == [(0, 2, 0), (2, 3, 1)]


@pytest.mark.parametrize(
    ("context", "position", "expected"),
    [(0, 4, (3, 6)), (0, 0, (0, 3)), (1, 4, (0, 8)), (1, 7, (3, 8))],
)
def test_sentence_window_covers_the_sentence_and_its_context(
    context: int, position: int, expected: tuple[int, int]
) -> None:
    block = Block(tokens=tuple(range(8)), sentence=(0, 0, 0, 1, 1, 1, 2, 2), first=False)
    assert sentence_window(block, position, context) == expected


def test_merge_adjacent_joins_touching_segments_only() -> None:
    parts = [Segment("CONTENT", 5, 7, 1), Segment("CONTENT", 0, 3, 0), Segment("CONTENT", 3, 4, 1)]
    merged = merge_adjacent(parts)
    assert [(s.start, s.end) for s in merged] == [(0, 4), (5, 7)]


@pytest.mark.parametrize(
    ("sentence", "quotes", "segment", "expected"),
    [
        # a quotation still open where the cue's sentence ends runs on to its closing mark
        ((0, 0, 0, 0, 0, 1, 1, 1, 1), [0, 0, 2, 1, 1, 1, 1, 1, 3], (2, 5, 0), (2, 9)),
        # one opened in an earlier sentence is taken back to its opening mark
        ((0, 0, 0, 0, 1, 1, 1, 1), [2, 1, 1, 1, 1, 3, 0, 0], (4, 6, 1), (0, 6)),
        # a quotation closed within its sentence stays as it is
        ((0, 0, 0, 0, 0), [2, 1, 3, 0, 0], (0, 3, 0), (0, 3)),
    ],
)
def test_extend_quotes_carries_content_to_the_quotation_marks(
    sentence: tuple[int, ...], quotes: list[int], segment: tuple[int, int, int], expected: tuple[int, int]
) -> None:
    block = Block(tokens=tuple(range(len(sentence))), sentence=sentence, first=False)
    start, end, number = segment
    [extended] = extend_quotes([Segment("CONTENT", start, end, number)], quotes, block)
    assert (extended.start, extended.end) == expected


@pytest.mark.parametrize(
    ("word", "path"), [("senator", "down:nsubj"), ("bill", "down:ccomp"), ("The", "down:nsubj")]
)
def test_tree_path_says_how_a_token_hangs_from_the_cue(nlp, word: str, path: str) -> None:
    doc = nlp("The senator said the bill would fail.")
    said = next(t.i for t in doc if t.text == "said")
    chain = {t: depth for depth, t in enumerate(ancestors([t.head.i for t in doc], said))}
    token = next(t.i for t in doc if t.text == word)
    assert tree_path(TokenTable.of(doc), token, chain) == path


def test_relative_features_mark_side_of_cue(nlp) -> None:
    doc = nlp("The senator said the bill would fail.")
    block = next(blocks(doc))
    feats = relative_features(doc, block, token_features(doc, block), (2, 3), (0, len(block.tokens)))
    assert [next(f for f in fs if f.startswith("r:")) for fs in feats] == [f"r:{side}" for side in "BBCAAAAA"]
    assert "path:down:nsubj" in feats[1] and "path|cl:down:nsubj|say" in feats[1]


@pytest.mark.parametrize(
    ("text", "source", "cue", "content_word"),
    [
        ("The senator said the bill would fail.", "The senator", "said", "bill"),
        (
            "“The economy is strong,” the governor told reporters on Monday.",
            "the governor",
            "told",
            "economy",
        ),
        ("According to the agency, unemployment rose in May.", "the agency", "According to", "unemployment"),
    ],
)
def test_shipped_model_finds_source_cue_and_content(
    nlp, model: AttributionModel, text: str, source: str, cue: str, content_word: str
) -> None:
    found = model.predict(nlp(text))
    assert len(found) == 1
    attribution = found[0]
    assert attribution.source is not None and attribution.source.text == source
    assert attribution.cue is not None and cue in attribution.cue.text
    assert any(content_word in c.text for c in attribution.content)
    for span in (attribution.source, attribution.cue, *attribution.content):
        assert text[span.start : span.end] == span.text


def test_shipped_model_finds_nothing_in_plain_narration(nlp, model: AttributionModel) -> None:
    assert model.predict(nlp("The bridge opened in 1932. It carries four lanes of traffic.")) == []


def test_save_load_and_pickle_round_trip(nlp, model: AttributionModel, tmp_path: Path) -> None:
    doc = nlp("The senator said the bill would fail.")
    folder = model.save(tmp_path / "attr")
    assert all((folder / name).is_file() for name in (CUES_FILE, ROLES_FILE, META_FILE))
    assert AttributionModel.load(folder).predict(doc) == model.predict(doc)
    assert pickle.loads(pickle.dumps(model)).predict(doc) == model.predict(doc)


def test_load_from_a_folder_without_a_model_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="onrecord train attribution"):
        AttributionModel.load(tmp_path)


def model_bytes(model: AttributionModel, folder: Path) -> tuple[bytes, bytes]:
    model.save(folder)
    return (folder / CUES_FILE).read_bytes(), (folder / ROLES_FILE).read_bytes()


def test_model_trained_with_other_features_is_refused(model: AttributionModel, tmp_path: Path) -> None:
    cues, roles = model_bytes(model, tmp_path)
    with pytest.raises(ModelError, match="retrain"):
        AttributionModel(cues, roles, {**model.meta, "features": "attribution-features.v0"})


def test_bytes_that_are_not_a_model_are_refused(model: AttributionModel, tmp_path: Path) -> None:
    cues, _ = model_bytes(model, tmp_path)
    with pytest.raises(ModelError, match="not a CRFsuite model"):
        AttributionModel(cues, b"not a model", model.meta)


def test_a_missing_word_class_table_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    from onrecord.extract import attribution_features

    monkeypatch.setattr(attribution_features, "WORD_CLASSES_FILE", "no-such-table.tsv.gz")
    attribution_features.word_classes.cache_clear()
    try:
        with pytest.raises(
            ModelError, match=r"no-such-table\.tsv\.gz cannot be read .*onrecord train wordclasses"
        ):
            attribution_features.word_classes()
    finally:
        attribution_features.word_classes.cache_clear()
