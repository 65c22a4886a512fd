"""Provenance: outlet, cited sources and related items, from the text alone."""

from __future__ import annotations

import pytest

from onrecord.extract.gazetteer import Gazetteer
from onrecord.extract.provenance import find_provenance


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_reported_by_with_reference_to(gazetteer) -> None:
    found = find_provenance(
        "Rutte spoke.\n\nThis was reported by Censor.NET with reference to UNIAN.\n", gazetteer
    )
    assert found.outlet == "Censor.NET"
    assert [(c.name, c.relation) for c in found.cited_sources] == [
        ("Censor.NET", "reported_by"),
        ("UNIAN", "with_reference_to"),
    ]


@pytest.mark.parametrize(
    ("text", "name", "relation"),
    [
        ("KYIV (Reuters) – Talks resumed on Monday.", "Reuters", "dateline"),
        ("The ministry confirmed the figures, citing Interfax.", "Interfax", "citing"),
        ("According to the Kyiv Post, the talks resumed.", "Kyiv Post", "according_to"),
    ],
)
def test_cited_source_patterns(gazetteer, text, name, relation) -> None:
    cited = find_provenance(text, gazetteer).cited_sources
    assert [(c.name, c.relation) for c in cited] == [(name, relation)]
    assert text[cited[0].span.start : cited[0].span.end] == cited[0].span.text


def test_according_to_a_person_is_not_a_cited_source(gazetteer) -> None:
    assert find_provenance("According to Rutte, talks continue.", gazetteer).cited_sources == ()


def test_read_more_lines_are_related_items(gazetteer) -> None:
    text = "Body text.\n\nRead more: Kyiv will talk from strength - Rütte\n\nSee also: Budget passes\n"
    related = find_provenance(text, gazetteer).related
    assert [(r.kind, r.text) for r in related] == [
        ("read_more", "Kyiv will talk from strength - Rütte"),
        ("see_also", "Budget passes"),
    ]


def test_a_newspaper_named_by_its_kind_is_an_outlet_and_an_organization(gazetteer, extract) -> None:
    text = (
        "Dock workers will extend their strike, their union said on Friday.\n\n"
        "This was reported by Harbour Courier with reference to the Eastfield Dockers' Union.\n"
    )
    found = find_provenance(text, gazetteer)
    assert found.outlet == "Harbour Courier"
    assert [(c.name, c.relation) for c in found.cited_sources] == [
        ("Harbour Courier", "reported_by"),
        ("Eastfield Dockers' Union", "with_reference_to"),
    ]
    # the union is cited, not an outlet: only the newspaper's words are a news organization's
    assert [text[s:e] for s, e in found.outlet_spans] == ["Harbour Courier"]
    entities = {e.name: e.type for e in extract(text).entities}
    assert entities["Harbour Courier"] == "ORG"  # NER alone reads the two capitalized words as a person


def test_was_reported_by_the_police_is_no_outlet(gazetteer) -> None:
    found = find_provenance("The theft was reported by the Harbour Police on Monday.", gazetteer)
    assert (found.outlet, found.cited_sources) == (None, ())
