"""Cutting article text at span offsets: pieces join back to the text and know what covers them."""

from __future__ import annotations

import pytest

from onrecord.model import Article, Extraction, Span, Speaker, Statement
from onrecord.web.highlight import Mark, highlighted, pieces

TEXT = '"We stay," Rutte said. He added that talks go on.'


def at(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def test_pieces_join_back_to_the_text_and_carry_their_kinds() -> None:
    found = [
        Mark(start=1, end=8, kind="content", statement=1),
        Mark(start=11, end=16, kind="speaker", statement=1),
    ]

    result = pieces(TEXT, found)

    assert "".join(p.text for p in result) == TEXT
    assert [(p.text, p.kinds) for p in result[:4]] == [
        ('"', ()),
        ("We stay", ("content",)),
        ('," ', ()),
        ("Rutte", ("speaker",)),
    ]


def test_overlapping_marks_give_every_covering_kind_and_statement() -> None:
    found = [
        Mark(start=0, end=10, kind="content", statement=1),
        Mark(start=4, end=6, kind="cue", statement=2),
    ]

    result = pieces("0123456789", found)

    assert [(p.text, p.kinds, p.statements) for p in result] == [
        ("0123", ("content",), (1,)),
        ("45", ("content", "cue"), (1, 2)),
        ("6789", ("content",), (1,)),
    ]
    assert result[1].css == "hl-content hl-cue"


def test_text_without_marks_is_one_plain_piece() -> None:
    assert [(p.text, p.kinds) for p in pieces(TEXT, [])] == [(TEXT, ())]


@pytest.mark.parametrize(
    "bad", [Span(start=5, end=500, text="x"), Span(start=-1, end=3, text="x"), Span(start=4, end=4, text="")]
)
def test_spans_outside_the_text_are_left_out(bad: Span) -> None:
    statement = Statement(
        id="s",
        speaker=Speaker(name="R", span=at("Rutte")),
        cue=bad,
        content=(at("talks go on"),),
        kind="indirect",
    )
    extraction = Extraction(article=Article(id="a", source="t", text=TEXT), statements=(statement,))

    result = highlighted(extraction)

    assert "".join(p.text for p in result) == TEXT
    assert {p.text: p.kinds for p in result if p.kinds} == {
        "Rutte": ("speaker",),
        "talks go on": ("content",),
    }
