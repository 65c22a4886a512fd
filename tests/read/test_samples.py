"""The sample articles bundled with the project all read cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from onrecord.model import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_bundled_rutte_sample(read_one):
    article = read_one(SAMPLES / "rutte-victory-plan-2024-10-16.txt")
    assert article.date == dt.date(2024, 10, 16)
    assert article.text.startswith("NATO Secretary General Mark Rutte has commented")
    assert article.title == (
        "NATO Secretary General Mark Rutte has commented on the first point of Ukraine's Victory Plan, "
        "which includes an invitation to join the Alliance."
    )


def test_every_sample_reads_without_failure_and_has_a_date(read_all):
    items = read_all(SAMPLES)
    assert all(isinstance(item, Article) for item in items), [getattr(i, "message", "") for i in items]
    assert len(items) == 8
    assert all(item.date is not None and item.title for item in items)
    assert len({item.id for item in items}) == 8


def test_html_sample_metadata_and_no_script_text(read_one):
    article = read_one(SAMPLES / "northport-library-2024-02-08.html")
    assert (article.title, article.date, article.outlet) == (
        "City library to open on Sundays from March",
        dt.date(2024, 2, 8),
        "Northport Daily",
    )
    assert "SCRIPT" not in article.text and "Advertisement" not in article.text
