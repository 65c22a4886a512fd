"""The linear-time span helpers the extractors share (onrecord.extract.spans)."""

from __future__ import annotations

from pathlib import Path

from onrecord.extract.spans import CharMask, SpanIndex, noun_chunks, sentence_start_back


def test_span_index_finds_overlaps_with_nested_and_disjoint_spans() -> None:
    spans = [(0, 5, "a"), (6, 10, "a"), (11, 100, "a"), (20, 25, "b"), (26, 30, "b"), (31, 40, "b")]
    index = SpanIndex(reversed([*spans, (200, 210, "c")]))  # given in any order
    assert index.overlaps(50, 60)  # only the long span starting at 11 reaches here
    assert index.overlaps(205, 300)
    assert not index.overlaps(100, 200)  # spans are half-open
    assert not index.overlaps(210, 220)
    assert sorted((s, e) for s, e, _ in index.overlapping(24, 32)) == [
        (11, 100),
        (20, 25),
        (26, 30),
        (31, 40),
    ]
    assert [(s, e) for s, e, _ in index.overlapping(100, 200)] == []
    assert index.containing(21, 25) and index.containing(11, 100)
    assert not index.containing(95, 105)


def test_char_mask_takes_half_open_spans() -> None:
    mask = CharMask(20)
    assert mask.free(0, 20)
    mask.take(5, 10)
    assert not mask.free(9, 12) and not mask.free(0, 6)
    assert mask.free(0, 5) and mask.free(10, 20)


def test_sentence_start_back_walks_from_the_token_not_the_document(extractor) -> None:
    text = "One came. Two came. Three came. Four came. Five came. Six said it."
    doc = extractor.nlp(text)
    it = next(t for t in doc if t.text == "it")
    assert sentence_start_back(doc, it, 0) == text.index("Six")
    assert sentence_start_back(doc, it, 4) == text.index("Two")
    assert sentence_start_back(doc, it, 40) == 0  # not past the first sentence


def test_noun_chunks_are_spacys(extractor) -> None:
    samples = Path(__file__).resolve().parents[2] / "samples"
    texts = [path.read_text(encoding="utf-8") for path in sorted(samples.glob("*.txt"))]
    texts.append("Officials of " + ", ".join(f"the Fund {i}" for i in range(200)) + " met on Monday.")
    for doc in extractor.nlp.pipe(texts):
        assert list(noun_chunks(doc)) == [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
