"""Find time expressions in a parsed article and normalize them against the article's date (DCT).

``find_times(doc, dct)`` scans the text with the grammar in :mod:`timex_rules` (absolute dates,
relative ones such as "two weeks ago" or "last week", months, seasons, quarters, durations, sets
and vague references such as "recently"), reads the tense of the clause around each mention from
the spaCy parse to decide which way a bare "Monday" or "in July" points, and returns
:class:`~onrecord.model.TimeValue` records: TimeML type and value, modifier, inclusive date range
and granularity, and the character span. ``normalize(text, dct)`` resolves a single expression.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from onrecord.extract.spans import CharMask
from onrecord.extract.timex_calendar import value_range
from onrecord.extract.timex_grammar import RULES, resolve_text
from onrecord.extract.timex_rules import Context, NoAnchor, Resolved, Rule, shift_from
from onrecord.model import Span, TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EXTRACTOR = "timex.v1"

# A modifier written before an expression joins its extent and sets the TimeML mod.
_MOD_WORDS = (
    r"early|late|mid|earlier|later|(?:the\s+)?(?:end|beginning|start|middle|close)\s+of"
    r"|about|around|approximately|roughly|nearly|almost|more\s+than|less\s+than|at\s+least|at\s+most"
    r"|up\s+to|no\s+more\s+than"
)
PREFIX_MOD_RE = re.compile(rf"(?i)(?<![\w-])(?P<word>{_MOD_WORDS})[\s-]*$")
LEADING_PREPOSITION_RE = re.compile(
    r"(?i)^(?:in|on|at|during|over(?:\s+the\s+course\s+of)?|throughout|since|by|until|till|from|for|within)\s+"
)
EARLIEST_RE = re.compile(r"(?i)\bas\s+(?:soon|early)\s+as\s+$")
DEADLINE_RE = re.compile(r"(?i)\b(?:until|till|effective)\s+(?:(?:mid|early|late)[\s-]+)?$")
LEADING_MOD_RE = re.compile(rf"(?i)^(?P<word>{_MOD_WORDS})[\s-]+")
MOD_OF_WORD = {
    "early": "START", "earlier": "START", "beginning": "START", "start": "START",
    "late": "END", "later": "END", "end": "END", "close": "END", "mid": "MID", "middle": "MID",
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "less": "LESS_THAN", "more": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up": "EQUAL_OR_LESS", "no": "EQUAL_OR_LESS",
}  # fmt: skip
FUTURE_HEADS = {
    "expect",
    "plan",
    "schedule",
    "intend",
    "aim",
    "hope",
    "want",
    "promise",
    "prepare",
    "set",
    "due",
}
SCHEDULING_VERBS = {"plan", "schedule", "reschedule", "postpone", "delay", "slate"}
NOT_A_YEAR_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}


@dataclass(frozen=True, kw_only=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    resolved: Resolved | None  # None when the document has no date to anchor a relative expression


def verb_tense(verb: Token) -> str | None:
    """Past, present or future of a verb, from its tag and auxiliaries ("will", "has", "was")."""
    auxes = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {aux.lower_ for aux in auxes}
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    if "to" in words and verb.head is not verb:
        head = verb.head
        if head.lemma_ in FUTURE_HEADS | {"go"}:
            # "had been scheduled to expire Friday": the plan lies in the past
            return "past" if _has_had(head) or _has_had(head.head) else "future"
        if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday"
    if verb.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxes):
        return "past"
    if verb.tag_ == "VBN" and (words & {"has", "have", "'ve", "'s"} or (not auxes and verb.dep_ == "acl")):
        return "past"  # "has signed"; "the year ended March 31", "the plan presented on Monday"
    if verb.tag_ == "VBG" and words & {"has", "have", "'ve"} and "been" in words:
        return "past"  # "have been searching since the Oct. 23 slaying"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am"}:
        return "present"
    if words & {"would", "could", "might", "may", "can", "should", "must"}:
        return "present"  # "would be traveling Thursday": no tense, it may point a few days ahead
    return None


def _has_had(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "had" for child in verb.children)


def _set_for(verb: Token) -> bool:
    """ "a summit set for April": "set" as a participle with "for" is a schedule."""
    return (
        verb.lemma_ == "set" and verb.tag_ == "VBN" and any(child.lower_ == "for" for child in verb.children)
    )


def clause_tense(doc: Doc, start: int, end: int, memo: dict[int, str | None]) -> str | None:
    """The tense of the verb that governs the text at ``start:end``, if the parse shows one. ``memo`` keeps
    each verb's tense by token index: reading it looks at all of the verb's children, and one verb may
    govern many time expressions ("met last Tuesday at 3 p.m., in July at 4 p.m., …")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX"):
            if token.i not in memo:
                memo[token.i] = _governing_tense(token)
            return memo[token.i]
        if token.head is token:
            return None
        token = token.head
    return None


