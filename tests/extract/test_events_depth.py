"""Token depths for the order in which event frames are tried: linear, same as a walk from each token."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Token

from onrecord.extract.events_frames import MAX_DEPTH, _depths


def walked(token: Token) -> int:
    """The definition: steps up to the root, at most MAX_DEPTH."""
    depth = 0
    while token.head != token and depth < MAX_DEPTH:
        token = token.head
        depth += 1
    return depth


def test_depths_of_a_tree() -> None:
    vocab = spacy.blank("en").vocab
    words = "She said the talks that began on Monday would go on".split()
    heads = [1, 1, 3, 9, 5, 3, 5, 6, 9, 1, 9]
    doc = Doc(vocab, words=words, heads=heads, deps=["dep"] * len(words))
    assert _depths(doc) == [walked(t) for t in doc] == [1, 0, 3, 2, 4, 3, 4, 5, 2, 1, 2]


def test_depths_stop_at_the_cap() -> None:
    vocab = spacy.blank("en").vocab
    n = MAX_DEPTH + 20
    doc = Doc(vocab, words=["w"] * n, heads=[max(i - 1, 0) for i in range(n)], deps=["dep"] * n)
    depths = _depths(doc)
    assert depths == [walked(t) for t in doc]
    assert depths[:3] == [0, 1, 2] and depths[-1] == MAX_DEPTH
