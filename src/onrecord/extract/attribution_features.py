"""Token features for the attribution tagger: words, parse, quotes and sentence position.

The tagger labels the tokens of one *block* (a paragraph: consecutive sentences with no line break
between them) with BIO tags for SOURCE, CUE and CONTENT. This module turns a parsed spaCy ``Doc``
into blocks and each block into one list of features per token, in the form python-crfsuite takes
without converting: every feature is an indicator (weight 1) named ``name:value`` (``"l:say"``) or
``name`` (``"bias"``, ``"c_ccomp"``); a name appears at most once per token.

Features read only the token attributes en_core_web_sm sets (``lower_``, ``lemma_``, ``pos_``,
``tag_``, ``dep_``, ``head``, ``ent_type_``, sentence boundaries), read once per doc with
``Doc.to_array``, and are computed in a few linear passes, so featurizing costs a small fraction of
the parse.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

from onrecord.errors import ModelError
from onrecord.extract.spans import head_indices, up_the_tree

if TYPE_CHECKING:
    from spacy.lexeme import Lexeme
    from spacy.tokens import Doc

K = TypeVar("K", int, str)
Features = list[str]  # one token's CRFsuite attributes: "name:value" or "name", each meaning 1.0

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
    from spacy.attrs import IS_SPACE, SENT_START

    tokens: list[int] = []
    sentence: list[int] = []
    number = -1
    first = True
    line_break = False
    for i, (is_space, sent_start) in enumerate(doc.to_array([IS_SPACE, SENT_START]).tolist()):
        if is_space:
            line_break = line_break or "\n" in doc[i].text
            continue
        starts = sent_start == 1 or number < 0
        if tokens and (line_break or (starts and number + 1 >= MAX_BLOCK_SENTENCES)):
            yield Block(tuple(tokens), tuple(sentence), first)
            tokens, sentence, number, first = [], [], 0, False
        elif starts:
            number += 1
        line_break = False
        tokens.append(i)
        sentence.append(number)
    if tokens:
        yield Block(tuple(tokens), tuple(sentence), first)


def quote_state(words: Sequence[str]) -> list[int]:
    """Per token of a block (``words``: their texts, any case): 0 outside quotes, 1 inside, 2 an
    opening quote mark, 3 a closing quote mark."""
    state: list[int] = []
    inside = False
    for text in words:
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
    classes: list[tuple[str, ...]]  # WordNet classes of nouns and verbs (see word_classes)
    governors: list[tuple[str, int]]  # the nearest verb above (-1: none), the label the path arrives by
    branches: list[tuple[str, str]]  # the label of the root's child on the path up, the root's lemma
    left_edges: dict[int, int] = field(default_factory=dict)  # filled as left_edge asks

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        from spacy.attrs import DEP, ENT_TYPE, LEMMA, LOWER, ORTH, POS, TAG

        columns = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, ORTH]).T.tolist()
        strings, vocab = doc.vocab.strings, doc.vocab
        words, lemmas, pos, tags, deps, ents = (
            _mapped(column, strings.__getitem__) for column in columns[:6]
        )
        lemmas = _mapped(lemmas, str.lower)
        shapes = _mapped(columns[6], lambda orth: _shape(vocab[orth]))  # a shape is the lexeme's
        heads = head_indices(doc)
        class_table = word_classes()
        classes = [
            class_table.get((lemma, CLASS_POS[p]), ()) if p in CLASS_POS else ()
            for lemma, p in zip(lemmas, pos, strict=True)
        ]
        children: list[list[int]] = [[] for _ in heads]
        for i, head in enumerate(heads):
            if head != i:
                children[head].append(i)
        verbs = {"VERB", "AUX"}
        governors = up_the_tree(
            heads, lambda j, h: (deps[j], h) if pos[h] in verbs else None, lambda j: ("ROOT", -1)
        )
        branches = up_the_tree(
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
            classes,
            governors,
            branches,
        )

    def left_edge(self, i: int) -> int:
        """The first token of ``i``'s subtree (spaCy's ``Token.left_edge``). Each subtree is walked once
        per table: a sentence of a thousand nested "X said that …" clauses asks for every one of them."""
        memo = self.left_edges
        stack = [(i, False)]
        while stack:
            j, children_done = stack.pop()
            if j in memo:
                continue
            if children_done:
                memo[j] = min([j, *(memo[c] for c in self.children[j])])
            else:
                stack.append((j, True))
                stack.extend((c, False) for c in self.children[j] if c not in memo)
        return memo[i]

    def kind(self, i: int) -> str:
        """What a subject or possessor is: its entity type, "pron", or its part of speech."""
        if self.ents[i]:
            return self.ents[i]
        return "pron" if self.pos[i] == "PRON" else self.pos[i]


def _mapped(values: list[K], function: Callable[[K], str]) -> list[str]:
    """``function`` of every value, computed once per distinct value (a string id, a lemma …)."""
    done: dict[K, str] = {}
    return [done[v] if v in done else done.setdefault(v, function(v)) for v in values]


def _shape(lexeme: Lexeme) -> str:
    if lexeme.is_punct:
        return "punct"
    if lexeme.like_num:
        return "num"
    if lexeme.is_upper and len(lexeme.orth_) > 1:
        return "upper"
    if lexeme.is_title:
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


@dataclass(frozen=True, slots=True)
class BlockFeatures:
    """The features of one block's tokens, and the quote marks they were computed from."""

    items: list[Features]  # per token of the block
    quotes: list[int]  # quote_state of the block
    sentence_quoted: list[bool]  # per token: its sentence holds a quote mark or quoted words


