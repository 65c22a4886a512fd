"""Resolvers for expressions that name calendar things: dates, months, years, weekdays, holidays.

"16 October 2024" and "Oct. 3" go through dateparser (anchored at the DCT, no network); a month or
a day written without a year takes the year that puts it nearest the article date, unless the
tense of the clause says otherwise. Weekdays point back from the DCT unless the clause is future.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import dateparser

from onrecord.extract import timex_words as w
from onrecord.extract.timex_calendar import shift
from onrecord.extract.timex_rules import (
    Context,
    NoAnchor,
    Resolved,
    month_number,
    month_year,
    number_value,
    preceded_by,
    step_of,
    weekday_date,
    year_of,
)


def parse_with_dateparser(text: str, ctx: Context, *, year_given: bool) -> dt.date | None:
    """Absolute dates ("16 October 2024", "Oct. 3") through dateparser, anchored at the DCT."""
    base = ctx.dct or dt.date(2000, 1, 1)
    prefer = {"past": "past", "future": "future"}.get(ctx.tense or "", "current_period")
    settings = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": prefer,
        "REQUIRE_PARTS": ["day", "month"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "DATE_ORDER": "MDY",
    }
    if not year_given and ctx.dct is None:
        raise NoAnchor
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def resolve_month_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["month"].startswith("May") and not m["day"]:
        return None
    text = m["date"][m.start("month") - m.start("date") if m.start("month") < m.start("day") else 0 :]
    text = re.sub(r"(?i)^the\s+|(?<=\d)(?:st|nd|rd|th)\b|\bof\b", "", text)
    day = parse_with_dateparser(text, ctx, year_given=bool(m["year"]))
    if day and not m["year"] and (day.month, day.day) != (2, 29):
        day = day.replace(year=month_year(day.month, ctx, day.day))
        step = step_of(m.groupdict().get("rel"))  # "last Oct. 23": the one before the DCT
        if step < 0 and day >= ctx.anchor or step > 0 and day <= ctx.anchor:
            day = day.replace(year=day.year + step)
    return Resolved(value=day.isoformat()) if day else None


def resolve_numeric_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    try:
        day = dt.date(year_of(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Resolved(value=day.isoformat())


def resolve_month_only(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["month"].lower() not in ("may", "june", "july") and re.fullmatch(r"[A-Z][a-z]{2,3}", m["month"]):
        return None  # "Jan", "Dec" without a period or a day are more often names
    return resolve_month(m, ctx)


def resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = month_number(m["month"])
    if m["year"]:
        return Resolved(value=f"{year_of(m['year'])}-{month:02d}")
    if m["yrrel"]:
        return Resolved(value=f"{ctx.anchor.year + step_of(m['yrrel'])}-{month:02d}")
    step = step_of(m["rel"])
    if (
        m["month"] == "May"
        and not m["rel"]
        and not preceded_by(m, "in|since|until|till|by|from|through|of|during|early|late|mid")
    ):
        return None
    dct = ctx.anchor
    if step < 0:
        year = dct.year if month < dct.month else dct.year - 1
    elif step > 0:
        year = dct.year if month > dct.month else dct.year + 1
    elif m["rel"]:
        year = dct.year  # "this September"
    else:
        year = month_year(month, ctx)
        if ctx.tense == "past" and (year, month) > (dct.year, dct.month):
            year -= 1  # "in December", said in the past tense in October: last December
    return Resolved(value=f"{year}-{month:02d}")


def resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    return Resolved(value=str(year_of(m["year"])))


def resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["decade"].lower()
    if word in w.DECADE_WORDS:
        return Resolved(value=f"19{w.DECADE_WORDS[word]}")
    digits = word.lstrip("'").rstrip("s")
    if len(digits) == 2:
        return Resolved(value=str(year_of(digits))[:3])
    return Resolved(value=digits[:3])


def resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    if m["rel"]:
        year = shift(ctx.anchor, "century", step_of(m["rel"])).year
        return Resolved(value=f"{year // 100:02d}")
    number = w.ORDINALS.get(m["ord"].lower()) or int(re.sub(r"\D", "", m["ord"]) or 0)
    return Resolved(value=f"{number - 1:02d}") if number else None


def resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = w.WEEKDAYS[m["weekday"].lower().rstrip(".")]
    rel = (m["rel"] or "").lower()
    step = {"last": -1, "this past": -1, "past": -1, "next": 1}.get(rel, 0)
    if rel in ("coming", "this coming") or (rel == "next" and weekday > ctx.anchor.isoweekday()):
        step = 0  # "this coming Sunday", and "next Friday" said on a Monday: the nearest one ahead
        ctx = Context(dct=ctx.dct, tense="future", quarterly=ctx.quarterly)
    day = weekday_date(weekday, ctx, step)
    if m["pod"]:
        return Resolved(value=f"{day.isoformat()}T{w.PARTS_OF_DAY[m['pod'].lower()]}", type="TIME")
    return Resolved(value=day.isoformat())


DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word = m["word"].lower()
    day = ctx.anchor + dt.timedelta(days=DEICTIC_DAYS[word])
    named = m["pod"] or m["pre"]  # "yesterday afternoon", "mid-afternoon yesterday"
    pod = named.lower() if named else ("night" if word == "tonight" else None)
    if pod:
        return Resolved(value=f"{day.isoformat()}T{w.PARTS_OF_DAY[pod]}", type="TIME")
    return Resolved(value=day.isoformat())


def resolve_part_of_day(m: re.Match[str], ctx: Context) -> Resolved | None:
    days = -1 if (m.groupdict().get("rel") or "").lower() == "last" else 0  # "mid-afternoon": the DCT
    day = ctx.anchor + dt.timedelta(days=days)
    return Resolved(value=f"{day.isoformat()}T{w.PARTS_OF_DAY[m['pod'].lower()]}", type="TIME")


def clock_value(text: str) -> str | None:
    word = text.lower().replace(" ", "")
    if word in ("noon", "midday"):
        return "12:00"
    if word == "midnight":
        return "24:00"
    found = re.match(r"(\d{1,2})(?::(\d\d))?(a|p)?", word)
    if not found:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    if found[3] == "p" and hour < 12:
        hour += 12
    if found[3] == "a" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour <= 24 and minute < 60 else None


def spelled_year(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000, "two thousand and one" -> 2001."""
    words = text.lower().replace("-", " ").replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = number_value(" ".join(words[2:])) if words[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    if words and words[0] == "nineteen":
        rest = number_value(" ".join(words[1:]))
        return 1900 + int(rest) if rest is not None and rest < 100 else None
    return None


def resolve_spelled_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = spelled_year(m["spelled"])
    return Resolved(value=str(year)) if year else None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-based; -1 = last) ``weekday`` (1 = Monday) of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4),
    "labor day": lambda y: nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 1, -1),
    "election day": lambda y: nth_weekday(y, 11, 1, 1) + dt.timedelta(days=1),  # US: Tuesday after 1st Monday
}


def resolve_holiday(m: re.Match[str], ctx: Context) -> Resolved | None:
    name = " ".join(m["holiday"].lower().split()).removesuffix(" day")
    key = next((k for k in HOLIDAYS if k.removesuffix(" day") == name), None)
    if key is None:
        return None
    if m["year"]:
        return Resolved(value=HOLIDAYS[key](int(m["year"])).isoformat())
    probe = HOLIDAYS[key](ctx.anchor.year)
    step = step_of(m["rel"])
    year = month_year(probe.month, ctx, probe.day) if not step else None
    if step < 0:
        year = ctx.anchor.year - (0 if probe < ctx.anchor else 1)
    elif step > 0:
        year = ctx.anchor.year + (0 if probe > ctx.anchor else 1)
    return Resolved(value=HOLIDAYS[key](year or ctx.anchor.year).isoformat())
