"""Entities: gazetteer fixes, canonical clustering, aliases, roles and role descriptions."""

from __future__ import annotations

import pytest

from onrecord.model import Entity, Extraction


def entity(extraction: Extraction, name: str) -> Entity:
    found = [e for e in extraction.entities if e.name == name]
    assert len(found) == 1, [(e.name, e.type) for e in extraction.entities]
    return found[0]


def test_surname_and_diacritic_variants_are_one_person(extract) -> None:
    text = "Mark Rutte arrived in Brussels. Rutte met the ministers. Later, Rütte left."
    extraction = extract(text)
    rutte = entity(extraction, "Mark Rutte")
    assert rutte.type == "PERSON"
    assert [m.text for m in rutte.mentions][:2] == ["Mark Rutte", "Rutte"]
    assert len([e for e in extraction.entities if e.type == "PERSON"]) == 1


def test_a_name_with_or_without_its_middle_name_is_one_person(extract) -> None:
    text = (
        "Elena K. Marsh opened the session. Later, Elena Marsh said the vote would be held in March. "
        "Mayor Elena Katharina Marsh thanked the council."
    )
    people = [e for e in extract(text).entities if e.type == "PERSON"]
    assert len(people) == 1
    assert {m.text for m in people[0].mentions} == {"Elena K. Marsh", "Elena Marsh", "Elena Katharina Marsh"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # different middle initials; the bare name could be either, so it stays apart
        (
            "George W. Bush spoke first. George H. W. Bush spoke next. George Bush did not speak.",
            {"George W. Bush", "George H. W. Bush", "George Bush"},
        ),
        # a son with his father's name
        ("Donald Trump spoke first. Donald Trump Jr. spoke next.", {"Donald Trump", "Donald Trump Jr"}),
    ],
)
def test_names_that_differ_beyond_a_middle_name_stay_apart(extract, text, names) -> None:
    assert {e.name for e in extract(text).entities if e.type == "PERSON"} == names


def test_a_surname_after_mrs_or_mr_joins_the_person_of_that_sex(extract) -> None:
    """The nearest earlier Marsh is Karl, but "Mrs. Marsh" is Elena; "Mr. Marsh" stays Karl."""
    text = (
        "Elena Marsh runs the council. Her husband, Karl Marsh, runs the bank. "
        "Mrs. Marsh said the vote would be held in March. Mr. Marsh declined to comment."
    )
    extraction = extract(text)
    assert [m.text for m in entity(extraction, "Elena Marsh").mentions] == ["Elena Marsh", "Marsh"]
    karl = entity(extraction, "Karl Marsh")
    assert [(m.text, text[m.start - 4 : m.start]) for m in karl.mentions] == [
        ("Karl Marsh", "nd, "),
        ("Marsh", "Mr. "),
    ]


def test_a_lone_surname_joins_the_person_mentioned_most_not_the_relative_named_last(extract) -> None:
    text = (
        "Senator Mark Walsh spoke in Denver on Monday. Walsh promised new roads. Walsh also praised the mayor. "
        "Trump mocked his wife, Laura Walsh, on Tuesday. Walsh said the attacks were personal."
    )
    extraction = extract(text)
    assert [m.text for m in entity(extraction, "Laura Walsh").mentions] == ["Laura Walsh"]
    assert len(entity(extraction, "Mark Walsh").mentions) == 4
    assert extraction.statements[-1].speaker.name == "Mark Walsh"


def test_gazetteer_fixes_capital_tagged_as_person(extract) -> None:
    extraction = extract("Rutte recalled that he visited Kyiv two weeks ago.")
    assert entity(extraction, "Kyiv").type == "GPE"


@pytest.mark.parametrize(
    ("text", "name", "title", "organization"),
    [
        ("NATO Secretary General Mark Rutte spoke today.", "Mark Rutte", "Secretary General", "NATO"),
        (
            "Ukrainian President Volodymyr Zelenskyy spoke today.",
            "Volodymyr Zelenskyy",
            "President",
            "Ukraine",
        ),
        ("Mark Rutte, NATO's secretary general, spoke today.", "Mark Rutte", "Secretary General", "NATO"),
        (
            "Former NATO Secretary General Anna Berg spoke today.",
            "Anna Berg",
            "Former Secretary General",
            "NATO",
        ),
        (
            "Anna Berg, a former NATO secretary general, spoke today.",
            "Anna Berg",
            "Former Secretary General",
            "NATO",
        ),
        (  # the apposition nested in it is a phrase of its own, not part of the title
            "Karl Weiss, a former Northport Harbor Authority chairman and mayoral candidate, poked at the plan "
            "on Monday, tweeting that it was unsound.",
            "Karl Weiss",
            "Former Chairman",
            "Northport Harbor Authority",
        ),
    ],
)
def test_roles_from_titles_and_appositions(extract, text, name, title, organization) -> None:
    person = entity(extract(text), name)
    assert [(r.title, r.organization) for r in person.roles] == [(title, organization)]


