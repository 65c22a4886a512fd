"""The event lexicon: trigger words mapped to PLOVER event types, onrecord kinds and frame classes.

The words live in ``onrecord/data/plover_lexicon.tsv`` (its header documents the columns). A verb is
looked up with its particle ("blow up"), its object ("lift" + "blockade"), its preposition
("speak with") and finally alone; a noun with the words around it ("lodge" + "protest").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from onrecord.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Token

LEXICON_FILE = "plover_lexicon.tsv"
CLASSES = frozenset(
    {"act", "light", "intent", "threat", "refuse", "demand", "request", "decide", "allow", "prepare"}
)
WRAPPERS = CLASSES - {"act", "light"}  # classes whose meaning depends on the action they wrap
PLOVER_TYPES = frozenset(
    """AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST
    SANCTION MOBILIZE COERCE ASSAULT FIGHT INVESTIGATE""".split()
)
# Types that are the opposite of cooperation: promised or future ones are threats (CAMEO 13).
HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "FIGHT", "MOBILIZE", "PROTEST", "THREATEN"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd")
CONTAINER_NOUNS = frozenset(
    {"effort", "campaign", "bid", "process", "operation", "drive", "attempt", "round"}
)
QUANTITY_NOUNS = frozenset(
    """thousand hundred dozen score million group number some many tonne ton kilogram kilo litre liter
    barrel shipment load consignment batch""".split()
)


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One lexicon line."""

    trigger: str
    cls: str
    type: str | None = None
    kind: str | None = None
    objects: frozenset[str] = frozenset()
    dobj: str | None = None  # "target" | "object" | None (decided by the object's words)


