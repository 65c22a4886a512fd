"""Which people a "he" or "she" may refer to."""

from __future__ import annotations

from collections import Counter

import pytest

from onrecord.extract.entities import Cluster
from onrecord.extract.gender import FirstNames, Genders

NAMES = FirstNames({"donald": "m", "hillary": "f"})


def person(text: str, *names: str, type_: str = "PERSON") -> Cluster:
    """A cluster with a mention at every place ``text`` writes one of ``names``."""
    cluster = Cluster(key=names[0], type=type_, names=Counter(names))
    for name in names:
        start = text.find(name)
        while start >= 0:
            cluster.mentions.append((start, start + len(name)))
            start = text.find(name, start + 1)
    return cluster


@pytest.mark.parametrize(
    ("text", "names", "sex"),
    [
        ("Mrs. Clinton spoke after Donald Clinton.", ("Donald Clinton", "Clinton"), "f"),  # the article wins
        ("Donald Clinton spoke.", ("Donald Clinton",), "m"),  # first name
        ("Hillary Clinton spoke.", ("Hillary Clinton",), "f"),
        ("Mr. Clinton met Mrs. Clinton.", ("Hillary Clinton", "Clinton"), None),  # two people in one: no word
        ("Clinton spoke.", ("Clinton",), None),  # a surname alone is no first name
        ("Chris Park spoke.", ("Chris Park",), None),  # not in the table
    ],
)
def test_the_article_then_the_first_name_gives_the_sex(text, names, sex) -> None:
    assert Genders(text, NAMES).of(person(text, *names)) == sex


def test_only_a_mismatch_blocks_a_pronoun() -> None:
    text = "Donald Clinton and Chris Park spoke."
    genders = Genders(text, NAMES)
    donald, chris = person(text, "Donald Clinton"), person(text, "Chris Park")
    assert not genders.fits("She", donald)
    assert genders.fits("he", donald) and genders.fits("she", chris) and genders.fits("they", donald)


def test_without_a_table_only_the_article_counts() -> None:
    text = "Donald Clinton met Ms. Park."
    genders = Genders(text, None)
    assert genders.of(person(text, "Donald Clinton")) is None
    assert genders.of(person(text, "Park")) == "f"


def test_a_damaged_table_is_a_model_error_naming_the_line(monkeypatch, tmp_path) -> None:
    import gzip
    from importlib import resources

    from onrecord.errors import ModelError

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "first_names.tsv.gz").write_bytes(gzip.compress(b"# header\ndonald\tm\nhillary female\n"))
    monkeypatch.setattr(resources, "files", lambda package: tmp_path / "data")
    with pytest.raises(ModelError, match=r"line 3 is not 'name<TAB>m\|f': 'hillary female'"):
        FirstNames.load()
    (folder / "first_names.tsv.gz").write_bytes(b"not gzip")
    with pytest.raises(ModelError, match=r"missing or damaged .*onrecord train first-names"):
        FirstNames.load()
