"""Direct quotes: quoted stretches of text and the clause that attributes them.

Handles straight and curly quote marks, two apostrophes as news archives write them (''…''), sloppy
typography (a paragraph opened with a closing mark, a curly quote closed with a straight one), nested
quotes, quotes split around "he said" (`"A," he said, "B."` is one statement with two content spans),
quotes spanning several paragraphs (the journalistic convention: no closing mark at the end of a
paragraph that the next paragraph continues with an opening mark) and attributions before
(`He said: "…"`) or after (`"…," Rutte said.` / `"…," said Rutte.`) the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.extract.lexicon import CUE_LEMMAS, is_cue_verb
from onrecord.nlp import wraps_line

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

OPENING = "“„«"
CLOSING = "”»"
QUOTE_FINAL_PUNCT = frozenset(",!?-—….")
MIN_QUOTE_WORDS = 4  # shorter quoted stretches are names or scare quotes ("Victory Plan"), not statements
COMMA_AFTER = re.compile(r"\s*,")  # matched in place, at a quote's end
MAX_GAP_CHARS = 80  # attribution between two parts of one split quote
BLANK_TO_LINE_END = re.compile(r"\s*?(?:\n|\Z)")  # lazily: stops at the first line break
_MARKS = re.compile(f"[{OPENING}{CLOSING}\"'\n]")  # the only characters find_quotes acts on


@dataclass(frozen=True)
class Quote:
    """One quoted stretch; start/end include the quote marks."""

    start: int
    end: int

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


@dataclass(frozen=True)
class Attribution:
    """The attributing clause of a quote: its cue verb and its subject (source) tokens."""

    cue: Token
    source: Span | None


@dataclass(frozen=True)
class DirectQuote:
    parts: tuple[Quote, ...]
    attribution: Attribution


def find_quotes(text: str) -> list[Quote]:
    """Quoted stretches of ``text`` in order, multi-paragraph quotes joined into one.

    A straight-quoted stretch that is never closed (an excerpt's paragraphs each opened with '"', then a
    paragraph that opens with no mark) holds no quotation of its own; the curly-quoted ones inside it are
    read again with straight marks ignored, or they would be lost with it."""
    quotes, unclosed = _scan(text, 0, len(text), straight_marks=True)
    for start, end in unclosed:
        quotes += _scan(text, start, end, straight_marks=False)[0]
    return _drop_nested(sorted(quotes, key=lambda q: q.start))


def _scan(
    text: str, start: int, end: int, *, straight_marks: bool
) -> tuple[list[Quote], list[tuple[int, int]]]:
    """The quotations in ``text[start:end]``, and the stretches after straight marks that never closed."""
    quotes: list[Quote] = []
    unclosed: list[tuple[int, int]] = []
    open_at: int | None = None  # where the outermost open quote started
    depth = 0  # nesting depth of curly quotes
    straight = False  # inside a straight-quoted stretch
    resume = 0  # read on from here: past a two-character mark, or a continued quote's reopening mark
    for found in _MARKS.finditer(text, start, end):
        i, ch = found.start(), found.group()
        if i < resume:
            continue
        mark = _straight_mark(text, i) if straight_marks else 0
        if (ch in OPENING or (ch in CLOSING and _starts_paragraph(text, i))) and not straight and not depth:
            open_at, depth = i, 1  # a paragraph opened with a closing mark ("”Fortunately, …") opens too
        elif ch in OPENING and not straight:
            depth += 1
        elif (ch in CLOSING or (mark == 1 and depth == 1 and _ends_paragraph(text, i + 1))) and depth:
            depth -= 1  # a curly quotation closed with a straight mark at the paragraph's end closes too
            if depth == 0 and open_at is not None:
                quotes.append(Quote(open_at, i + 1))
        elif mark and depth == 0:
            if straight and open_at is not None:
                quotes.append(Quote(open_at, i + mark))
            else:
                open_at = i
            straight = not straight
            resume = i + mark
        elif ch == "\n" and (depth or straight):
            if _wrapped_line(text, i):
                continue  # a hard-wrapped quotation goes on on the next line
            nxt = _next_paragraph_start(text, i)
            if nxt is not None and (text[nxt] in OPENING or _straight_mark(text, nxt)):
                resume = nxt + max(1, _straight_mark(text, nxt))  # the quote goes on in the next paragraph
            else:
                if straight and open_at is not None:
                    unclosed.append((open_at + 1, i))
                depth, straight, open_at = 0, False, None
    if straight and open_at is not None:
        unclosed.append((open_at + 1, end))
    return quotes, unclosed


def _starts_paragraph(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] == "\n"


def _ends_paragraph(text: str, i: int) -> bool:
    """Nothing but spaces from ``i`` to the end of the line (matched in place: a copy of the rest of the
    line per quote mark was quadratic on a text of one long line)."""
    return BLANK_TO_LINE_END.match(text, i) is not None


def _straight_mark(text: str, i: int) -> int:
    """Length of a straight double quote mark at ``i``: 1 for '"', 2 for "''" (two apostrophes, as news
    archives such as LexisNexis write quotes), 0 for anything else."""
    if text[i] == '"':
        return 1
    return 2 if text.startswith("''", i) else 0


def _wrapped_line(text: str, newline: int) -> bool:
    """A single line break between two words that only wraps a sentence (:func:`wraps_line`)."""
    before = text[max(0, newline - 20) : newline].rstrip(" \t\r")[-1:]  # a window: no copy of the text
    after = text[newline + 1 : newline + 21].lstrip(" \t")[:1]
    return before not in {"", "\n"} and after not in {"", "\n", "\r"} and wraps_line(before, after)


def _next_paragraph_start(text: str, newline: int) -> int | None:
    end = newline
    while end < len(text) and text[end].isspace():
        end += 1
    return end if end < len(text) else None


def _drop_nested(quotes: list[Quote]) -> list[Quote]:
    """Drop quotes nested in others; keep order."""
    kept: list[Quote] = []
    for quote in quotes:
        if kept and quote.start < kept[-1].end:
            continue
        kept.append(quote)
    return kept


def attribute_quotes(doc: Doc, quotes: list[Quote], text: str) -> list[DirectQuote]:
    """Find the attributing clause of each quote; join the parts of split quotes (``text`` is the doc's)."""
    found: list[DirectQuote] = []
    i = 0
    while i < len(quotes):
        quote = quotes[i]
        after = _attribution_after(doc, text, quote, quotes[i + 1] if i + 1 < len(quotes) else None)
        if after is not None:
            parts = [quote]
            nxt = quotes[i + 1] if i + 1 < len(quotes) else None
            after_next = quotes[i + 2] if i + 2 < len(quotes) else None
            if (
                nxt is not None
                and _continues_after_attribution(text, quote, nxt, after.cue)
                and _attribution_after(doc, text, nxt, after_next) is None  # '"B," Weiss added.' is Weiss's
            ):
                parts.append(nxt)
                i += 1
            if quote.words(text) >= MIN_QUOTE_WORDS or len(parts) > 1:
                found.append(DirectQuote(tuple(parts), after))
            i += 1
            continue
        before = _attribution_before(doc, text, quote)
        if before is not None and quote.words(text) >= MIN_QUOTE_WORDS:
            found.append(DirectQuote((quote,), before))
        i += 1
    return found


def _window(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="contract") if end > start else None


def _attribution_after(doc: Doc, text: str, quote: Quote, nxt: Quote | None) -> Attribution | None:
    """`"…," Rutte said.` / `"…," said Rutte, adding …` : a cue verb right after the quote."""
    if quote.end >= len(text) or not _ends_clause(text, quote) or _ends_sentence_inside(text, quote):
        return None
    limit = min(len(text), quote.end + MAX_GAP_CHARS)
    if nxt is not None:
        limit = min(limit, nxt.start)
    stop = re.compile(r"[.!?\n]").search(text, quote.end, limit)
    window = _window(doc, quote.end, stop.start() if stop else limit)
    if window is None:
        return None
    for token in window:
        if is_cue_verb(token) and token.pos_ in {"VERB", "AUX"}:
            source = _subject(token, window)
            if source is not None:
                return Attribution(token, source)
    return None


def _ends_clause(text: str, quote: Quote) -> bool:
    """A quote that an attribution may follow ends in punctuation ("…," / "…?") or is followed by a comma,
    unlike a phrase quoted mid-sentence."""
    return _last_inside(text, quote) in QUOTE_FINAL_PUNCT or bool(COMMA_AFTER.match(text, quote.end))


def _last_inside(text: str, quote: Quote) -> str:
    """The last character inside the quote marks ("" if none)."""
    return text[quote.start : quote.end].rstrip(CLOSING + "\"'")[-1:]


def _ends_sentence_inside(text: str, quote: Quote) -> bool:
    """A quotation set into a sentence ('She says Trump represents the “same rigged system.”') that ends
    that sentence: the next sentence ('She adds, “…”') attributes what follows it, not this quotation."""
    before = text[max(0, quote.start - 40) : quote.start].rstrip(" \t\u00a0")  # a window: no copy of the text
    after = text[quote.end : quote.end + 40].lstrip(" \t\u00a0")
    return bool(before) and before[-1].isalnum() and _last_inside(text, quote) == "." and after[:1].isupper()


def _attribution_before(doc: Doc, text: str, quote: Quote) -> Attribution | None:
    """`Rutte said: "…"` / `He told reporters, "…"` / `Caddell continued:` (paragraph before)."""
    head = text[max(0, quote.start - 200) : quote.start]
    match = re.search(r"[:,]\s*$", head)
    if not match:
        return None
    end = quote.start - len(head) + match.start()
    start = max(text.rfind(".", 0, end), text.rfind("\n\n", 0, end - 1), text.rfind("”", 0, end), 0)
    window = _window(doc, start, end)
    if window is None:
        return None
    for token in reversed(window):
        if is_cue_verb(token):
            source = _subject(token, window)
            if source is not None:
                return Attribution(token, source)
    return None


def _continues_after_attribution(text: str, quote: Quote, nxt: Quote, cue: Token) -> bool:
    """`"A," he said, "B."` : the next quote follows the attribution after a comma or full stop."""
    gap = text[quote.end : nxt.start]
    if len(gap) > MAX_GAP_CHARS or "\n" in gap.strip(" "):
        return False
    return cue.idx >= quote.end and cue.idx < nxt.start and bool(re.search(r"[,.:]\s*$", gap))


# Entity types that name no one: "said Monday", "said 40 percent".
NOT_SPEAKERS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _subject(cue: Token, window: Span) -> Span | None:
    """The subject of a cue verb, within the window: its nsubj subtree, else a name right after it (not
    a date), else a person named right before it."""
    for child in cue.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in {"it", "there", "this"}:
            left, right = child.left_edge.i, child.right_edge.i + 1
            if window.start <= left and right <= window.end:
                return _words(window.doc, left, right)
    # "said Rutte" parsed with Rutte as a dobj / npadvmod (but "said Monday" is a date)
    for child in cue.rights:
        if child.ent_type_ in NOT_SPEAKERS:
            continue
        if child.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or child.pos_ == "PROPN":
            left, right = child.left_edge.i, child.right_edge.i + 1
            if window.start <= left and right <= window.end:
                return _words(window.doc, left, right)
    # "…,” Police Chief Chuck Jordan said Monday." parsed without a subject: the name right before the cue
    before = cue.i - 1
    if before >= window.start and window.doc[before].ent_type_ == "PERSON":
        start = before
        while start - 1 >= window.start and window.doc[start - 1].ent_type_ == "PERSON":
            start -= 1
        return window.doc[start : before + 1]
    return None


def _words(doc: Doc, start: int, end: int) -> Span:
    """Tokens ``start:end`` without the whitespace tokens at their ends: a subtree takes in the no-break
    space after its last word ("he\xa0told"), which would make the speaker "he\xa0", no pronoun."""
    while end - start > 1 and doc[end - 1].is_space:
        end -= 1
    while end - start > 1 and doc[start].is_space:
        start += 1
    return doc[start:end]


__all__ = ["CUE_LEMMAS", "Attribution", "DirectQuote", "Quote", "attribute_quotes", "find_quotes"]