def test_no_title_from_a_quotation_the_parse_runs_into_an_apposition(extract) -> None:
    text = (
        "“There is a severe disconnect between this White House and frankly the president and our military,” "
        "Karl Weiss, a top campaign surrogate, said Thursday morning on Fox News."
    )
    assert entity(extract(text), "Karl Weiss").roles == ()


def test_generic_alias_resolves_only_where_the_actor_is_named(extract) -> None:
    with_nato = extract("NATO leaders met in Washington. The Alliance agreed to help Ukraine.")
    assert "Alliance" in [m.text for m in entity(with_nato, "NATO").mentions]
    without = extract("The Alliance agreed to help the region.")
    assert all(e.name != "NATO" for e in without.entities)


def test_role_description_becomes_a_mention_of_the_person(extract) -> None:
    text = (
        "NATO Secretary General Mark Rutte arrived. The Alliance Secretary General then spoke to the press."
    )
    rutte = entity(extract(text), "Mark Rutte")
    assert "The Alliance Secretary General" in [m.text for m in rutte.mentions]


def test_named_plan_is_one_entity_across_forms(extract) -> None:
    text = "Ukraine's Victory Plan was presented. The Victory Plan has many elements."
    plan = entity(extract(text), "Victory Plan")
    assert plan.type == "PLAN"
    assert len(plan.mentions) == 2


def test_surname_variants_are_the_same_found_in_c_as_in_python() -> None:
    """Past SURNAME_SCAN surnames, rapidfuzz's process.extract replaces the Python loop: same words, same order."""
    import random

    from onrecord.extract import entities

    rng = random.Random(7)
    words = ["".join(rng.choice("aeioubcdklmnrstz") for _ in range(rng.randint(4, 9))) for _ in range(600)]
    words += ["zelensky", "zelenskyy", "zelenskiy"]
    rng.shuffle(words)
    assert len(words) > entities.SURNAME_SCAN
    for word in ["zelensky", words[0], words[300], "nobodyhere"]:
        in_python = [
            w for w in words if w == word or entities.fuzz.ratio(w, word) >= entities.SURNAME_SIMILARITY
        ]
        assert entities._variants(word, words) == in_python
    assert set(entities._variants("zelensky", words)) >= {"zelensky", "zelenskyy", "zelenskiy"}


def test_two_clusters_of_one_type_and_name_are_one_entity() -> None:
    # a speaker rule can make a person beside the one NER found; both would get the id hash(type, name)
    from onrecord.extract.entities import EntityTable
    from onrecord.extract.gazetteer import Gazetteer
    from onrecord.model import Role

    text = "Elena Marsh spoke. Later Mayor Elena Marsh spoke again."
    table = EntityTable("a", text, Gazetteer.load())
    first, second = (table.new_cluster("PERSON:Elena Marsh", "PERSON") for _ in range(2))
    table.add_mention(first, 0, 11)
    table.add_mention(second, 31, 42)
    table.add_role(second, Role(title="Mayor"))
    entities, ids = table.freeze()
    (entity,) = entities
    assert ids[id(first)] == ids[id(second)] == entity.id
    assert [m.text for m in entity.mentions] == ["Elena Marsh", "Elena Marsh"]
    assert entity.roles == (Role(title="Mayor"),)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Petar Pepekov\nWe will", "Petar Pepekov"),
        ("\xa0Donald Trump\xa0said", "Donald Trump"),
        ("“NATO’s", "NATO"),
    ],
)
def test_a_mention_loses_the_whitespace_and_marks_ner_took_in(text, mention) -> None:
    from onrecord.extract.entities import _trim

    end = text.index(mention) + len(mention) + 1  # NER's span runs one character too far
    start, stop = _trim(text, 0, min(end, len(text)))
    assert text[start:stop] == mention