@dataclass(frozen=True)
class Lexicon:
    """Verb and noun entries keyed by trigger text; entries with object constraints come first."""

    verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[Entry, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Lexicon:
        """Read the lexicon shipped in ``onrecord/data`` (well under a millisecond)."""
        text = resources.files("onrecord.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
        return cls.parse(text)

    @classmethod
    def parse(cls, text: str) -> Lexicon:
        verbs: dict[str, list[Entry]] = {}
        nouns: dict[str, list[Entry]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            entry = _entry(line, number)
            if entry.trigger.startswith("n:"):
                nouns.setdefault(entry.trigger[2:], []).append(entry)
            else:
                verbs.setdefault(entry.trigger, []).append(entry)
        return cls(_ordered(verbs), _ordered(nouns))

    # ---- lookup ---------------------------------------------------------------------------------

    def verb(self, token: Token) -> Entry | None:
        """The entry of a verb (or a predicate adjective such as "willing") in its context."""
        for lemma in _lemmas(token):
            found = self._verb(token, lemma)
            if found is not None:
                return found
        return None

    @functools.cached_property
    def _verb_starts(self) -> frozenset[str]:
        """Every verb trigger and each of its word-boundary prefixes ("take", "take part", "take part in")."""
        starts: set[str] = set()
        for trigger in self.verbs:
            words = trigger.split(" ")
            starts.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
        return frozenset(starts)

    def _verb(self, token: Token, lemma: str) -> Entry | None:
        if lemma not in self._verb_starts:  # every key looked up below is the lemma or starts "lemma "
            return None
        heads, modifiers = _object_words(token)
        objects = heads | modifiers
        particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
        preps = [
            c for c in token.children if c.dep_ in ("prep", "agent") or c.dep_ == "dative" and c.pos_ == "ADP"
        ]
        for particle in particles:
            found = self._pick(self.verbs.get(f"{lemma} {particle}", ()), objects)
            if found is not None:
                return found
        bare = self.verbs.get(lemma, ())
        found = self._pick(bare, heads, constrained_only=True) or self._pick(
            bare, objects, constrained_only=True
        )
        if found is not None:
            return found
        for prep in preps:
            pobjects = objects | {c.lemma_.lower() for c in prep.children if c.dep_ in ("pobj", "pcomp")}
            found = self._pick(self.verbs.get(f"{lemma} {prep.lower_}", ()), pobjects)
            if found is not None:
                return found
        return self._pick(bare, objects)

    def noun(self, token: Token, context: frozenset[str] = frozenset()) -> Entry | None:
        """The entry of an event noun ("talks", "hunger strike"), given words around it."""
        lemma = token.lemma_.lower()
        words = context | _modifier_words(token)
        for modifier in [c for c in token.lefts if c.dep_ in ("compound", "amod")][::-1]:
            found = self._pick(self.nouns.get(f"{modifier.lemma_.lower()} {lemma}", ()), words)
            if found is not None:
                return found
        found = self._pick(self.nouns.get(lemma, ()), words)
        if found is None and token.lower_ != lemma:  # "talks" is its own lemma in some parses
            found = self._pick(self.nouns.get(token.lower_, ()), words)
        if found is None and lemma in CONTAINER_NOUNS:  # "a mediation effort", "a bombing campaign"
            for modifier in (c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")):
                found = found or self._pick(self.nouns.get(modifier.lemma_.lower(), ()), words)
        return found

    @staticmethod
    def _pick(
        entries: tuple[Entry, ...], words: frozenset[str], *, constrained_only: bool = False
    ) -> Entry | None:
        for entry in entries:
            if entry.objects:
                if entry.objects & words or ("*" in entry.objects and words):
                    return entry
            elif not constrained_only:
                return entry
        return None


def _object_words(token: Token) -> tuple[frozenset[str], frozenset[str]]:
    """Lemmas of a verb's objects ("thousands of refugees" counts as "refugee"), and separately of
    the words modifying them ("weapons inspectors"): an entry matching the head word wins."""
    heads: set[str] = set()
    modifiers: set[str] = set()
    for child in token.children:
        if child.dep_ not in OBJECT_DEPS:
            continue
        for obj in (child, *child.conjuncts, *_members(child)):
            heads.add(obj.lemma_.lower())
            modifiers.update(c.lemma_.lower() for c in obj.children if c.dep_ in ("compound", "amod"))
    return frozenset(heads), frozenset(modifiers)


def _members(token: Token) -> list[Token]:
    """ "thousands of refugees" -> refugees."""
    if token.pos_ != "NUM" and token.lemma_.lower() not in QUANTITY_NOUNS:
        return []
    return [p for prep in token.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"]


def _lemmas(token: Token) -> list[str]:
    """The parser's lemma, then simple guesses for a lemmatizer slip ("staged" -> "stag")."""
    lemma = token.lemma_.lower()
    word = token.lower_
    guesses = [lemma]
    if token.tag_ in ("VBD", "VBN") and word.endswith("ed"):
        guesses += [word[:-1], word[:-2]]
    elif token.tag_ == "VBG" and word.endswith("ing"):
        guesses += [word[:-3], word[:-3] + "e"]
    return list(dict.fromkeys(guesses))


def _modifier_words(token: Token) -> frozenset[str]:
    words = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if token.head != token:
        words.add(token.head.lemma_.lower())  # the light verb: "lodge" + "protest"
    for prep in (c for c in token.children if c.dep_ == "prep"):
        words.update(c.lemma_.lower() for c in prep.children if c.dep_ == "pobj")
    return frozenset(words)


def _entry(line: str, number: int) -> Entry:
    parts = (line.split("\t") + [""] * 6)[:6]
    trigger, cls, type_, kind, objects, dobj = (p.strip() for p in parts)
    if cls not in CLASSES or (type_ and type_ not in PLOVER_TYPES) or dobj not in ("", "target", "object"):
        raise ModelError(
            f"line {number} of {LEXICON_FILE} is malformed ({line!r}); "
            f"class must be one of {sorted(CLASSES)}, type a PLOVER type, dobj 'target' or 'object'"
        )
    return Entry(
        trigger=trigger.lower(),
        cls=cls,
        type=type_ or None,
        kind=kind or None,
        objects=frozenset(o for o in objects.lower().split("|") if o),
        dobj=dobj or None,
    )


def _ordered(table: dict[str, list[Entry]]) -> dict[str, tuple[Entry, ...]]:
    """Entries with object constraints first, each group in file order."""
    return {key: tuple(sorted(entries, key=lambda e: not e.objects)) for key, entries in table.items()}
