"""Token features for the attribution tagger: words, parse, quotes and sentence position.

The tagger labels the tokens of one *block* (a paragraph: consecutive sentences with no line break
between them) with BIO tags for SOURCE, CUE and CONTENT. This module turns a parsed spaCy ``Doc``
into blocks and each block into one feature dict per token, the input python-crfsuite takes
(string values become ``name:value`` indicator features).

Features read only the token attributes en_core_web_sm sets (``lower_``, ``lemma_``, ``pos_``,
``tag_``, ``dep_``, ``head``, ``ent_type_``, sentence boundaries) and are computed in a few linear
passes, so featurizing costs a small fraction of the parse.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

from onrecord.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

T = TypeVar("T")

FEATURES_VERSION = "attribution-features.v4"

OPEN_QUOTES = frozenset({"“", "«", "„"})
CLOSE_QUOTES = frozenset({"”", "»"})
TOGGLE_QUOTES = frozenset({'"', "''", "``"})
# Dependency labels of a verb's children that mark a reporting frame (who, what was said).
FRAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "agent", "dative", "advcl", "parataxis"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
WINDOW = 2
MAX_BLOCK_SENTENCES = 12
WORD_CLASSES_FILE = "wordclasses.tsv.gz"
CLASS_POS = {"VERB": "v", "AUX": "v", "NOUN": "n"}


@functools.cache
def word_classes() -> dict[tuple[str, str], tuple[str, ...]]:
    """(lemma, "n"/"v") → WordNet classes of its first senses ("communication", "cognition" …), from
    the table ``onrecord train wordclasses`` builds (onrecord/data/wordclasses.tsv.gz)."""
    try:
        text = gzip.decompress(resources.files("onrecord.data").joinpath(WORD_CLASSES_FILE).read_bytes())
    except (OSError, EOFError) as exc:  # missing, unreadable or not gzip
        raise ModelError(
            f"onrecord/data/{WORD_CLASSES_FILE} cannot be read ({exc}); reinstall onrecord or rebuild it with "
            "`onrecord train wordclasses --wordnet DIR`"
        ) from exc
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in text.decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, pos, classes = line.split("\t")
            table[lemma, pos] = tuple(classes.split(","))
    return table


@dataclass(frozen=True, slots=True)
class Block:
    """Tokens of one paragraph (whitespace tokens left out) and the sentence index of each."""

    tokens: tuple[int, ...]  # token indices into the Doc
    sentence: tuple[int, ...]  # sentence number within the block, per token
    first: bool  # the first block of the article (usually the headline)


def blocks(doc: Doc) -> Iterator[Block]:
    """Split ``doc`` into paragraphs: a whitespace token holding a line break ends one (even inside a
    spaCy sentence, which often runs a headline into the first line); very long ones are cut at a
    sentence start."""
    tokens: list[int] = []
    sentence: list[int] = []
    number = -1
    first = True
    line_break = False
    for token in doc:
        if token.is_space:
            line_break = line_break or "\n" in token.text
            continue
        starts = token.is_sent_start or number < 0
        if tokens and (line_break or (starts and number + 1 >= MAX_BLOCK_SENTENCES)):
            yield Block(tuple(tokens), tuple(sentence), first)
            tokens, sentence, number, first = [], [], 0, False
        elif starts:
            number += 1
        line_break = False
        tokens.append(token.i)
        sentence.append(number)
    if tokens:
        yield Block(tuple(tokens), tuple(sentence), first)


def quote_state(doc: Doc, block: Block) -> list[int]:
    """Per token: 0 outside quotes, 1 inside, 2 an opening quote mark, 3 a closing quote mark."""
    state: list[int] = []
    inside = False
    for i in block.tokens:
        text = doc[i].text
        if text in OPEN_QUOTES or (text in TOGGLE_QUOTES and not inside):
            inside = True
            state.append(2)
        elif text in CLOSE_QUOTES or (text in TOGGLE_QUOTES and inside):
            inside = False
            state.append(3)
        else:
            state.append(1 if inside else 0)
    return state


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token attributes of a whole Doc as plain lists, read once: features walk heads and children
    by index instead of creating spaCy Token objects at every step (build with :meth:`of`)."""

    words: list[str]  # lower_
    lemmas: list[str]  # lemma_, lowercased
    pos: list[str]
    tags: list[str]
    deps: list[str]
    ents: list[str]  # entity type, "" outside entities
    shapes: list[str]
    heads: list[int]
    children: list[list[int]]  # in text order
    left_edges: list[int]
    classes: list[tuple[str, ...]]  # WordNet classes of nouns and verbs (see word_classes)
    governors: list[tuple[str, int]]  # the nearest verb above (-1: none), the label the path arrives by
    branches: list[tuple[str, str]]  # the label of the root's child on the path up, the root's lemma

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        words, lemmas, pos, tags, deps, ents, shapes, heads, left_edges, classes = ([] for _ in range(10))
        class_table = word_classes()
        for tok in doc:
            lemma = tok.lemma_.lower()
            class_pos = CLASS_POS.get(tok.pos_)
            words.append(tok.lower_)
            lemmas.append(lemma)
            pos.append(tok.pos_)
            tags.append(tok.tag_)
            deps.append(tok.dep_)
            ents.append(tok.ent_type_)
            shapes.append(_shape(tok))
            heads.append(tok.head.i)
            left_edges.append(tok.left_edge.i)
            classes.append(class_table.get((lemma, class_pos), ()) if class_pos else ())
        children: list[list[int]] = [[] for _ in heads]
        for i, head in enumerate(heads):
            if head != i:
                children[head].append(i)
        verbs = {"VERB", "AUX"}
        governors = _up_the_tree(
            heads, lambda j, h: (deps[j], h) if pos[h] in verbs else None, lambda j: ("ROOT", -1)
        )
        branches = _up_the_tree(
            heads, lambda j, h: (deps[j], lemmas[h]) if heads[h] == h else None, lambda j: ("ROOT", lemmas[j])
        )
        return cls(
            words,
            lemmas,
            pos,
            tags,
            deps,
            ents,
            shapes,
            heads,
            children,
            left_edges,
            classes,
            governors,
            branches,
        )

    def kind(self, i: int) -> str:
        """What a subject or possessor is: its entity type, "pron", or its part of speech."""
        if self.ents[i]:
            return self.ents[i]
        return "pron" if self.pos[i] == "PRON" else self.pos[i]


