"""Overlap tests and sentence reach that stay linear on long texts, shared by the extractors.

- :class:`CharMask`: characters marked as taken, as spans are chosen one by one ("is any character of
  this span taken yet?" in C, not a scan of every span chosen so far);
- :class:`SpanIndex`: a fixed set of spans, each with what it belongs to, queried in log time;
- :func:`sentence_start_back`: where the sentence some sentences before a token starts, found by walking
  back from the token rather than listing every sentence of the document;
- :func:`head_indices` and :func:`up_the_tree`: an answer for every token found by climbing the parse,
  each token climbed over once;
- :func:`noun_chunks`: spaCy's English noun chunks without its climb of every coordination chain.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

T = TypeVar("T")


class CharMask:
    """Characters ``[0, size)``, each taken or free."""

    def __init__(self, size: int) -> None:
        self._taken = bytearray(size)

    def take(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        """No character of ``[start, end)`` is taken."""
        return self._taken.find(1, start, end) < 0


class SpanIndex(Generic[T]):
    """Spans, each with what it belongs to, for overlap tests in log time; ``overlapping`` walks only
    back over spans that start before the query ends."""

    def __init__(self, spans: Iterable[tuple[int, int, T]]) -> None:
        self.spans = sorted(spans, key=lambda s: (s[0], s[1]))
        self.starts = [start for start, _, _ in self.spans]
        self.reach = list(
            accumulate((end for _, end, _ in self.spans), max)
        )  # furthest end of spans[: i + 1]

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        j = bisect_left(self.starts, end) - 1
        while j >= 0 and self.reach[j] > start:
            if self.spans[j][1] > start:
                yield self.spans[j]
            j -= 1

    def containing(self, start: int, end: int) -> bool:
        """Some span holds all of ``[start, end)``."""
        return any(s <= start and end <= e for s, e, _ in self.overlapping(start, end))


def sentence_start_back(doc: Doc, token: Token, count: int) -> int:
    """Where the sentence ``count`` sentences before ``token``'s starts (walking back from it, so the cost
    is the length of those sentences, not of the document)."""
    sentence = token.sent
    for _ in range(count):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    return sentence.start_char


# the dependency labels spaCy's English noun chunks take as noun phrases
NP_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(doc: Doc) -> Iterator[tuple[int, int]]:
    """The base noun phrases of ``doc`` as (first token, end token) pairs: the same as spaCy's English
    ``Doc.noun_chunks``, found in one pass. spaCy's iterator climbs a coordination chain ("the X Fund, the
    Y Fund, …") from each of its items, which a list of thousands of names made quadratic; here each
    token's chain top is kept as the doc is read left to right."""
    from spacy.attrs import DEP, POS
    from spacy.symbols import NOUN, PRON, PROPN

    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in NP_LABELS}
    conj = strings.add("conj")
    heads = head_indices(doc)
    pos, dep = (column.tolist() for column in doc.to_array([POS, DEP]).T.astype("uint64"))
    top = list(range(len(heads)))  # where a chain of conjuncts, climbed leftwards, ends
    for i, head in enumerate(heads):
        if dep[i] == conj and head < i:
            top[i] = top[head]
    prev_end = -1
    for i in range(len(heads)):
        if pos[i] not in (NOUN, PROPN, PRON):
            continue
        left = doc[i].left_edge.i
        if left <= prev_end:
            continue
        if dep[i] in np_deps or (dep[i] == conj and dep[top[heads[i]]] in np_deps):
            prev_end = i
            yield left, i + 1


def head_indices(doc: Doc) -> list[int]:
    """The index of each token's head (a root is its own head), read in one array."""
    from spacy.attrs import HEAD

    offsets = doc.to_array([HEAD]).astype("int64").tolist()  # head.i - i
    return [i + offset for i, offset in enumerate(offsets)]


def up_the_tree(
    heads: list[int], answer: Callable[[int, int], T | None], at_root: Callable[[int], T]
) -> list[T]:
    """For every token, climb its heads until ``answer(token, head)`` gives a value (or a root gives
    ``at_root(root)``); every token passed on the way shares that value. Linear in the doc."""
    found: list[T | None] = [None] * len(heads)
    for i in range(len(heads)):
        path: list[int] = []
        j = i
        value = found[j]
        while value is None:
            head = heads[j]
            value = at_root(j) if head == j else answer(j, head)
            path.append(j)
            j = head
            if value is None and found[j] is not None:
                value = found[j]
        for k in path:
            found[k] = value
    return found  # type: ignore[return-value]
