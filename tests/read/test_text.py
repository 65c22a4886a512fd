"""Plain-text articles: the date marker, title, normalisation and command-line metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from onrecord.ids import content_id
from onrecord.model import Article, Failure


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        ("date 2024-10-16\nHeadline here\n\nBody.", dt.date(2024, 10, 16), "Headline here\n\nBody."),
        (
            " date 2024-10-16 NATO chief speaks.\n\nBody.",
            dt.date(2024, 10, 16),
            "NATO chief speaks.\n\nBody.",
        ),
        ("Date: 2023-01-05\n\n\nFirst line.", dt.date(2023, 1, 5), "First line."),
        ("DATE 2023-1-5 Short.", dt.date(2023, 1, 5), "Short."),
        ("Date palms grew in 2024-like heat.\n", None, "Date palms grew in 2024-like heat.\n"),
        ("  Indented first line\nsecond  line  \n", None, "  Indented first line\nsecond  line  \n"),
        ("Mention of date 2024-10-16 later.", None, "Mention of date 2024-10-16 later."),
    ],
)
def test_date_marker_is_read_and_removed(tmp_path, read_one, content, date, text):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert (article.date, article.text) == (date, text)
    assert article.source == str(path)


def test_bom_and_crlf_are_normalised_and_nothing_else(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfdate 2024-01-02\r\nTitle\r\n\r\nBody\rend \t\r\n")
    article = read_one(path)
    assert article.date == dt.date(2024, 1, 2)
    assert article.text == "Title\n\nBody\nend \t\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("A headline\n\nThe body follows.", "A headline"),
        ("\n\n  Spaced headline  \nBody", "Spaced headline"),
        ("First sentence is short. " + "Then a very long run of words " * 10, "First sentence is short."),
        ("word " * 60, None),
    ],
)
def test_title_is_the_first_line_or_sentence_when_headline_sized(tmp_path, read_one, text, title):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    assert read_one(path).title == title


def test_id_is_a_content_hash_of_the_text(tmp_path, read_all):
    (tmp_path / "one.txt").write_text("date 2024-01-01\nSame words.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Same words.", encoding="utf-8")
    (tmp_path / "three.txt").write_text("Other words.", encoding="utf-8")
    one, three, two = read_all(tmp_path)
    assert one.id == two.id == content_id("a", "Same words.")
    assert three.id != one.id


def test_command_line_metadata_overrides_the_file(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-10-16\nText.", encoding="utf-8")
    article = read_one(path, date=dt.date(2020, 2, 2), outlet="Daily", url="https://x.example/a")
    assert (article.date, article.outlet, article.url) == (
        dt.date(2020, 2, 2),
        "Daily",
        "https://x.example/a",
    )


def test_command_line_date_fills_a_missing_date(tmp_path, read_one):
    path = tmp_path / "a.txt"
    path.write_text("No marker here.", encoding="utf-8")
    assert read_one(path, date=dt.date(2021, 3, 4)).date == dt.date(2021, 3, 4)


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ("date 2024-13-45\nText.", 1, "the first line's date '2024-13-45' is not a calendar date"),
        ("date 2024-10-16\n\n  \n", None, "only a date line, no article text"),
        ("", None, "empty (no article text)"),
        (" \n\t\n", None, "empty (no article text)"),
        ("A headline.\n\nThe text " + "!" * 1001 + " goes on.", None, "1,001 punctuation marks in a row"),
        (
            "A headline.\n\n" + "Word " * 200_000 + "end.",
            None,
            "the text has 1,000,017 characters, more than",
        ),
    ],
)
def test_bad_text_files_fail_with_a_reason(tmp_path, read_one, content, line, problem):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert (failure.source, failure.line) == (str(path), line)
    assert failure.problem.startswith(problem)
    assert failure.fix


def test_a_run_of_punctuation_fails_its_file_only_and_names_the_line(tmp_path, read_all):
    bad = tmp_path / "bad.txt"
    bad.write_text("A headline.\n\n" + "''" * 600 + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("A headline.\n\nThe text " + "!" * 1000 + " goes on.", encoding="utf-8")  # at the limit
    items = read_all(bad, good)
    assert [type(item).__name__ for item in items] == ["Failure", "Article"]
    assert "at line 3 of its text" in items[0].problem and "break it with spaces" in items[0].fix
