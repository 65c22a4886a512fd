"""The vocabulary of English time expressions: names, numbers and units, and regex pieces built from them.

Everything here is a constant. The rules in ``timex_rules`` combine these pieces into patterns.
"""

from __future__ import annotations

from collections.abc import Iterable

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "last": 4, "final": 4,
}  # fmt: skip
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
    "a dozen": 12, "couple": 2, "a couple": 2, "couple of": 2, "a couple of": 2, "half a": 0.5,
    "a half": 0.5, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "some", "many", "a number of", "numerous")
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}  # fmt: skip

# unit -> (calendar unit used for shifting, TimeML duration letter, whether it is a clock unit, multiplier)
UNITS = {
    "second": ("second", "S", True, 1), "minute": ("minute", "M", True, 1), "hour": ("hour", "H", True, 1),
    "day": ("day", "D", False, 1), "night": ("day", "D", False, 1), "week": ("week", "W", False, 1),
    "weekend": ("week", "WE", False, 1), "fortnight": ("week", "W", False, 2),
    "month": ("month", "M", False, 1), "quarter": ("quarter", "Q", False, 1), "year": ("year", "Y", False, 1),
    "decade": ("decade", "Y", False, 10), "century": ("century", "Y", False, 100),
}  # fmt: skip
UNIT_GRANULARITY = {"day": "day", "night": "day", "week": "week", "weekend": "week", "fortnight": "week",
                    "month": "month", "quarter": "quarter", "year": "year", "decade": "decade",
                    "century": "century"}  # fmt: skip
SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W"}  # fmt: skip


def alternation(words: Iterable[object]) -> str:
    """A regex alternation of ``words``, longest first so that "sept" wins over "sep"."""
    items = sorted((str(w) for w in words), key=len, reverse=True)
    return "|".join(item.replace(".", r"\.").replace(" ", r"\s+") for item in items)


_MONTH_FULL = alternation(k for k in MONTHS if len(k) > 4 and k != "march") + "|March|June|July"
_MONTH_ABBR = alternation(k for k in MONTHS if len(k) <= 4 and k not in ("may", "june", "july"))
# Month names are matched case-sensitively with a capital (so "may" and "march" stay verbs);
# abbreviations need their period or a following day number (checked by the patterns using them).
MONTH = rf"(?:(?:{_MONTH_FULL.title()})|(?:{_MONTH_ABBR.title()})\.?)"
MONTH_NO_MAY = MONTH
MONTH_ANY = rf"(?:{MONTH}|May)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
WEEKDAY_ANY = rf"(?:{WEEKDAY}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.)"
DAY_NUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[6-9]\d\d|20\d\d)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"

# Lowercase stems of which every name or abbreviation matched by MONTH_ANY, WEEKDAY_ANY, SEASON or
# UNIT contains one: the rules that need such a name list them as ``Rule.needs``, so that a text
# without any is not scanned for them.
MONTH_STEMS = tuple(sorted({name[:3] for name in MONTHS}))  # "jan" ... "dec", "may" included
WEEKDAY_STEMS = tuple(sorted({name[:3] for name in WEEKDAYS}))  # "mon" ... "sun"
SEASON_WORDS = tuple(SEASONS)
UNIT_STEMS = ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "quarter", "year",
              "decade", "centur")  # fmt: skip

_UNIT_WORDS = "seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|century|centuries"
UNIT = rf"(?i:{_UNIT_WORDS})"
_NUMBER_WORDS = alternation([*SMALL_NUMBERS, *VAGUE_NUMBERS])
_TENS_WORDS = alternation(TENS)
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
NUMBER = rf"(?i:\d{{1,3}}(?:\.\d+|\s+1/2|½)?|(?:{_TENS_WORDS})(?:[- ](?:{_UNITS_1_9}))?|hundreds\s+of|dozens\s+of|{_NUMBER_WORDS})"
