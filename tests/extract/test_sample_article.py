"""The article onrecord was created from: what a careful reader finds in it, checked end to end.

Expectations written from our own reading of samples/rutte-victory-plan-2024-10-16.txt: nine statements
by Mark Rutte (three direct, six indirect, one of them the "Read more" headline), each speaker resolved
to him whether written "Rutte", "he", "The Alliance Secretary General" or "Rütte"; the outlet and the
agency it cites; and nothing attributed to "It is known that …".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from onrecord.model import Article, Extraction
from onrecord.pipeline import Extractor
from onrecord.read import read_paths

SAMPLE = Path(__file__).parents[2] / "samples" / "rutte-victory-plan-2024-10-16.txt"

# (speaker as written, cue, kind, how the content starts) in text order
EXPECTED = [
    ("Rutte", "recalled", "indirect", "that he visited Kyiv two weeks ago"),
    ("Rutte", "said", "direct", '"I am very familiar with all the elements of the Victory Plan.'),
    ("Rutte", "According to", "indirect", "there are significant discussions on the Ukraine Victory Plan"),
    ("he", "said", "indirect", "that many developments are taking place"),
    ("Rutte", "said", "direct", '"All this, in fact, lays a bridge to NATO membership'),
    ("The Alliance Secretary General", "added", "indirect", "that such plans are always part of ongoing"),
    ("He", "said", "indirect", "that work is underway with Ukraine"),
    ("Rutte", "said", "direct", '"At the end of the day, the most important thing'),
    ("Rütte", "-", "indirect", "If Kyiv decides to start negotiations with Russian Federation"),
]


@pytest.fixture(scope="module")
def extraction(extractor: Extractor) -> Extraction:
    (article,) = list(read_paths([str(SAMPLE)]))
    assert isinstance(article, Article)
    return extractor.extract(article)


def test_every_statement_and_speaker(extraction: Extraction) -> None:
    found = [
        (
            s.speaker.span.text if s.speaker.span else None,
            s.cue.text if s.cue else None,
            s.kind,
            s.content[0].text,
        )
        for s in extraction.statements
    ]
    for speaker, cue, kind, content in EXPECTED:
        matches = [f for f in found if f[0] == speaker and f[2] == kind and f[3].startswith(content)]
        assert len(matches) == 1, (speaker, content, found)
        assert cue is None or matches[0][1].endswith(cue)


def test_nothing_that_is_not_there(extraction: Extraction) -> None:
    """No statement from the provenance line, the question put to Rutte or "It is known that …"; the only
    statement beyond the reader's nine may be the headline's "has commented on" the plan."""
    text = extraction.article.text
    extra = [
        s for s in extraction.statements if not any(s.content[0].text.startswith(e[3]) for e in EXPECTED)
    ]
    assert len(extra) <= 1, [s.content for s in extra]
    for statement in extra:
        assert statement.content[0].end <= text.index("\n")  # the first (headline) sentence
    for phrase in ("This was reported", "was asked whether", "It is known that"):
        start = text.index(phrase)
        sentence = (start, text.index(".", start))
        for statement in extraction.statements:
            spans = [statement.speaker.span, statement.cue, *statement.content]
            assert not any(sp and sp.start < sentence[1] and sentence[0] < sp.end for sp in spans), phrase


def test_all_speakers_are_one_canonical_rutte(extraction: Extraction) -> None:
    rutte = next(e for e in extraction.entities if e.name == "Mark Rutte")
    assert {s.speaker.entity for s in extraction.statements} == {rutte.id}
    assert {s.speaker.name for s in extraction.statements} == {"Mark Rutte"}
    assert [(r.title, r.organization) for r in rutte.roles] == [("Secretary General", "NATO")]
    assert {"Rutte", "Rütte"} <= set(rutte.aliases)


def test_direct_quotes_end_before_the_attribution(extraction: Extraction) -> None:
    for statement in extraction.statements:
        if statement.kind == "direct":
            assert statement.content[-1].text.endswith(',"')


def test_statements_are_dated_by_the_article(extraction: Extraction) -> None:
    assert extraction.article.date == dt.date(2024, 10, 16)
    assert {s.date for s in extraction.statements} == {dt.date(2024, 10, 16)}


def test_provenance_and_related(extraction: Extraction) -> None:
    article = extraction.article
    assert article.outlet == "Censor.NET"
    assert [(c.name, c.relation) for c in article.cited_sources] == [
        ("Censor.NET", "reported_by"),
        ("UNIAN", "with_reference_to"),
    ]
    assert [r.kind for r in article.related] == ["read_more"]


def test_entities_a_reader_expects(extraction: Extraction) -> None:
    by_name = {e.name: e for e in extraction.entities}
    assert by_name["Volodymyr Zelenskyy"].roles[0].title == "President"
    assert by_name["Volodymyr Zelenskyy"].roles[0].organization == "Ukraine"
    assert by_name["Kyiv"].type == "GPE"
    assert by_name["Victory Plan"].type == "PLAN"
    assert "Alliance" in {m.text for m in by_name["NATO"].mentions}
    nato_secretary = {m.text for m in by_name["Mark Rutte"].mentions}
    assert {"The NATO secretary general", "The Alliance Secretary General"} <= nato_secretary
