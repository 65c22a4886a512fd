"""The statements-per-day chart as SVG geometry, computed here and drawn by a template.

Days are grouped into bins (days, months or years, whichever keeps the chart readable) laid out on
a linear time axis, empty bins included, so gaps in what someone said show as gaps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from onrecord.store import DayCount

WIDTH = 720
HEIGHT = 160
AXIS = 22  # pixels below the bars for the date labels
MAX_DAY_BINS = 62
MAX_MONTH_BINS = 48
MAX_LABELS = 6
MAX_STEP = 48  # pixels per bin at most: a few bins stay bars, not blocks, centred in the chart


@dataclass(frozen=True, kw_only=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # "2024-10" etc.
    count: int
    since: dt.date
    until: dt.date


@dataclass(frozen=True, kw_only=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, kw_only=True)
class Timeline:
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    baseline: int
    most: int  # statements in the fullest bin
    unit: str  # "day" | "month" | "year"


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 1, month=1) if day.month == 12 else day.replace(month=day.month + 1)


def _bins(first: dt.date, last: dt.date) -> tuple[str, list[tuple[dt.date, dt.date]]]:
    """The bin unit and each bin's first and last day, covering ``first``..``last``."""
    if (last - first).days < MAX_DAY_BINS:
        count = (last - first).days + 1
        return "day", [(first + dt.timedelta(i), first + dt.timedelta(i)) for i in range(count)]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MAX_MONTH_BINS:
        bins, start = [], _month_start(first)
        for _ in range(months):
            following = _next_month(start)
            bins.append((start, following - dt.timedelta(1)))
            start = following
        return "month", bins
    years = range(first.year, last.year + 1)
    return "year", [(dt.date(year, 1, 1), dt.date(year, 12, 31)) for year in years]


def _label(unit: str, day: dt.date) -> str:
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[unit]


def timeline(days: list[DayCount]) -> Timeline | None:
    """The chart for ``days`` (oldest first), or None when there is nothing dated to draw."""
    if not days:
        return None
    unit, bins = _bins(days[0].day, days[-1].day)
    counts = [0] * len(bins)
    index = 0
    for day in days:  # both lists are in date order: one pass
        while bins[index][1] < day.day:
            index += 1
        counts[index] += day.statements
    most = max(counts)
    plot = HEIGHT - AXIS
    step = min(WIDTH / len(bins), MAX_STEP)
    left = (WIDTH - step * len(bins)) / 2
    gap = min(2.0, step * 0.2) if step < MAX_STEP else step * 0.25
    bars = []
    for position, ((since, until), count) in enumerate(zip(bins, counts, strict=True)):
        height = plot * count / most if count else 0.0
        bars.append(
            Bar(
                x=round(left + position * step + gap / 2, 2),
                y=round(plot - height, 2),
                width=round(step - gap, 2),
                height=round(height, 2),
                label=_label(unit, since),
                count=count,
                since=since,
                until=until,
            )
        )
    every = max(1, -(-len(bins) // MAX_LABELS))
    ticks = [
        Tick(x=round(bar.x + bar.width / 2, 2), label=bar.label)
        for position, bar in enumerate(bars)
        if position % every == 0
    ]
    return Timeline(
        bars=tuple(bars), ticks=tuple(ticks), width=WIDTH, height=HEIGHT, baseline=plot, most=most, unit=unit
    )
