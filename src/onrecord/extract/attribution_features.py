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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FEATURES_VERSION = "attribution-features.v1"

OPEN_QUOTES = frozenset({"“", "«", "„"})
CLOSE_QUOTES = frozenset({"”", "»"})
TOGGLE_QUOTES = frozenset({'"', "''", "``"})
# Dependency labels of a verb's children that mark a reporting frame (who, what was said).
FRAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "ccomp", "xcomp", "dobj", "agent", "dative", "advcl", "parataxis"}
)
WINDOW = 2
MAX_BLOCK_SENTENCES = 12


@dataclass(frozen=True, slots=True)
class Block:
    """Tokens of one paragraph (whitespace tokens left out) and the sentence index of each."""

    tokens: tuple[int, ...]  # token indices into the Doc
    sentence: tuple[int, ...]  # sentence number within the block, per token
    first: bool  # the first block of the article (usually the headline)


def blocks(doc: Doc) -> Iterator[Block]:
    """Split ``doc`` into paragraphs of whole sentences; a line break between sentences starts a new one."""
    tokens: list[int] = []
    sentence: list[int] = []
    number = 0
    first = True
    for sent in doc.sents:
        kept = [t.i for t in sent if not t.is_space]
        if not kept:
            continue
        if tokens and (_line_break(doc, tokens[-1], kept[0]) or number >= MAX_BLOCK_SENTENCES):
            yield Block(tuple(tokens), tuple(sentence), first)
            tokens, sentence, number, first = [], [], 0, False
        tokens.extend(kept)
        sentence.extend([number] * len(kept))
        number += 1
    if tokens:
        yield Block(tuple(tokens), tuple(sentence), first)


def _line_break(doc: Doc, before: int, after: int) -> bool:
    """True when a whitespace token between token ``before`` and token ``after`` holds a newline."""
    return any("\n" in doc[i].text for i in range(before + 1, after))


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


def _governor(token: Token) -> tuple[str, str]:
    """The nearest verb above ``token`` and the dependency label under which the path reaches it."""
    child, head = token, token.head
    while head.i != child.i:
        if head.pos_ in ("VERB", "AUX"):
            return child.dep_, head.lemma_.lower()
        child, head = head, head.head
    return "ROOT", "-"


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
    gdep, gverb = _governor(tok)
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
    if tok.pos_ in ("VERB", "AUX", "NOUN"):
        for child in tok.children:
            if child.dep_ in FRAME_DEPS:
                f["c_" + child.dep_] = 1.0
                if child.dep_ == "ccomp":
                    first = child.doc[child.left_edge.i]
                    f["c_ccomp_first"] = first.lower_
            elif child.dep_ == "prep":
                f["c_prep_" + child.lower_] = 1.0
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