# Window feature names per offset: word, part of speech, dependency, and for ±1 lemma and quote state.
_WINDOW = [
    (off, f"w{off}:", f"p{off}:", f"d{off}:", f"l{off}:" if abs(off) == 1 else "", f"q{off}:")
    for off in range(-WINDOW, WINDOW + 1)
    if off != 0
]


def token_features(doc: Doc, block: Block, table: TokenTable | None = None) -> BlockFeatures:
    """The features of every token of ``block``: the token's own features plus a ±2 window.

    ``table`` is :meth:`TokenTable.of` the doc; pass it when featurizing several blocks of one doc."""
    table = table or TokenTable.of(doc)
    governors, branches = table.governors, table.branches
    words = [table.words[i] for i in block.tokens]
    lemmas = [table.lemmas[i] for i in block.tokens]
    pos = [table.pos[i] for i in block.tokens]
    deps = [table.deps[i] for i in block.tokens]
    quotes = quote_state(words)
    q_before, q_after = _quote_distances(quotes)
    sent_bounds = _sentence_bounds(block)
    sent_quoted = _sentence_has_quote(block, quotes)
    n = len(block.tokens)
    items: list[Features] = []
    quoted: list[bool] = []
    for k, i in enumerate(block.tokens):
        f = _own_features(table, i, governors[i], branches[i])
        sentence = block.sentence[k]
        start, end = sent_bounds[sentence]
        quoted.append(sent_quoted[sentence])
        f += (
            "q:" + str(quotes[k]),
            "qb:" + _bucket(q_before[k]),
            "qa:" + _bucket(q_after[k]),
            "sq:1" if sent_quoted[sentence] else "sq:0",
            "sp:" + _bucket(k - start),
            "se:" + _bucket(end - 1 - k),
            "sn:" + _bucket(sentence),
        )
        if block.first:
            f.append("head")
        for off, w, p, d, lemma, q in _WINDOW:
            j = k + off
            if 0 <= j < n:
                f += (w + words[j], p + pos[j], d + deps[j])
                if lemma:
                    f += (lemma + lemmas[j], q + str(quotes[j]))
            else:
                f.append(w + "<pad>")
        if k > 0:
            f += ("p-1|p:" + pos[k - 1] + "|" + pos[k], "w-1|w:" + words[k - 1] + "|" + words[k])
        if k + 1 < n:
            f += ("p|p+1:" + pos[k] + "|" + pos[k + 1], "w|w+1:" + words[k] + "|" + words[k + 1])
        items.append(f)
    return BlockFeatures(items, quotes, quoted)


