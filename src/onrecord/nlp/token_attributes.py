"""One memoized component in place of spaCy's ``attribute_ruler`` + ``lemmatizer``, with identical output.

In en_core_web_sm both are per-token Python work (a Matcher over 179 patterns, then a rule lemmatizer)
and together cost about a sixth of a full parse. Their result for a token is a function of a few of its
attributes, so :class:`TokenAttributes` computes it once per distinct key and replays it:

* The key of a token is its ``orth`` (which fixes ``lower``, ``is_space`` and every lexical attribute a
  pattern may test), its ``tag``, its ``dep`` up to the dependency labels the patterns name (every label
  they do not name behaves alike), and the ruler's multi-token patterns that set an attribute on it here
  (found by a Matcher holding only those few patterns, run on the real doc).
* On a miss the real components run: tokens that no multi-token pattern touches are copied into one small
  Doc (orth, tag, dep) and the stock ruler and lemmatizer run over it; a token that a multi-token
  pattern touches is copied with the stretch of the doc its matches cover. A copy whose multi-token
  matches differ from the token's own in the article is redone alone (with its stretch), so every stored
  result is what the stock components give that token in that article.
* What is replayed is the final ``pos``, ``morph`` and ``lemma`` (and ``tag``/``dep`` where the ruler
  changes them), written with one ``Doc.from_array``.

:func:`use_token_attributes` installs it only where this reasoning holds (patterns test only lexical
attributes, ``TAG`` and ``DEP`` by exact value, ``IN`` or ``NOT_IN``; set only ``POS``, ``TAG``,
``MORPH``, ``LEMMA``, ``DEP``; no quantifiers; the lemmatizer right after the ruler, in rule or lookup
mode) and leaves the pipeline stock otherwise. A doc whose ``pos``, ``morph`` or ``lemma`` is already set
goes through the stock components. ``tests/nlp/test_token_attributes.py`` compares it with the stock
components.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

log = logging.getLogger("onrecord")

NAME = "token_attributes"  # the component's name in the pipeline
FACTORY = "onrecord_token_attributes"
MAX_ENTRIES = 200_000  # the memo is emptied when it reaches this many keys (a few hundred bytes each)

# Pattern keys whose value is fixed by the token's orth (lexeme attributes), plus TAG and DEP.
_LEXICAL_KEYS = frozenset(
    {"ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "IS_ALPHA", "IS_ASCII", "IS_DIGIT"}
    | {"IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL"}
)
_OTHER_DEP = -1  # the key's dep for every label no pattern names

Key = tuple[int, int, int, tuple[int, ...]]
# What the two components leave on a token: tag and dep (None: unchanged), pos, morph, lemma.
Value = tuple[int | None, int | None, int, int, int]


class TokenAttributes:
    """Does what ``attribute_ruler`` followed by ``lemmatizer`` do, from a memo keyed on a few attributes."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer, named_deps: frozenset[int]) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.vocab = ruler.vocab
        self.named_deps = named_deps
        self.memo: dict[Key, Value] = {}
        # The ruler's multi-token patterns alone, under the ruler's own keys: which of them set an attribute
        # on which token is part of that token's key.
        self.multi: Matcher = Matcher(self.vocab)
        self.multi_index: dict[int, tuple[int, int]] = {}  # match id -> (the ruler's attr id, index)
        for attr_id, index in enumerate(ruler.indices):
            key = str(attr_id)
            patterns = [p for p in ruler.matcher.get(key)[1] if len(p) > 1]
            if patterns:
                self.multi.add(key, patterns)
                self.multi_index[self.vocab.strings[key]] = (attr_id, index)

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG

        if not len(doc):
            return doc
        array = doc.to_array([ORTH, TAG, DEP, POS, MORPH, LEMMA])
        if array[:, 3:].any():  # set by someone before us: the stock components decide what to keep
            return self.lemmatizer(self.ruler(doc))
        spans = self._multi_spans(doc)
        named, memo = self.named_deps, self.memo
        keys: list[Key] = []
        missing: dict[Key, int] = {}  # key -> first token with it
        for i, (orth, tag, dep) in enumerate(array[:, :3].tolist()):
            key = (orth, tag, dep if dep in named else _OTHER_DEP, spans[i][0] if i in spans else ())
            keys.append(key)
            if key not in memo and key not in missing:
                missing[key] = i
        if missing:
            if len(memo) + len(missing) > MAX_ENTRIES:
                memo.clear()
            if not self._learn(doc, missing, spans):  # never seen; kept exact all the same
                return self.lemmatizer(self.ruler(doc))
        rows: list[tuple[int, int, int]] = []
        changed: list[tuple[int, int | None, int | None]] = []  # token, new tag, new dep
        for i, key in enumerate(keys):
            tag, dep, pos, morph, lemma = memo[key]
            rows.append((pos, morph, lemma))
            if tag is not None or dep is not None:
                changed.append((i, tag, dep))
        doc.from_array([POS, MORPH, LEMMA], numpy.array(rows, dtype="uint64").reshape(-1, 3))  # type: ignore[arg-type]
        for i, tag, dep in changed:
            if tag is not None:
                doc[i].tag = tag
            if dep is not None:
                doc[i].dep = dep
        return doc

    def _multi_spans(self, doc: Doc) -> dict[int, tuple[tuple[int, ...], int, int]]:
        """Token -> (the multi-token patterns that set its attributes, start and end of their matches)."""
        hits: dict[int, tuple[list[int], int, int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id, index = self.multi_index[match_id]
            target = start + index if index >= 0 else end + index
            ids, lo, hi = hits.get(target, ([], start, end))
            ids.append(attr_id)
            hits[target] = (ids, min(lo, start), max(hi, end))
        return {i: (tuple(sorted(ids)), lo, hi) for i, (ids, lo, hi) in hits.items()}

    def _learn(
        self, doc: Doc, missing: dict[Key, int], spans: dict[int, tuple[tuple[int, ...], int, int]]
    ) -> bool:
        """Run the stock components over copies of the missing tokens and store what they give.

        Returns False if a copy could not reproduce a token's multi-token matches (nothing stored for it).
        """
        pieces = [(i, *spans[i][1:]) if i in spans else (i, i, i + 1) for i in missing.values()]
        results = self._run(doc, pieces)
        for key, piece, (context, value) in zip(missing, pieces, results, strict=True):
            if context != key[3]:  # a multi-token pattern matched across pieces: this token on its own
                ((context, value),) = self._run(doc, [piece])
                if context != key[3]:
                    return False
            self.memo[key] = value
        return True

    def _run(self, doc: Doc, pieces: list[tuple[int, int, int]]) -> list[tuple[tuple[int, ...], Value]]:
        """Copy each (token, start, end) stretch of ``doc`` into one Doc, run the stock components on it.

        Returns, per piece, the multi-token patterns that set its token's attributes in the copy and the
        token's values there.
        """
        from spacy.tokens import Doc

        strings = self.vocab.strings
        words: list[str] = []
        tags: list[int] = []
        deps: list[int] = []
        targets: list[int] = []
        for i, start, end in pieces:
            targets.append(len(words) + i - start)
            for token in doc[start:end]:
                words.append(strings[token.orth])
                tags.append(token.tag)
                deps.append(token.dep)
        copy = Doc(self.vocab, words=words)
        for token, tag, dep in zip(copy, tags, deps, strict=True):
            token.tag = tag
            token.dep = dep
        spans = self._multi_spans(copy)
        self.lemmatizer(self.ruler(copy))
        out: list[tuple[tuple[int, ...], Value]] = []
        for t in targets:
            token = copy[t]
            new_tag = token.tag if token.tag != tags[t] else None
            new_dep = token.dep if token.dep != deps[t] else None
            morph = token.morph.key  # type: ignore[attr-defined]
            context = spans[t][0] if t in spans else ()
            out.append((context, (new_tag, new_dep, token.pos, morph, token.lemma)))
        return out


def _factory(nlp: Language, name: str) -> TokenAttributes:
    from spacy.pipeline import AttributeRuler, Lemmatizer

    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, AttributeRuler) and isinstance(lemmatizer, Lemmatizer)
    named = _named_deps(ruler)
    assert named is not None
    return TokenAttributes(ruler, lemmatizer, named)


def _named_deps(ruler: AttributeRuler) -> frozenset[int] | None:
    """The dependency labels the ruler's patterns test or set (hashes); None if the memo would be unsafe."""
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    strings = ruler.vocab.strings
    named: set[str] = {""}
    for attr_id, attrs in enumerate(ruler.attrs):
        if not set(attrs) <= {POS, TAG, MORPH, LEMMA, DEP}:
            return None
        if DEP in attrs:
            named.add(strings[attrs[DEP]])
        for pattern in ruler.matcher.get(str(attr_id))[1]:
            for spec in pattern:
                for name, value in spec.items():
                    if not isinstance(name, str) or name.upper() not in _LEXICAL_KEYS | {"TAG", "DEP"}:
                        return None
                    if name.upper() == "DEP":
                        labels = _labels(value)
                        if labels is None:
                            return None
                        named |= labels
    return frozenset(strings.add(label) for label in named)


def _labels(value: Any) -> set[str] | None:
    """The labels a DEP constraint names, if it is an exact value, IN or NOT_IN; else None."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and len(value) == 1:
        ((op, labels),) = value.items()
        if op in ("IN", "NOT_IN") and all(isinstance(label, str) for label in labels):
            return set(labels)
    return None


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Make the rule lemmatizer's word lists sets: it only asks ``form in index``, same answer, no scan.

    en_core_web_sm ships them as lists (57,528 nouns): a scan per rule tried made each new word cost
    about 50 µs. This changes this pipeline's own lemmatizer tables, nothing shared.
    """
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for key in list(table.keys()):
        words = table[key]
        if isinstance(words, list) and all(isinstance(word, str) for word in words):
            table[key] = frozenset(words)


def use_token_attributes(nlp: Language) -> bool:
    """Put one :class:`TokenAttributes` in place of ``attribute_ruler`` + ``lemmatizer`` where it is safe.

    Returns whether it did; the pipeline is left as it was otherwise. Output is identical either way.
    """
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer

    names = nlp.pipe_names
    if "attribute_ruler" not in names or names[names.index("attribute_ruler") + 1 :][:1] != ["lemmatizer"]:
        return False
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
        return False
    if lemmatizer.mode not in ("rule", "lookup") or _named_deps(ruler) is None:
        return False
    if lemmatizer.mode == "rule":
        _index_as_sets(lemmatizer)
    if FACTORY not in Language.factories:
        Language.factory(FACTORY, func=_factory)
    nlp.add_pipe(FACTORY, name=NAME, before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.remove_pipe("lemmatizer")
    log.debug("attribute_ruler + lemmatizer replaced by the memoized %s", NAME)
    return True
