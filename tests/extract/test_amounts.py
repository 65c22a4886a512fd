"""Amounts of money: currency from symbols, codes and words; scales; ranges; qualifiers; rates and periods."""

from __future__ import annotations

import pytest

from onrecord.extract.amounts import find_amounts, find_amounts_in_text, parse_amount
from onrecord.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("€40 billion", 40e9, "EUR"),
        ("$61bn", 61e9, "USD"),
        ("1.5 million euros", 1.5e6, "EUR"),
        ("UAH 500 million", 500e6, "UAH"),
        ("£3.2m", 3.2e6, "GBP"),
        ("40 billion EUR", 40e9, "EUR"),
        ("$1,250,000", 1_250_000, "USD"),
        ("US$ 12.5 million", 12.5e6, "USD"),
        ("C$2.3 million", 2.3e6, "CAD"),
        ("500 million hryvnias", 500e6, "UAH"),
        ("3 trillion yen", 3e12, "JPY"),
        ("€50k", 50e3, "EUR"),
    ],
)
def test_value_and_currency(text: str, value: float, currency: str) -> None:
    amount = parse_amount(f"They pledged {text} to the fund.")
    assert amount is not None
    assert (amount.value, amount.currency, amount.text) == (pytest.approx(value), currency, text)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("$5-7 billion", 5e9, 7e9),
        ("$5 billion to $7 billion", 5e9, 7e9),
        ("between €2 billion and €3 billion", 2e9, 3e9),
        ("5 to 7 billion euros", 5e9, 7e9),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    amount = parse_amount(f"The package is worth {text}.")
    assert amount is not None
    assert (amount.low, amount.high, amount.value) == (
        pytest.approx(low),
        pytest.approx(high),
        pytest.approx(low),
    )


def test_a_change_is_two_amounts_not_a_range() -> None:
    found = find_amounts_in_text("The share price rose $2 to $45.")
    assert [(a.text, a.value, a.high) for a in found] == [("$2", 2.0, None), ("$45", 45.0, None)]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("at least $2 billion", "at_least"),
        ("up to €300 million", "up_to"),
        ("more than £1 billion", "more_than"),
        ("nearly $4 billion", "less_than"),
        ("about €10 million", "about"),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    amount = parse_amount(f"It will cost {text}.")
    assert amount is not None
    assert (amount.qualifier, amount.text) == (qualifier, text)


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("$300 million a year", "year"),
        ("€5 million per month", "month"),
        ("$1 billion annually", "year"),
        ("€40 billion to Ukraine over the course of 2025", "2025"),
        ("$2 billion for 2026", "2026"),
    ],
)
def test_rates_and_periods(text: str, per: str) -> None:
    amount = parse_amount(f"They committed {text}.")
    assert amount is not None and amount.per == per


def test_a_year_in_another_sentence_is_not_the_period() -> None:
    amount = parse_amount("It spent $2 billion. In 2025 it will spend more.")
    assert amount is not None and amount.per is None


@pytest.mark.parametrize("text", ["He has 5 billion reasons.", "In 2025, prices rose 3%.", "The $ sign."])
def test_no_currency_no_amount(text: str) -> None:
    assert find_amounts_in_text(text) == []


def test_find_amounts_on_a_parsed_article(extractor: Extractor) -> None:
    text = "A decision was made to commit €40 billion to Ukraine over the course of 2025."
    (amount,) = find_amounts(extractor.nlp(text))
    assert (amount.value, amount.currency, amount.per) == (40e9, "EUR", "2025")
    assert amount.span is not None and text[amount.span.start : amount.span.end] == "€40 billion"
