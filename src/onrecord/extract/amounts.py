"""Find amounts of money in text: currency (ISO 4217), scale words and symbols, ranges, qualifiers, periods.

"€40 billion" -> 40e9 EUR; "$61bn" -> 61e9 USD; "1.5 million euros" -> 1.5e6 EUR; "UAH 500 million";
"£3.2m"; "$5-7 billion" -> low 5e9, high 7e9; "at least $2 billion" (qualifier at_least);
"$300 million a year" (per year); "€40 billion … over 2025" (per 2025).

The currency can be written as a symbol before the number (€, $, £, US$, C$ …), an ISO code
before or after it (UAH 500 million, 40 billion EUR) or a word after it (euros, hryvnias).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from onrecord.extract.timex_words import alternation
from onrecord.model import Amount, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR = "amounts.v1"

SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH",
    "₽": "RUB", "₹": "INR", "₩": "KRW", "₪": "ILS", "₺": "TRY", "zł": "PLN", "Fr.": "CHF",
}  # fmt: skip
CODES = (
    "USD", "EUR", "GBP", "JPY", "UAH", "RUB", "CHF", "CNY", "CAD", "AUD", "NZD", "INR", "PLN", "SEK",
    "NOK", "DKK", "CZK", "HUF", "RON", "BGN", "TRY", "KRW", "BRL", "MXN", "ZAR", "ILS", "SGD", "HKD",
    "SAR", "AED", "BYN", "KZT", "GEL", "MDL",
)  # fmt: skip
WORDS = {
    "u.s. dollars": "USD", "us dollars": "USD", "american dollars": "USD", "canadian dollars": "CAD",
    "australian dollars": "AUD", "hong kong dollars": "HKD", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "sterling": "GBP",
    "yen": "JPY", "hryvnias": "UAH", "hryvnyas": "UAH", "hryvnia": "UAH", "hryvnya": "UAH",
    "hryvnas": "UAH", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "yuan": "CNY",
    "renminbi": "CNY", "swiss francs": "CHF", "rupees": "INR", "zlotys": "PLN", "zloty": "PLN",
    "lira": "TRY", "liras": "TRY", "shekels": "ILS", "forints": "HUF", "crowns": "CZK",
}  # fmt: skip
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip
QUALIFIERS = {
    "at least": "at_least", "no less than": "at_least", "not less than": "at_least", "a minimum of": "at_least",
    "up to": "up_to", "as much as": "up_to", "at most": "up_to", "no more than": "up_to", "a maximum of": "up_to",
    "more than": "more_than", "over": "more_than", "above": "more_than", "in excess of": "more_than",
    "less than": "less_than", "under": "less_than", "below": "less_than", "nearly": "less_than",
    "almost": "less_than", "about": "about", "around": "about", "approximately": "about",
    "roughly": "about", "some": "about", "an estimated": "about", "close to": "about",
}  # fmt: skip
PERIODS = {
    "year": "year",
    "annum": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "quarter": "quarter",
}
PER_WORDS = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_SCALE = r"(?:thousand|millions?|billions?|trillion|mln|bln|mn|bn|tn|trn)\b"
_LETTER_SCALE = r"(?:[kmb])(?![\w$€£])"  # only written straight after the number: $3.2m, €40bn
_SCALE = rf"(?:\s*(?:{_WORD_SCALE})|{_LETTER_SCALE}|(?:{_WORD_SCALE}))"
_SYMBOL = "|".join(re.escape(symbol) for symbol in sorted(SYMBOLS, key=len, reverse=True))
_CODE = "|".join(CODES)
_WORD = alternation(WORDS)
_RANGE_JOIN = r"\s*(?:-|–|—|to|and)\s*"

_QUANTITY = (
    rf"(?P<n1>{_NUMBER})(?P<s1>{_SCALE})?"
    rf"(?:{_RANGE_JOIN}(?:{_SYMBOL}|(?:{_CODE})\s?)?(?P<n2>{_NUMBER})(?P<s2>{_SCALE})?)?"
)
MONEY_RE = re.compile(
    rf"(?<![\w$€£])(?:"
    rf"(?P<symbol>{_SYMBOL})\s?{_QUANTITY}(?:\s+(?P<trail_code>{_CODE})\b)?"
    rf"|(?P<code>{_CODE})\s?{_QUANTITY.replace('?P<', '?P<c_')}"
    rf"|{_QUANTITY.replace('?P<', '?P<w_')}\s+(?P<word>(?i:{_WORD})|{_CODE})\b"
    rf")"
)
QUALIFIER_RE = re.compile(rf"(?i)(?:\b(?:between|from)\s+)?\b(?P<q>{alternation(QUALIFIERS)})\s+$")
BETWEEN_RE = re.compile(r"(?i)\b(?:between|from)\s+$")
PER_RE = re.compile(
    rf"(?i)^(?:\s+(?:a|an|per|each|every)\s+(?P<unit>{'|'.join(PERIODS)})\b|\s+(?P<word>{'|'.join(PER_WORDS)})\b"
    r"|(?P<lead>\s+(?:\w+\s+){0,4}?)(?:over|for|during|throughout|through|in)\s+(?:the\s+course\s+of\s+)?"
    r"(?:the\s+(?:year|fiscal\s+year)\s+)?(?P<year>(?:19|20)\d\d)\b)"
)


def _number(text: str, scale: str | None) -> float:
    factor = SCALES.get((scale or "").strip().lower(), 1.0)
    return float(text.replace(",", "")) * factor


def _groups(match: re.Match[str]) -> tuple[str, str | None, str | None, str | None, str]:
    """(n1, s1, n2, s2, currency) whichever of the three forms matched."""
    if match["symbol"]:
        currency = match["trail_code"] or SYMBOLS[match["symbol"]]
        return match["n1"], match["s1"], match["n2"], match["s2"], currency
    if match["code"]:
        return match["c_n1"], match["c_s1"], match["c_n2"], match["c_s2"], match["code"]
    word = match["word"]
    currency = word if word in CODES else WORDS[" ".join(word.lower().split())]
    return match["w_n1"], match["w_s1"], match["w_n2"], match["w_s2"], currency


def _qualifier(text: str, start: int) -> tuple[int, str | None]:
    before = text[max(0, start - 25) : start]
    found = QUALIFIER_RE.search(before)
    if found:
        return start - (len(before) - found.start("q")), QUALIFIERS[" ".join(found["q"].lower().split())]
    between = BETWEEN_RE.search(before)
    return (start - (len(before) - between.start()), None) if between else (start, None)


def _period(text: str, end: int) -> tuple[int, str | None]:
    """A rate ("a year", "per month", "annually") or a period ("over 2025") written after the amount."""
    found = PER_RE.match(text[end : end + 80])
    if not found:
        return end, None
    if found["unit"]:
        return end + found.end(), PERIODS[found["unit"].lower()]
    if found["word"]:
        return end + found.end(), PER_WORDS[found["word"].lower()]
    if found["lead"] and re.search(r"[.;:!?]", found["lead"]):
        return end, None  # the year belongs to another clause
    return end, found["year"]  # the period is recorded, the span stays on the amount


CHANGE_RE = re.compile(
    r"(?i)\b(?:rose|fell|increased|decreased|climbed|dropped|jumped|grew|declined|slipped|gained|raised|lowered"
    r"|cut|up|down|rising|falling)\b[^.;]{0,30}$"
)


def _is_range(text: str, match: re.Match[str], prefix: str) -> bool:
    """Whether "X to Y" / "X and Y" is a range: "and" needs "between"; "to" must not follow a change verb."""
    joiner = text[match.end(f"{prefix}n1") : match.start(f"{prefix}n2")].strip(" $€£").lower()
    before = text[max(0, match.start() - 40) : match.start()]
    if "and" in joiner:
        return BETWEEN_RE.search(before) is not None
    if "to" in joiner:
        return BETWEEN_RE.search(before) is not None or CHANGE_RE.search(before) is None
    return True


def amount_at(text: str, match: re.Match[str]) -> tuple[Amount, int]:
    """The Amount a money match denotes (with the qualifier before it and a rate or period after it),
    and where the scan goes on: right after a "range" that turned out to be two amounts."""
    n1, s1, n2, s2, currency = _groups(match)
    prefix = "c_" if match["code"] else "w_" if match["word"] else ""
    match_end = match.end()
    if n2 and prefix != "w_" and not _is_range(text, match, prefix):
        n2, s2 = None, None
        match_end = match.end(f"{prefix}s1") if s1 else match.end(f"{prefix}n1")
    low = _number(n1, s1 or s2)
    high = _number(n2, s2 or s1) if n2 else None
    start, qualifier = _qualifier(text, match.start())
    end, per = _period(text, match_end)
    return Amount(
        value=low,
        currency=currency,
        text=text[start:end],
        span=Span(start=start, end=end, text=text[start:end]),
        low=low if high is not None else None,
        high=high,
        qualifier=qualifier,
        per=per,
    ), match_end


def find_amounts_in_text(text: str) -> list[Amount]:
    """Every amount of money written in ``text``, in text order."""
    found: list[Amount] = []
    position = 0
    while match := MONEY_RE.search(text, position):
        amount, position = amount_at(text, match)
        found.append(amount)
    return found


def find_amounts(doc: Doc) -> list[Amount]:
    """Every amount of money in a parsed article, in text order."""
    return find_amounts_in_text(doc.text)


def parse_amount(text: str) -> Amount | None:
    """The first amount written in ``text`` ("€40 billion"), or None."""
    found = find_amounts_in_text(text)
    return found[0] if found else None