def _governing_tense(verb: Token) -> str | None:
    if verb.lemma_ in SCHEDULING_VERBS or _set_for(verb):
        return "future"  # "planned a rally on Saturday", "a summit set for April"
    return verb_tense(verb)


# Characters that the regex engine's case-insensitive matching takes for an ASCII letter but that
# str.lower() does not turn into that letter ("İ" lowercases to "i" and a combining dot); the Kelvin
# sign, which the engine takes for "k", lowercases to "k" and needs nothing. Found by trying every
# code point against (?i)[a-z]; tests/extract/test_timex_scan.py checks the list.
REGEX_ONLY_FOLDS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def lowercase_for_needs(text: str) -> str:
    """``text`` in lowercase as the regex engine sees it case-insensitively, for :attr:`Rule.needs`:
    any word a rule's match contains (case-insensitively or not) is then a substring of it."""
    if any(char in text for char in "İıſ"):
        text = text.translate(REGEX_ONLY_FOLDS)
    return text.lower()


def _scan(text: str, context_of: ContextOf) -> list[Candidate]:
    """Every match of every rule that resolves, as a candidate.

    A rule whose needed words (:attr:`Rule.needs`) are all absent from the text cannot match, so
    its regex is not run: most rules find nothing in most articles, and running the regexes over
    the whole text is most of the pass's cost.
    """
    found: list[Candidate] = []
    lowered = lowercase_for_needs(text)
    for rule in RULES:
        if rule.needs and not any(word in lowered for word in rule.needs):
            continue
        for match in rule.pattern.finditer(text):
            if match.end() == match.start():
                continue
            try:
                resolved = rule.resolve(match, context_of(match.start(), match.end()))
                if resolved is None:
                    continue
            except (NoAnchor, OverflowError, ValueError):  # nothing to count from, or before year 1 or
                resolved = None  # after 9999, where Python's dates end ("tomorrow" on 9999-12-31)
            found.append(Candidate(start=match.start(), end=match.end(), rule=rule, resolved=resolved))
    return found


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """The longest candidates that do not overlap, earlier rules first among equals, in text order."""
    order = {rule.name: index for index, rule in enumerate(RULES)}
    chosen: list[Candidate] = []
    taken = CharMask(max((c.end for c in candidates), default=0))  # the characters chosen so far
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), order[c.rule.name], c.start)):
        if not taken.free(cand.start, cand.end):
            continue
        chosen.append(cand)
        taken.take(cand.start, cand.end)
    return sorted(chosen, key=lambda c: c.start)


def mod_of(words: str) -> str | None:
    """The TimeML mod of a modifier: "early" -> START, "about" -> APPROX, "the end of" -> END."""
    parts = words.lower().split()
    key = " ".join(parts[:2]) if parts[0] == "at" else parts[-2] if parts[-1] == "of" else parts[0]
    return MOD_OF_WORD.get(key)


def _prefix_mod(text: str, start: int) -> tuple[int, str | None]:
    """Extend ``start`` over a modifier written just before it ("early", "about"), with its mod."""
    before = text[max(0, start - 30) : start]
    found = PREFIX_MOD_RE.search(before)
    if not found:
        return start, None
    return start - (len(before) - found.start()), mod_of(found["word"])


def _time_value(text: str, cand: Candidate, dct: dt.date | None) -> TimeValue:
    start, mod = _prefix_mod(text, cand.start)
    resolved = cand.resolved
    value = resolved.value if resolved else None
    first, last, granularity = value_range(value, dct)
    return TimeValue(
        text=text[start : cand.end],
        start=first,
        end=last,
        granularity=granularity,
        value=value,
        span=Span(start=start, end=cand.end, text=text[start : cand.end]),
        type=(resolved.type if resolved else cand.rule.type),  # type: ignore[arg-type]
        mod=(resolved.mod if resolved and resolved.mod else mod),
    )


