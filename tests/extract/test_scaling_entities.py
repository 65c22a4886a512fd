"""Entity lookups kept up to date as an article's people grow: names, surnames and role descriptions."""

from __future__ import annotations

from collections import Counter

import pytest

from onrecord.extract.entities import Cluster, EntityTable
from onrecord.extract.gazetteer import Gazetteer

SYLLABLES = ["mar", "pel", "ves", "lon", "dra", "kut", "nis", "sob", "tre", "bav"]


def surname(i: int) -> str:
    """A made-up surname for each ``i`` below 1000 ("Pelmarmar"), none a spelling variant of another."""
    return (SYLLABLES[i % 10] + SYLLABLES[i // 10 % 10] + SYLLABLES[i // 100 % 10]).capitalize()


def slavic_surname(i: int) -> str:
    """A made-up surname for each ``i`` below 100 ("Pelmarkov"), short and shaped like a real one: spaCy
    does not read every invented name in "The … Party leader" as part of a description."""
    return (SYLLABLES[i % 10] + SYLLABLES[i // 10 % 10] + "kov").capitalize()


@pytest.mark.parametrize(
    ("names", "name"),
    [
        (["Rutte", "Mark Rutte", "Rutte"], "Mark Rutte"),  # the fullest form
        (["Marsh", "Elena Marsh", "Elena K. Marsh", "Elena Marsh"], "Elena K. Marsh"),
        (["Elena Marsh", "Karl Marsh", "Karl Marsh", "Elena Marsh"], "Elena Marsh"),  # a tie: the first seen
        (["Elena Marsh", "Karl Marsh", "Karl Marsh"], "Karl Marsh"),  # then the most frequent
    ],
)
def test_a_name_read_between_mentions_follows_them(names: list[str], name: str) -> None:
    cluster = Cluster(key="PERSON:x", type="PERSON")
    for written in names:
        cluster.add_name(written)
        assert cluster.name == Cluster(key="PERSON:x", type="PERSON", names=Counter(cluster.names)).name
    assert cluster.name == name


def test_people_named_and_renamed_between_lookups_are_found_by_their_name_now() -> None:
    """Past the surnames compared one by one (SURNAME_SCAN), each lone surname first stands for a person
    of its own, then the person is named in full: each lookup sees the people as they are at that point."""
    people = range(300)
    text = " ".join(f"{surname(i)} spoke. Anna {surname(i)} left." for i in people)
    table = EntityTable("a", text, Gazetteer.load())
    for i in people:
        lone = text.index(f"{surname(i)} spoke")
        cluster = table.new_cluster(f"PERSON:{surname(i)}", "PERSON")
        table.add_mention(cluster, lone, lone + len(surname(i)))
        assert table.person_named(surname(i)) is cluster
        assert table.person_named(f"Anna {surname(i)}") is None
        full = text.index(f"Anna {surname(i)}")
        table.add_mention(cluster, full, full + len(f"Anna {surname(i)}"))
        assert table.person_named(f"Anna {surname(i)}") is cluster
    assert all(table.person_named(surname(i)) is table.clusters[i] for i in people)
    assert table.person_named(surname(0) + "x") is table.clusters[0]  # a spelling variant


def test_a_lone_surname_joins_the_person_mentioned_most_before_it(extract) -> None:
    text = "Karl Marsh arrived. Elena Marsh arrived. Marsh waved. Karl Marsh spoke. Karl Marsh left. Marsh smiled."
    mentions = {e.name: [m.start for m in e.mentions] for e in extract(text).entities}
    waved, smiled = text.index("Marsh waved"), text.index("Marsh smiled")
    assert waved in mentions["Elena Marsh"]  # one mention each so far: the latest
    assert smiled in mentions["Karl Marsh"]  # three to two


def test_each_party_leader_description_resolves_to_that_partys_leader(extract) -> None:
    first = ["Marta", "Petar", "Anna", "Jonas", "Elena", "Viktor"]
    names = [slavic_surname(i) for i in range(30)]
    text = "\n\n".join(
        f"{name} Party leader {first[i % 6]} {name} arrived. The {name} Party leader met the press."
        for i, name in enumerate(names)
    )
    people = {e.name: {m.text for m in e.mentions} for e in extract(text).entities if e.type == "PERSON"}
    for i, name in enumerate(names):
        assert f"The {name} Party leader" in people[f"{first[i % 6]} {name}"]


def test_mentions_between_reads_back_from_the_end_and_follows_merges() -> None:
    text = "Anna Marsh met Karl Weiss. Marsh left. The Marsh group stayed."
    table = EntityTable("a", text, Gazetteer.load())
    anna, karl = table.new_cluster("PERSON:anna", "PERSON"), table.new_cluster("PERSON:karl", "PERSON")
    group = table.new_cluster("ORG:marsh", "ORG")
    first, weiss = text.index("Anna Marsh"), text.index("Weiss")
    lone, in_group = text.index("Marsh left"), text.index("Marsh group")
    table.add_mention(anna, first, first + len("Anna Marsh"))
    table.add_mention(karl, weiss, weiss + len("Weiss"))
    table.add_mention(anna, lone, lone + len("Marsh"))
    table.add_mention(group, in_group, in_group + len("Marsh"))

    def between(start: int, end: int) -> list[tuple[int, str]]:
        return [(s, c.key) for s, _, c in table.mentions_between(start, end)]

    assert between(0, len(text)) == [
        (in_group, "ORG:marsh"),
        (lone, "PERSON:anna"),
        (weiss, "PERSON:karl"),
        (first, "PERSON:anna"),
    ]
    assert between(weiss, lone) == [(weiss, "PERSON:karl")]  # the end is not included
    table.merge(group, anna)
    assert between(in_group, len(text)) == [(in_group, "PERSON:anna")]