def _up_the_tree(
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


def _shape(token: Token) -> str:
    if token.is_punct:
        return "punct"
    if token.like_num:
        return "num"
    if token.is_upper and len(token.text) > 1:
        return "upper"
    if token.is_title:
        return "title"
    return "lower"


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    return "4-6" if n <= 6 else ("7-12" if n <= 12 else "13+")


def _quote_distances(state: list[int]) -> tuple[list[int], list[int]]:
    """Tokens since the last quote mark and until the next one (large when there is none)."""
    far = 99
    before, after = [far] * len(state), [far] * len(state)
    last = None
    for k, s in enumerate(state):
        if s >= 2:
            last = k
        before[k] = k - last if last is not None else far
    nxt = None
    for k in range(len(state) - 1, -1, -1):
        if state[k] >= 2:
            nxt = k
        after[k] = nxt - k if nxt is not None else far
    return before, after


def token_features(doc: Doc, block: Block, table: TokenTable | None = None) -> list[dict[str, str | float]]:
    """One feature dict per token of ``block``: the token's own features plus a ±2 window.

    ``table`` is :meth:`TokenTable.of` the doc; pass it when featurizing several blocks of one doc."""
    table = table or TokenTable.of(doc)
    governors, branches = table.governors, table.branches
    words = [table.words[i] for i in block.tokens]
    lemmas = [table.lemmas[i] for i in block.tokens]
    pos = [table.pos[i] for i in block.tokens]
    deps = [table.deps[i] for i in block.tokens]
    quotes = quote_state(doc, block)
    q_before, q_after = _quote_distances(quotes)
    sent_bounds = _sentence_bounds(block)
    sent_quoted = _sentence_has_quote(block, quotes)
    n = len(block.tokens)
    feats: list[dict[str, str | float]] = []
    for k, i in enumerate(block.tokens):
        f = _own_features(table, i, governors[i], branches[i])
        f["q"] = str(quotes[k])
        f["qb"] = _bucket(q_before[k])
        f["qa"] = _bucket(q_after[k])
        f["sq"] = "1" if sent_quoted[block.sentence[k]] else "0"
        start, end = sent_bounds[block.sentence[k]]
        f["sp"] = _bucket(k - start)
        f["se"] = _bucket(end - 1 - k)
        f["sn"] = _bucket(block.sentence[k])
        if block.first:
            f["head"] = 1.0
        for off in range(-WINDOW, WINDOW + 1):
            j = k + off
            if off == 0:
                continue
            if 0 <= j < n:
                f[f"w{off}"] = words[j]
                f[f"p{off}"] = pos[j]
                f[f"d{off}"] = deps[j]
                if abs(off) == 1:
                    f[f"l{off}"] = lemmas[j]
                    f[f"q{off}"] = str(quotes[j])
            else:
                f[f"w{off}"] = "<pad>"
        if k > 0:
            f["p-1|p"] = pos[k - 1] + "|" + pos[k]
            f["w-1|w"] = words[k - 1] + "|" + words[k]
        if k + 1 < n:
            f["p|p+1"] = pos[k] + "|" + pos[k + 1]
            f["w|w+1"] = words[k] + "|" + words[k + 1]
        feats.append(f)
    return feats


def _own_features(
    table: TokenTable, i: int, governor: tuple[str, int], branch: tuple[str, str]
) -> dict[str, str | float]:
    head = table.heads[i]
    gdep, gverb_i = governor
    gverb = table.lemmas[gverb_i] if gverb_i >= 0 else "-"
    rdep, rlemma = branch
    lemma, dep, pos = table.lemmas[i], table.deps[i], table.pos[i]
    f: dict[str, str | float] = {
        "bias": 1.0,
        "w": table.words[i],
        "l": lemma,
        "p": pos,
        "t": table.tags[i],
        "d": dep,
        "s": table.shapes[i],
        "e": table.ents[i] or "-",
        "hl": table.lemmas[head],
        "hp": table.pos[head],
        "d|hl": dep + "|" + table.lemmas[head],
        "d|hp": dep + "|" + table.pos[head],
        "gd|gv": gdep + "|" + gverb,
        "gv": gverb,
        "rd": rdep,
        "rd|rl": rdep + "|" + rlemma,
        "suf": table.words[i][-3:],
    }
    if gverb_i >= 0:
        subject = next((c for c in table.children[gverb_i] if table.deps[c] in SUBJECT_DEPS), None)
        if subject is not None:
            f["gv_s"] = table.kind(subject)
    classes = table.classes[i]
    for name in classes:
        f["wc_" + name] = 1.0
    governor_classes = table.classes[gverb_i] if gverb_i >= 0 else ()
    f["gwc"] = governor_classes[0] if governor_classes else "-"
    frame: list[str] = []
    for child in table.children[i]:
        child_dep = table.deps[child]
        if child_dep in FRAME_DEPS:
            f["c_" + child_dep] = 1.0
            frame.append(child_dep)
            if child_dep == "ccomp":
                f["c_ccomp_first"] = table.words[table.left_edges[child]]
        elif child_dep == "prep":
            f["c_prep_" + table.words[child]] = 1.0
        if child_dep in SUBJECT_DEPS or child_dep == "poss":
            kind = table.kind(child)
            f["c_" + child_dep + "_k"] = kind
            f["c_" + child_dep + "_l"] = table.lemmas[child]
            f["l|" + child_dep + "_k"] = lemma + "|" + kind
    signature = ",".join(sorted(frame)) or "-"
    f["l|frame"] = lemma + "|" + signature
    f["wc|frame"] = (classes[0] if classes else "-") + "|" + signature
    f["p|frame"] = pos + "|" + signature
    f["l|d"] = lemma + "|" + dep
    return f


def _sentence_bounds(block: Block) -> dict[int, tuple[int, int]]:
    bounds: dict[int, tuple[int, int]] = {}
    for k, s in enumerate(block.sentence):
        start, _ = bounds.get(s, (k, k))
        bounds[s] = (start, k + 1)
    return bounds


def _sentence_has_quote(block: Block, quotes: list[int]) -> dict[int, bool]:
    has: dict[int, bool] = {}
    for s, q in zip(block.sentence, quotes, strict=True):
        has[s] = has.get(s, False) or q > 0
    return has


def ancestors(doc: Doc, i: int) -> list[int]:
    """Token ``i`` and its heads up to the sentence root."""
    chain = [i]
    while doc[chain[-1]].head.i != chain[-1] and len(chain) < 64:
        chain.append(doc[chain[-1]].head.i)
    return chain


def tree_path(table: TokenTable, i: int, root_chain: dict[int, int]) -> str:
    """How token ``i`` hangs from a cue whose root's ancestors (with depths) are ``root_chain``.

    ``down:DEP`` — inside the cue root's subtree, under its child attached as DEP (nsubj, ccomp …);
    ``up:N`` — an ancestor of the cue root, N steps above it; ``side:N:DEP`` — elsewhere, meeting the
    cue's path N steps above its root, arriving under a child attached as DEP.
    """
    child = i
    for _ in range(64):
        depth = root_chain.get(child)
        if depth is not None:
            return f"up:{_bucket(depth)}" if child == i else "cue"
        head = table.heads[child]
        if head == child:
            return "none"
        if head in root_chain:
            depth = root_chain[head]
            dep = table.deps[child]
            return f"down:{dep}" if depth == 0 else f"side:{_bucket(depth)}:{dep}"
        child = head
    return "none"


def relative_features(
    doc: Doc,
    block: Block,
    feats: list[dict[str, str | float]],
    cue: tuple[int, int],
    window: tuple[int, int],
    table: TokenTable | None = None,
) -> list[dict[str, str | float]]:
    """Features of the tokens in block positions ``window`` relative to the cue at positions ``cue``.

    Each token keeps its own features (``feats``) and gains its side of the cue and distance to it,
    its tree path to the cue's root, and those joined with the cue's lemma. ``table`` is
    :meth:`TokenTable.of` the doc (built here if not given).
    """
    table = table or TokenTable.of(doc)
    heads = table.heads
    start, end = cue
    inside = set(block.tokens[start:end])
    root = next((i for i in inside if heads[i] not in inside or heads[i] == i), block.tokens[start])
    chain = {t: depth for depth, t in enumerate(ancestors(doc, root))}
    lemma = table.lemmas[root]
    cue_classes = table.classes[root]
    cue_class = cue_classes[0] if cue_classes else "-"
    words = "_".join(table.words[i] for i in block.tokens[start:end][:4])
    out: list[dict[str, str | float]] = []
    for k in range(*window):
        if k < start:
            side, gap = "B", start - k
        elif k >= end:
            side, gap = "A", k - end + 1
        else:
            side, gap = "C", 0
        path = "in" if side == "C" else tree_path(table, block.tokens[k], chain)
        f = dict(feats[k])
        f["r"] = side
        f["r|g"] = side + _bucket(gap)
        f["path"] = path
        f["path|cl"] = path + "|" + lemma
        f["r|cl"] = side + "|" + lemma
        f["path|cc"] = path + "|" + cue_class
        f["r|cw"] = side + "|" + words
        f["r|q"] = side + "|" + str(f["q"])
        f["r|sq"] = side + "|" + str(f["sq"])
        out.append(f)
    return out