class ContextOf:
    """Builds the resolver context of a mention from the parse: tense and quarter talk of its sentence."""

    def __init__(self, doc: Doc, dct: dt.date | None) -> None:
        self.doc = doc
        self.dct = dct
        self.text = doc.text  # the Doc rebuilds its text from the tokens at every access
        self.doc_quarterly = self.text.lower().count("quarter") >= 2
        self._tenses: dict[int, str | None] = {}  # clause_tense's memo

    def __call__(self, start: int, end: int) -> Context:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        quarterly = False
        if span is not None and len(span):
            starts, quarterly_sentences = self._sentences
            quarterly = quarterly_sentences[bisect_right(starts, span[0].i) - 1] or self.doc_quarterly

        tense = clause_tense(self.doc, start, end, self._tenses)
        if EARLIEST_RE.search(self.text[max(0, start - 20) : start]):
            tense = "future"  # "as soon as Tuesday", "as early as next week": a forecast
        elif tense != "future" and DEADLINE_RE.search(self.text[max(0, start - 20) : start]):
            tense = (
                "present"  # "gave them until mid-November", "effective Feb. 1": a deadline, near either way
            )
        return Context(dct=self.dct, tense=tense, quarterly=quarterly)

    @cached_property
    def _sentences(self) -> tuple[list[int], list[bool]]:
        """The first token of each sentence and whether it talks of quarters, read once for the
        article: a long sentence may hold many time expressions, and finding a token's sentence
        (``Token.sent``) or rebuilding its text (``Span.text``) for each costs the sentence's length."""
        sentences = list(self.doc.sents)
        quarterly = ["quarter" in self.text[s.start_char : s.end_char].lower() for s in sentences]
        return [s.start for s in sentences], quarterly


def _plausible(doc: Doc, cand: Candidate) -> bool:
    """Drop bare numbers the parser reads as quantities or money rather than years, and "year-end"
    used as a noun's modifier ("year-end net")."""
    if cand.rule.name not in ("year", "unit_end"):
        return True
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if not span:
        return True
    if cand.rule.name == "unit_end":
        return not (span.root.dep_ in ("compound", "amod", "nmod") and span.root.head.pos_ == "NOUN")
    return all(token.ent_type_ not in NOT_A_YEAR_LABELS for token in span)


def find_times(doc: Doc, dct: dt.date | None) -> list[TimeValue]:
    """Every time expression in ``doc``, normalized against the article date ``dct``."""
    context = ContextOf(doc, dct)
    candidates = [c for c in _scan(context.text, context) if _plausible(doc, c)]
    return [_time_value(context.text, cand, dct) for cand in _after_mentions(_select(candidates))]


def _after_mentions(chosen: list[Candidate]) -> list[Candidate]:
    """Count "the following year", "the previous Friday" from the date mentioned last before them."""
    out: list[Candidate] = []
    last: str | None = None
    for cand in chosen:
        resolved = cand.resolved
        if resolved and resolved.after_mention and last:
            value = shift_from(last, *resolved.after_mention)
            if value:
                cand = replace(cand, resolved=replace(resolved, value=value))
        elif resolved and resolved.type in ("DATE", "TIME") and resolved.value[:1].isdigit():
            last = resolved.value
        out.append(cand)
    return out


def normalize(text: str, dct: dt.date | None, *, tense: str | None = None) -> TimeValue | None:
    """Normalize one time expression ("two weeks ago", "16 October 2024") against ``dct``.

    ``tense`` ("past", "present", "future") decides which way a bare "Monday" or "in July" points.
    Returns None when the text is not a time expression this grammar knows.
    """
    core, mod = LEADING_PREPOSITION_RE.sub("", text.strip()), None
    context = Context(dct=dct, tense=tense, quarterly="quarter" in text.lower())
    try:
        resolved = resolve_text(core, context)  # "mid afternoon" is one expression
        if resolved is None and (found := LEADING_MOD_RE.match(core)):
            core, mod = LEADING_PREPOSITION_RE.sub("", core[found.end() :]), mod_of(found["word"])
            resolved = resolve_text(core, context)
    except NoAnchor:
        return None
    if resolved is None:
        return None
    first, last, granularity = value_range(resolved.value, dct)
    return TimeValue(
        text=text,
        start=first,
        end=last,
        granularity=granularity,
        value=resolved.value,
        type=resolved.type,  # type: ignore[arg-type]
        mod=resolved.mod or mod,
    )
