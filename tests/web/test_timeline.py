"""The timeline chart's geometry: bins that fit the date range, every statement counted once."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.store import DayCount
from onrecord.web.timeline import HEIGHT, MAX_STEP, WIDTH, timeline


def days(*pairs: tuple[str, int]) -> list[DayCount]:
    return [DayCount(day=dt.date.fromisoformat(day), statements=n) for day, n in pairs]


def test_nothing_dated_draws_nothing() -> None:
    assert timeline([]) is None


@pytest.mark.parametrize(
    ("found", "unit", "bins", "first", "last"),
    [
        (days(("2024-10-16", 3)), "day", 1, "2024-10-16", "2024-10-16"),
        (days(("2024-10-01", 1), ("2024-10-20", 2)), "day", 20, "2024-10-01", "2024-10-20"),
        (days(("2024-01-31", 1), ("2024-10-02", 4)), "month", 10, "2024-01", "2024-10"),
        (days(("2020-01-15", 1), ("2023-12-02", 1)), "month", 48, "2020-01", "2023-12"),
        (days(("2019-12-31", 1), ("2023-12-02", 1)), "year", 5, "2019", "2023"),
        (days(("2010-05-01", 2), ("2024-01-01", 1)), "year", 15, "2010", "2024"),
    ],
)
def test_bins_fit_the_range(found: list[DayCount], unit: str, bins: int, first: str, last: str) -> None:
    chart = timeline(found)

    assert chart is not None
    assert chart.unit == unit
    assert len(chart.bars) == bins
    assert (chart.bars[0].label, chart.bars[-1].label) == (first, last)
    assert sum(bar.count for bar in chart.bars) == sum(day.statements for day in found)


def test_bars_are_scaled_to_the_fullest_bin_and_stay_inside_the_chart() -> None:
    chart = timeline(days(("2024-01-05", 2), ("2024-01-20", 1), ("2024-03-01", 4)))

    assert chart is not None
    heights = {bar.label: bar.height for bar in chart.bars}
    assert heights["2024-03-01"] == chart.baseline
    assert heights["2024-01-05"] == pytest.approx(chart.baseline / 2)
    assert all(bar.x >= 0 and bar.x + bar.width <= WIDTH for bar in chart.bars)
    assert all(bar.y + bar.height == pytest.approx(chart.baseline) for bar in chart.bars)
    assert chart.baseline < HEIGHT and chart.most == 4


def test_month_bins_link_whole_months() -> None:
    chart = timeline(days(("2024-01-31", 1), ("2024-03-02", 1), ("2024-12-01", 1)))

    assert chart is not None
    february = chart.bars[1]
    assert (february.since, february.until, february.count) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29), 0)
    assert chart.bars[-1].until == dt.date(2024, 12, 31)


def test_a_few_bins_stay_narrow_bars_in_the_middle() -> None:
    chart = timeline(days(("2024-10-16", 9)))

    assert chart is not None
    [bar] = chart.bars
    assert bar.width <= MAX_STEP
    assert bar.x + bar.width / 2 == pytest.approx(WIDTH / 2)