def _own_features(table: TokenTable, i: int, governor: tuple[str, int], branch: tuple[str, str]) -> Features:
    head = table.heads[i]
    gdep, gverb_i = governor
    gverb = table.lemmas[gverb_i] if gverb_i >= 0 else "-"
    rdep, rlemma = branch
    lemma, dep, pos, word = table.lemmas[i], table.deps[i], table.pos[i], table.words[i]
    f = [
        "bias",
        "w:" + word,
        "l:" + lemma,
        "p:" + pos,
        "t:" + table.tags[i],
        "d:" + dep,
        "s:" + table.shapes[i],
        "e:" + (table.ents[i] or "-"),
        "hl:" + table.lemmas[head],
        "hp:" + table.pos[head],
        "d|hl:" + dep + "|" + table.lemmas[head],
        "d|hp:" + dep + "|" + table.pos[head],
        "gd|gv:" + gdep + "|" + gverb,
        "gv:" + gverb,
        "rd:" + rdep,
        "rd|rl:" + rdep + "|" + rlemma,
        "suf:" + word[-3:],
    ]
    if gverb_i >= 0:
        subject = next((c for c in table.children[gverb_i] if table.deps[c] in SUBJECT_DEPS), None)
        if subject is not None:
            f.append("gv_s:" + table.kind(subject))
    classes = table.classes[i]
    f += ["wc_" + name for name in classes]
    governor_classes = table.classes[gverb_i] if gverb_i >= 0 else ()
    f.append("gwc:" + (governor_classes[0] if governor_classes else "-"))
    # A name may come up for several children (two preps "in"): it counts once, with the last value.
    children: dict[str, str] = {}  # name -> value ("" for an indicator)
    frame: list[str] = []
    for child in table.children[i]:
        child_dep = table.deps[child]
        if child_dep in FRAME_DEPS:
            children["c_" + child_dep] = ""
            frame.append(child_dep)
            if child_dep == "ccomp":
                children["c_ccomp_first"] = table.words[table.left_edge(child)]
        elif child_dep == "prep":
            children["c_prep_" + table.words[child]] = ""
        if child_dep in SUBJECT_DEPS or child_dep == "poss":
            kind = table.kind(child)
            children["c_" + child_dep + "_k"] = kind
            children["c_" + child_dep + "_l"] = table.lemmas[child]
            children["l|" + child_dep + "_k"] = lemma + "|" + kind
    f += [name + ":" + value if value else name for name, value in children.items()]
    signature = ",".join(sorted(frame)) or "-"
    f += (
        "l|frame:" + lemma + "|" + signature,
        "wc|frame:" + (classes[0] if classes else "-") + "|" + signature,
        "p|frame:" + pos + "|" + signature,
        "l|d:" + lemma + "|" + dep,
    )
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


def ancestors(heads: list[int], i: int) -> list[int]:
    """Token ``i`` and its heads up to the sentence root (``heads``: :attr:`TokenTable.heads`)."""
    chain = [i]
    while heads[chain[-1]] != chain[-1] and len(chain) < 64:
        chain.append(heads[chain[-1]])
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
    feats: BlockFeatures,
    cue: tuple[int, int],
    window: tuple[int, int],
    table: TokenTable | None = None,
) -> list[Features]:
    """Features of the tokens in block positions ``window`` relative to the cue at positions ``cue``.

    Each token keeps its own features (``feats``, :func:`token_features` of the block) and gains its
    side of the cue and distance to it, its tree path to the cue's root, and those joined with the
    cue's lemma. ``table`` is :meth:`TokenTable.of` the doc (built here if not given).
    """
    table = table or TokenTable.of(doc)
    heads = table.heads
    start, end = cue
    inside = set(block.tokens[start:end])
    root = next((i for i in inside if heads[i] not in inside or heads[i] == i), block.tokens[start])
    chain = {t: depth for depth, t in enumerate(ancestors(heads, root))}
    lemma = table.lemmas[root]
    cue_classes = table.classes[root]
    cue_class = cue_classes[0] if cue_classes else "-"
    words = "_".join(table.words[i] for i in block.tokens[start:end][:4])
    out: list[Features] = []
    for k in range(*window):
        if k < start:
            side, gap = "B", start - k
        elif k >= end:
            side, gap = "A", k - end + 1
        else:
            side, gap = "C", 0
        path = "in" if side == "C" else tree_path(table, block.tokens[k], chain)
        out.append(
            feats.items[k]
            + [
                "r:" + side,
                "r|g:" + side + _bucket(gap),
                "path:" + path,
                "path|cl:" + path + "|" + lemma,
                "r|cl:" + side + "|" + lemma,
                "path|cc:" + path + "|" + cue_class,
                "r|cw:" + side + "|" + words,
                "r|q:" + side + "|" + str(feats.quotes[k]),
                "r|sq:" + side + "|" + ("1" if feats.sentence_quoted[k] else "0"),
            ]
        )
    return out
