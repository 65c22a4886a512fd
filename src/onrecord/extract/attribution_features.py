"""Token features for the attribution tagger: words, parse, quotes and sentence position.

The tagger labels the tokens of one *block* (a paragraph: consecutive sentences with no line break
between them) with BIO tags for SOURCE, CUE and CONTENT. This module turns a parsed spaCy ``Doc``
into blocks and each block into one feature dict per token, the input python-crfsuite takes
(string values become ``name=value`` indicator features).

Features read only the token attributes en_core_web_sm sets (``lower_``, ``lemma_``, ``pos_``,
``tag_``, ``dep_``, ``head``, ``ent_type_``, sentence boundaries) and are computed in a few linear
passes, so featurizing costs a small fraction of the parse.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
    raw = resources.files("onrecord.data").joinpath(WORD_CLASSES_FILE).read_bytes()
    table: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, pos, classes = line.split("\t")
            table[lemma, pos] = tuple(classes.split(","))
    return table


def classes_of(token: Token) -> tuple[str, ...]:
    """The WordNet classes of a noun or verb's lemma; () for other words and unknown lemmas."""
    pos = CLASS_POS.get(token.pos_)
    return word_classes().get((token.lemma_.lower(), pos), ()) if pos else ()


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


def _governor(token: Token) -> tuple[str, Token | None]:
    """The nearest verb above ``token`` and the dependency label under which the path reaches it."""
    child, head = token, token.head
    while head.i != child.i:
        if head.pos_ in ("VERB", "AUX"):
            return child.dep_, head
        child, head = head, head.head
    return "ROOT", None


def _kind(token: Token) -> str:
    """What a subject or possessor is: its entity type, "pron", or its part of speech."""
    if token.ent_type_:
        return token.ent_type_
    return "pron" if token.pos_ == "PRON" else token.pos_


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _root_branch(token: Token) -> tuple[str, str]:
    """The dependency label of the root's child on the path up from ``token``, and the root's lemma."""
    child, head = token, token.head
    while head.i != child.i and head.head.i != head.i:
        child, head = head, head.head
    return (child.dep_ if head.i != child.i else "ROOT"), head.lemma_.lower()


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


def token_features(doc: Doc, block: Block) -> list[dict[str, str | float]]:
    """One feature dict per token of ``block``: the token's own features plus a ±2 window."""
    toks = [doc[i] for i in block.tokens]
    words = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    pos = [t.pos_ for t in toks]
    deps = [t.dep_ for t in toks]
    quotes = quote_state(doc, block)
    q_before, q_after = _quote_distances(quotes)
    sent_bounds = _sentence_bounds(block)
    sent_quoted = _sentence_has_quote(block, quotes)
    n = len(toks)
    feats: list[dict[str, str | float]] = []
    for k, tok in enumerate(toks):
        f = _own_features(tok)
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


def _own_features(tok: Token) -> dict[str, str | float]:
    head = tok.head
    gdep, governor = _governor(tok)
    gverb = governor.lemma_.lower() if governor is not None else "-"
    rdep, rlemma = _root_branch(tok)
    lemma = tok.lemma_.lower()
    f: dict[str, str | float] = {
        "bias": 1.0,
        "w": tok.lower_,
        "l": lemma,
        "p": tok.pos_,
        "t": tok.tag_,
        "d": tok.dep_,
        "s": _shape(tok),
        "e": tok.ent_type_ or "-",
        "hl": head.lemma_.lower(),
        "hp": head.pos_,
        "d|hl": tok.dep_ + "|" + head.lemma_.lower(),
        "d|hp": tok.dep_ + "|" + head.pos_,
        "gd|gv": gdep + "|" + gverb,
        "gv": gverb,
        "rd": rdep,
        "rd|rl": rdep + "|" + rlemma,
        "suf": tok.lower_[-3:],
    }
    if governor is not None and (subject := _subject(governor)) is not None:
        f["gv_s"] = _kind(subject)
    classes = classes_of(tok)
    for name in classes:
        f["wc_" + name] = 1.0
    governor_classes = classes_of(governor) if governor is not None else ()
    f["gwc"] = governor_classes[0] if governor_classes else "-"
    frame: list[str] = []
    for child in tok.children:
        dep = child.dep_
        if dep in FRAME_DEPS:
            f["c_" + dep] = 1.0
            frame.append(dep)
            if dep == "ccomp":
                f["c_ccomp_first"] = child.doc[child.left_edge.i].lower_
        elif dep == "prep":
            f["c_prep_" + child.lower_] = 1.0
        if dep in SUBJECT_DEPS or dep == "poss":
            f["c_" + dep + "_k"] = _kind(child)
            f["c_" + dep + "_l"] = child.lemma_.lower()
            f["l|" + dep + "_k"] = lemma + "|" + _kind(child)
    signature = ",".join(sorted(frame)) or "-"
    f["l|frame"] = lemma + "|" + signature
    f["wc|frame"] = (classes[0] if classes else "-") + "|" + signature
    f["p|frame"] = tok.pos_ + "|" + signature
    f["l|d"] = lemma + "|" + tok.dep_
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


def tree_path(doc: Doc, i: int, root_chain: dict[int, int]) -> str:
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
        head = doc[child].head.i
        if head == child:
            return "none"
        if head in root_chain:
            depth = root_chain[head]
            dep = doc[child].dep_
            return f"down:{dep}" if depth == 0 else f"side:{_bucket(depth)}:{dep}"
        child = head
    return "none"


def relative_features(
    doc: Doc, block: Block, feats: list[dict[str, str | float]], cue: tuple[int, int], window: tuple[int, int]
) -> list[dict[str, str | float]]:
    """Features of the tokens in block positions ``window`` relative to the cue at positions ``cue``.

    Each token keeps its own features (``feats``) and gains its side of the cue and distance to it,
    its tree path to the cue's root, and those joined with the cue's lemma.
    """
    start, end = cue
    inside = set(block.tokens[start:end])
    root = next((i for i in inside if doc[i].head.i not in inside or doc[i].head.i == i), block.tokens[start])
    chain = {t: depth for depth, t in enumerate(ancestors(doc, root))}
    lemma = doc[root].lemma_.lower()
    cue_classes = classes_of(doc[root])
    cue_class = cue_classes[0] if cue_classes else "-"
    words = "_".join(doc[i].lower_ for i in block.tokens[start:end][:4])
    out: list[dict[str, str | float]] = []
    for k in range(*window):
        if k < start:
            side, gap = "B", start - k
        elif k >= end:
            side, gap = "A", k - end + 1
        else:
            side, gap = "C", 0
        path = "in" if side == "C" else tree_path(doc, block.tokens[k], chain)
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
