"""The scan's shortcut: a rule is not run over a text that has none of its needed words.

``Rule.needs`` lists lowercase words of which every match of the rule contains one; ``timex._scan``
skips a rule when the lowercased text has none of them. These tests check that the words are
really needed (every match of every rule contains one) and that skipping changes nothing found.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from onrecord.extract import timex
from onrecord.extract.timex import REGEX_ONLY_FOLDS, find_times, lowercase_for_needs
from onrecord.extract.timex_grammar import RULES
from onrecord.pipeline import Extractor

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# At least one phrase per rule, in the spellings its pattern allows.
PHRASES = [
    "the following year", "The Previous Friday", "Tuesday, March 3, 2024", "last Oct. 23",
    "the 16th of October 2024", "16 October", "2024-10-01", "10/16/2024", "last September",
    "July 1997", "December of next year", "fiscal 2024", "the 1990s", "the '80s", "the Nineties",
    "1960's", "the 20th century", "the next Century", "next Monday", "Thurs. afternoon",
    "yesterday afternoon", "Tonight", "mid-morning", "MIDAFTERNOON", "this morning", "last night",
    "10:35 a.m. Friday", "noon", "7 PM", "last week", "this coming Spring", "the past fiscal year",
    "summer 2026", "in the winter", "two weeks ago", "a year or so earlier", "three days from now",
    "ten years back", "the past 25 years", "a minute and a half", "twenty-five more days",
    "for years", "in weeks", "day-long", "decades-long", "the third quarter",
    "the first half of 2024", "the year-ago period", "year-earlier", "weekly", "every other Tuesday",
    "each spring", "right now", "the near  future", "recently", "these days", "at present",
    "recent years", "the past few months", "the end of the year", "Beginning of the month",
    "year-end", "month's end", "this past weekend", "the weekend", "earlier in the year",
    "the full year", "the week of March 6", "that year", "nineteen ninety-six",
    "two thousand and one", "January nineteen ninety-seven", "the winter of nineteen ninety-four",
    "Christmas Eve", "New Year's Day", "Valentine's Day", "last Thanksgiving", "Labor Day 2024",
    "Election Day",
]  # fmt: skip


def _texts() -> list[str]:
    """The phrases as written, in capitals and with line breaks for spaces, and the sample articles."""
    phrases = [*PHRASES, *(p.upper() for p in PHRASES), *(p.replace(" ", "\n  ") for p in PHRASES)]
    return phrases + [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]


def test_needed_words_are_lowercase() -> None:
    for rule in RULES:
        assert all(word == word.lower() and word for word in rule.needs), rule.name


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_every_match_of_a_rule_contains_one_of_its_needed_words(rule) -> None:  # type: ignore[no-untyped-def]
    matches = [m.group() for text in _texts() for m in rule.pattern.finditer(text)]
    assert matches, f"no phrase here exercises {rule.name}"
    if rule.needs:
        missing = [m for m in matches if not any(word in lowercase_for_needs(m) for word in rule.needs)]
        assert missing == []


def test_the_regex_only_folds_are_the_characters_lower_does_not_turn_into_their_letter() -> None:
    letter = re.compile(r"(?i)[a-z]")
    taken_for_letters = [chr(cp) for cp in range(0x80, sys.maxunicode + 1) if letter.match(chr(cp))]
    lower_misses = {char for char in taken_for_letters if not re.fullmatch("[a-z]", char.lower())}
    assert lower_misses == {chr(code) for code in REGEX_ONLY_FOLDS}
    for char in taken_for_letters:
        assert re.fullmatch("(?i)" + lowercase_for_needs(char), char)


def test_lowercase_for_needs_finds_words_written_with_regex_only_folds() -> None:
    assert "this" in lowercase_for_needs("THİS")
    assert "week" in lowercase_for_needs("WEE\u212a")  # the Kelvin sign
    assert "season" in lowercase_for_needs("ſeaſon")


def test_skipping_rules_changes_nothing_found(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [extractor.nlp(text) for text in _texts()]
    dct = dt.date(2024, 10, 16)
    with_needs = [find_times(doc, dct) for doc in docs]
    monkeypatch.setattr(timex, "RULES", tuple(dataclasses.replace(rule, needs=()) for rule in RULES))
    assert [find_times(doc, dct) for doc in docs] == with_needs
