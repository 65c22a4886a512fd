"""Time expressions: each form normalized against an explicit article date (DCT)."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.extract.timex import find_times, normalize
from onrecord.extract.timex_calendar import value_range
from onrecord.pipeline import Extractor

DCT = dt.date(2024, 10, 16)  # a Wednesday, ISO week 42
D = dt.date


@pytest.mark.parametrize(
    ("text", "tense", "value", "kind"),
    [
        # absolute
        ("16 October 2024", None, "2024-10-16", "DATE"),
        ("October 16, 2024", None, "2024-10-16", "DATE"),
        ("Oct. 3", None, "2024-10-03", "DATE"),
        ("Jan. 3", "future", "2025-01-03", "DATE"),
        ("last Oct. 23", None, "2023-10-23", "DATE"),
        ("next Oct. 10", None, "2025-10-10", "DATE"),
        ("Dec. 20", None, "2024-12-20", "DATE"),
        ("2025", None, "2025", "DATE"),
        ("July 1997", None, "1997-07", "DATE"),
        ("2024-10-01", None, "2024-10-01", "DATE"),
        ("the 1990s", None, "199", "DATE"),
        ("the 20th century", None, "19", "DATE"),
        ("nineteen ninety-six", None, "1996", "DATE"),
        ("January nineteen ninety-seven", None, "1997-01", "DATE"),
        ("the winter of nineteen ninety-four", None, "1994-WI", "DATE"),
        ("Christmas", "future", "2024-12-25", "DATE"),
        # relative to the DCT
        ("two weeks ago", None, "2024-W40", "DATE"),
        ("three days ago", None, "2024-10-13", "DATE"),
        ("six months ago", None, "2024-04", "DATE"),
        ("last week", None, "2024-W41", "DATE"),
        ("this week", None, "2024-W42", "DATE"),
        ("next week", None, "2024-W43", "DATE"),
        ("yesterday", None, "2024-10-15", "DATE"),
        ("today", None, "2024-10-16", "DATE"),
        ("tomorrow", None, "2024-10-17", "DATE"),
        ("last month", None, "2024-09", "DATE"),
        ("next month", None, "2024-11", "DATE"),
        ("this year", None, "2024", "DATE"),
        ("last year", None, "2023", "DATE"),
        ("earlier this year", None, "2024", "DATE"),
        ("the year", None, "2024", "DATE"),
        ("the full year", None, "2024", "DATE"),
        ("the following year", None, "2025", "DATE"),  # no date mentioned before it: from the DCT
        ("last summer", None, "2024-SU", "DATE"),
        ("the weekend", "past", "2024-W41-WE", "DATE"),
        # weekdays: the nearest one back, ahead when the clause is in the future tense
        ("Monday", "past", "2024-10-14", "DATE"),
        ("Monday", "future", "2024-10-21", "DATE"),
        ("Wednesday", "past", "2024-10-16", "DATE"),
        ("last Friday", None, "2024-10-11", "DATE"),
        ("Friday night", "past", "2024-10-11TNI", "TIME"),
        ("this morning", None, "2024-10-16TMO", "TIME"),
        ("mid-afternoon yesterday", None, "2024-10-15TAF", "TIME"),
        ("mid afternoon", None, "2024-10-16TAF", "TIME"),
        ("10:35 a.m.", None, "2024-10-16T10:35", "TIME"),
        ("5 p.m. Monday", "past", "2024-10-14T17:00", "TIME"),
        # months without a year: the most recent one unless the tense says future
        ("in July", "past", "2024-07", "DATE"),
        ("in July", None, "2024-07", "DATE"),
        ("in July", "future", "2025-07", "DATE"),
        ("in December", "past", "2023-12", "DATE"),
        ("June last year", None, "2023-06", "DATE"),
        # periods and quarters
        ("over the course of 2025", None, "2025", "DATE"),
        ("the third quarter", None, "2024-Q3", "DATE"),
        ("the fourth quarter of 2023", None, "2023-Q4", "DATE"),
        ("the first half of 2025", None, "2025-H1", "DATE"),
        ("third-quarter", None, "2024-Q3", "DATE"),
        # durations
        ("two weeks", None, "P2W", "DURATION"),
        ("three years", None, "P3Y", "DURATION"),
        ("the past two months", None, "P2M", "DURATION"),
        ("16-hour", None, "PT16H", "DURATION"),
        ("2 1/2 years", None, "P2Y6M", "DURATION"),
        ("several months", None, "PXM", "DURATION"),
        ("two decades", None, "P20Y", "DURATION"),
        ("a hundred years", None, "P100Y", "DURATION"),
        ("a minute and a half", None, "PT1M30S", "DURATION"),
        ("two days and a half", None, "P2DT12H", "DURATION"),
        ("day-long", None, "P1D", "DURATION"),
        ("decades-long", None, "PXY", "DURATION"),
        # sets
        ("daily", None, "P1D", "SET"),
        ("every Thursday", None, "XXXX-WXX-4", "SET"),
        # vague
        ("now", None, "PRESENT_REF", "DATE"),
        ("currently", None, "PRESENT_REF", "DATE"),
        ("recently", None, "PAST_REF", "DATE"),
        ("the future", None, "FUTURE_REF", "DATE"),
        ("the past", None, "PAST_REF", "DATE"),
    ],
)
def test_normalize_each_form(text: str, tense: str | None, value: str, kind: str) -> None:
    found = normalize(text, DCT, tense=tense)
    assert found is not None
    assert (found.value, found.type) == (value, kind)


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("two weeks ago", D(2024, 9, 30), D(2024, 10, 6), "week"),
        ("over the course of 2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("in July", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("16 October 2024", D(2024, 10, 16), D(2024, 10, 16), "day"),
        ("the third quarter", D(2024, 7, 1), D(2024, 9, 30), "quarter"),
        ("recently", None, DCT, "vague"),
        ("the future", DCT, None, "vague"),
        ("two weeks", None, None, "week"),
    ],
)
def test_normalize_gives_inclusive_dates(
    text: str, start: dt.date | None, end: dt.date | None, granularity: str
) -> None:
    found = normalize(text, DCT)
    assert found is not None
    assert (found.start, found.end, found.granularity) == (start, end, granularity)


@pytest.mark.parametrize(
    ("text", "mod"),
    [
        ("early September", "START"),
        ("late 1990", "END"),
        ("mid-November", "MID"),
        ("about two years", "APPROX"),
        ("earlier in the year", "START"),
        ("year's end", "END"),
    ],
)
def test_modifiers_set_the_timeml_mod(text: str, mod: str) -> None:
    found = normalize(text, DCT)
    assert found is not None and found.mod == mod


@pytest.mark.parametrize("text", ["may", "the march", "a quarter of the shares", "Jan", "hello"])
def test_words_that_are_not_times(text: str) -> None:
    assert normalize(text, DCT) is None


def test_relative_expression_without_a_date_has_no_value() -> None:
    assert normalize("two weeks ago", None) is None
    absolute = normalize("16 October 2024", None)
    assert absolute is not None and absolute.value == "2024-10-16"


@pytest.mark.parametrize(
    ("value", "start", "end", "granularity"),
    [
        ("2024-W40", D(2024, 9, 30), D(2024, 10, 6), "week"),
        ("2024-W41-WE", D(2024, 10, 12), D(2024, 10, 13), "week"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2024-WI", D(2024, 12, 1), D(2025, 2, 28), "season"),
        ("2024-H2", D(2024, 7, 1), D(2024, 12, 31), "half"),
        ("199", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("XXXX-WXX-4", None, None, "vague"),
    ],
)
def test_value_range(value: str, start: dt.date | None, end: dt.date | None, granularity: str) -> None:
    assert value_range(value, DCT) == (start, end, granularity)


@pytest.fixture(scope="module")
def times(extractor: Extractor):  # type: ignore[no-untyped-def]
    def run(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str | None, str]]:
        return [(t.text, t.value, t.type) for t in find_times(extractor.nlp(text), dct)]

    return run


def test_find_times_in_an_article_sentence(times) -> None:  # type: ignore[no-untyped-def]
    text = "Rutte recalled that he visited Kyiv two weeks ago and also spoke with Zelenskyy last week."
    assert times(text) == [("two weeks ago", "2024-W40", "DATE"), ("last week", "2024-W41", "DATE")]


def test_find_times_spans_point_into_the_text(extractor: Extractor) -> None:
    text = "On 16 October 2024, President Zelenskyy presented the plan in the Verkhovna Rada."
    found = find_times(extractor.nlp(text), DCT)
    assert [(t.span.start, t.span.end, t.span.text) for t in found if t.span] == [(3, 18, "16 October 2024")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministers met on Monday.", [("Monday", "2024-10-14", "DATE")]),
        ("The ministers will meet on Monday.", [("Monday", "2024-10-21", "DATE")]),
        ("The summit was held in Washington in July.", [("July", "2024-07", "DATE")]),
        ("The summit will be held in July.", [("July", "2025-07", "DATE")]),
        ("It committed €40 billion over the course of 2025.", [("2025", "2025", "DATE")]),
        ("Talks lasted three days and the deal runs for five years.",
         [("three days", "P3D", "DURATION"), ("five years", "P5Y", "DURATION")]),
        ("A bridge to membership in the future.", [("the future", "FUTURE_REF", "DATE")]),
        ("He arrived about two hours later.", [("about two hours", "PT2H", "DURATION")]),
        ("Mr. Smith, 52 years old, was named chairman.", []),
        ("He may march to the square.", []),
        ("For the year ended March 31, sales rose.",
         [("the year", "P1Y", "DURATION"), ("March 31", "2024-03-31", "DATE")]),
        ("Sales for the full year were flat.", [("the full year", "2024", "DATE")]),
        ("Sales fell from the year before.", []),
        ("Systems failed in the year 2000.", [("the year 2000", "2000", "DATE")]),
        ("Leaders discussed a summit set for April.", [("April", "2025-04", "DATE")]),
        ("Trading is to resume in Paris on Tuesday.", [("Tuesday", "2024-10-22", "DATE")]),
        ("The offer had been scheduled to expire Friday.", [("Friday", "2024-10-11", "DATE")]),
        ("Officials said the boy could leave as early as Tuesday.", [("Tuesday", "2024-10-22", "DATE")]),
        ("The father would be traveling to Washington Thursday.", [("Thursday", "2024-10-17", "DATE")]),
        ("They gave the company until mid-November to reply.", [("mid-November", "2024-11", "DATE")]),
        ("Imports reached $37 million in 1988, a small share of the total that year.",
         [("1988", "1988", "DATE"), ("that year", "1988", "DATE")]),
        ("He fled in June 1998 and returned later that year.",
         [("June 1998", "1998-06", "DATE"), ("later that year", "1998", "DATE")]),
        ("Exports grew in 1996 and fell in 1998; that year, and in 2001, imports rose.",
         [("1996", "1996", "DATE"), ("1998", "1998", "DATE"), ("that year", "1998", "DATE"),
          ("2001", "2001", "DATE")]),
        ("The plant runs 24 hours a day and costs $200 a year.", [("24 hours", "PT24H", "DURATION")]),
        ("The case may be heard the week of March 6.", [("the week of March 6", "2025-W10", "DATE")]),
        ("He was promoted on May 22, 1995, and the following year he moved to Budapest.",
         [("May 22, 1995", "1995-05-22", "DATE"), ("the following year", "1996", "DATE")]),
        ("In March it got an offer. The following month, it put itself up for sale.",
         [("March", "2024-03", "DATE"), ("The following month", "2024-04", "DATE")]),
        ("Police have been searching for him since the March 3 shooting.", [("March 3", "2024-03-03", "DATE")]),
        ("The deal should close by year-end.", [("year-end", "2024", "DATE")]),
        ("The index has fallen 3% since year-end.", [("year-end", "2023", "DATE")]),
        ("The year-end bonus was cut.", []),
        ("The blast occurred at 10:35 a.m. (0735 GMT) Friday.",
         [("10:35 a.m.", "2024-10-11T10:35", "TIME"), ("Friday", "2024-10-11", "DATE")]),
        ("Shares closed down on Friday, 4% below the previous Friday.",
         [("Friday", "2024-10-11", "DATE"), ("the previous Friday", "2024-10-04", "DATE")]),
        ("The board created the office, effective Feb. 1.", [("Feb. 1", "2025-02-01", "DATE")]),
    ],
)  # fmt: skip
def test_find_times_on_short_sentences(times, text: str, expected: list[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert times(text) == expected


def test_sentence_about_quarters_reads_a_year_ago_as_the_year_ago_quarter(times) -> None:  # type: ignore[no-untyped-def]
    text = "Third-quarter profit rose to $5 million from $3 million a year ago."
    assert times(text, dt.date(1989, 10, 26)) == [
        ("Third-quarter", "1989-Q3", "DATE"),
        ("a year ago", "1988-Q3", "DATE"),
    ]


@pytest.mark.parametrize(
    ("dct", "text", "unresolved"),
    [
        (dt.date(1, 1, 1), "Marsh said on Tuesday, two years ago, that the vote was yesterday.", "Tuesday"),
        (
            dt.date(9999, 12, 31),
            "Marsh said tomorrow, next month and next year it would be fine.",
            "tomorrow",
        ),
        (
            dt.date(2024, 5, 1),
            "Marsh said the deal lasts until 31 December 9999 and ends the day after.",
            None,
        ),
    ],
)
def test_dates_where_the_calendar_ends_stay_unresolved(extract, times, dct, text, unresolved) -> None:
    # Python's dates run from year 1 to 9999: counting past either end leaves that expression without a
    # value instead of failing the article
    assert extract(text, date=dct).statements
    found = {expression: value for expression, value, _ in times(text, dct)}
    if unresolved is not None:
        assert found[unresolved] is None
