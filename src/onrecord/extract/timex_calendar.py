"""Calendar arithmetic for time values: shifting dates by units, and TimeML values to date ranges.

A TimeML value names a calendar stretch at some granularity: ``2024-10-16`` (day), ``2024-W40``
(ISO week), ``2024-07`` (month), ``2024-Q3`` (quarter), ``2024-SU`` (season), ``2024-H2`` (half),
``2024`` (year), ``202`` (decade), ``20`` (century). :func:`value_range` turns one into the inclusive
first and last dates it covers, so a stored time can be compared and sorted as dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from onrecord.model import Granularity

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # WI runs into next year
DURATION_GRANULARITY: dict[str, Granularity] = {
    "D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "E": "decade", "C": "century",
}  # fmt: skip
VAGUE_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")

DAY_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(T.*)?$")
WEEK_RE = re.compile(r"^(\d{4})-W(\d\d?)(-WE)?$")
MONTH_RE = re.compile(r"^(\d{4})-(\d\d)$")
PART_RE = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
YEARISH_RE = re.compile(r"^(\d{2,4})$")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the last day of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """``day`` moved by ``amount`` units (day, week, month, quarter, year, decade, century)."""
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}.get(unit)
    if months is None:
        return day
    return add_months(day, amount * months)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def format_value(day: dt.date, granularity: str) -> str:
    """The TimeML value naming the ``granularity``-sized stretch that contains ``day``."""
    if granularity == "day":
        return day.isoformat()
    if granularity in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if granularity == "weekend" else "")
    if granularity == "month":
        return f"{day.year}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year}-Q{quarter_of(day)}"
    if granularity == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    if granularity == "decade":
        return str(day.year)[:3]
    if granularity == "century":
        return str(day.year)[:2]
    return str(day.year)


def _month_span(year: int, first_month: int, last_month: int) -> tuple[dt.date, dt.date]:
    last = add_months(dt.date(year, first_month, 1), last_month - first_month)
    return dt.date(year, first_month, 1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def _part_range(year: int, part: str) -> tuple[dt.date, dt.date, Granularity]:
    if part.startswith("Q"):
        q = int(part[1])
        return (*_month_span(year, 3 * q - 2, 3 * q), "quarter")
    if part.startswith("H"):
        h = int(part[1])
        return (*_month_span(year, 6 * h - 5, 6 * h), "half")
    first, last = SEASON_MONTHS[part]
    return (*_month_span(year, first, last), "season")


def value_range(
    value: str | None, dct: dt.date | None = None
) -> tuple[dt.date | None, dt.date | None, Granularity]:
    """Inclusive first and last dates covered by a TimeML value, and its granularity.

    Vague references resolve against ``dct``: PRESENT_REF is the DCT, PAST_REF ends at it, FUTURE_REF
    starts at it. Values with unknown parts (``XXXX-WXX``) and durations give no dates.
    """
    if (
        value and value.startswith("P") and value not in VAGUE_VALUES
    ):  # a duration: no dates, the granularity of its unit
        clock = "T" in value
        return None, None, ("time" if clock else DURATION_GRANULARITY.get(value[-1], "vague"))
    if not value or "X" in value:
        return None, None, "vague"
    if value in VAGUE_VALUES:
        start = dct if value != "PAST_REF" else None
        end = dct if value != "FUTURE_REF" else None
        return start, end, "vague"
    try:
        if m := DAY_RE.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "time" if m[4] else "day"
        if m := WEEK_RE.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
            return monday, monday + dt.timedelta(days=6), "week"
        if m := MONTH_RE.match(value):
            return (*_month_span(int(m[1]), int(m[2]), int(m[2])), "month")
        if m := PART_RE.match(value):
            return _part_range(int(m[1]), m[2])
        if m := YEARISH_RE.match(value):
            digits = m[1]
            span = 10 ** (4 - len(digits))
            first = int(digits) * span
            granularity: Granularity = {4: "year", 3: "decade", 2: "century"}[len(digits)]  # type: ignore[assignment]
            return dt.date(max(first, 1), 1, 1), dt.date(first + span - 1, 12, 31), granularity
    except ValueError:
        return None, None, "vague"
    return None, None, "vague"
