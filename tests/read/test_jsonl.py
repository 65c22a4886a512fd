"""JSON lines and JSON articles: fields, sources, line numbers and one Failure per bad line."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from onrecord.model import Article, Failure


def write_lines(path, *lines: str) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_fields_and_sources(tmp_path, read_all):
    path = tmp_path / "feed.jsonl"
    full = {
        "id": "x-1",
        "title": "T",
        "date": "2024-10-16",
        "outlet": "O",
        "url": "https://o.example/1",
        "text": "A.",
    }
    write_lines(path, json.dumps(full), "", json.dumps({"text": "B.", "date": "2024-10-17T08:00:00Z"}))
    first, second = read_all(path)
    assert (first.source, first.title, first.date, first.outlet, first.url, first.text) == (
        "x-1",
        "T",
        dt.date(2024, 10, 16),
        "O",
        "https://o.example/1",
        "A.",
    )
    assert (second.source, second.title, second.date, second.url) == (
        f"{path}:3",
        None,
        dt.date(2024, 10, 17),
        None,
    )


def test_numeric_id_and_text_normalisation(tmp_path, read_one):
    path = tmp_path / "feed.jsonl"
    write_lines(path, json.dumps({"id": 7, "text": "\ufeffOne\r\nTwo\rThree\x00."}))
    article = read_one(path)
    assert (article.source, article.text) == ("7", "One\nTwo\nThree\ufffd.")


def test_malformed_line_is_named_and_the_rest_is_read(tmp_path, read_all):
    path = tmp_path / "feed.jsonl"
    write_lines(
        path,
        '{"text": "first"}',
        '{"text": "second"}',
        '{"text": "third" "date": "2024-01-01"}',
        '{"text": "x"}',
    )
    items = read_all(path)
    assert [type(item).__name__ for item in items] == ["Article", "Article", "Failure", "Article"]
    assert items[2].message == (
        f"line 3 of {path}: not JSON (Expecting ',' delimiter at column 18); fix the line or remove it"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"title": "no text"}', 'no "text" field'),
        ('{"text": 12}', '"text" is a JSON number, not a string'),
        ('{"text": "  "}', '"text" is empty'),
        ('["a", "list"]', "a JSON array, not an object"),
        ('"just a string"', "a JSON string, not an object"),
        ('{"text": "ok", "date": "16/10/2024"}', "\"date\" '16/10/2024' is not a calendar date"),
        ('{"text": "ok", "date": "2024-02-30"}', "\"date\" '2024-02-30' is not a calendar date"),
        ('{"text": "ok", "title": ["x"]}', '"title" is a JSON array, not a string'),
        ('{"text": "ok", "id": {"a": 1}}', '"id" is a JSON object'),
        ('{"text": "ok", "id": 1.5}', '"id" is a JSON number that is not whole (1.5)'),
        (
            '{"text": "a broken emoji \\ud83d here"}',
            '"text" holds half of a surrogate pair (\\ud83d) at character 15',
        ),
        (
            '{"text": "ok", "title": "x\\udca0"}',
            '"title" holds half of a surrogate pair (\\udca0) at character 1',
        ),
        ('{"text": "ok", "id": "\\udfff"}', '"id" holds half of a surrogate pair'),
    ],
)
def test_bad_records_fail_with_their_line(tmp_path, read_all, line, problem):
    path = tmp_path / "feed.jsonl"
    write_lines(path, '{"text": "good"}', line)
    good, failure = read_all(path)
    assert isinstance(good, Article)
    assert isinstance(failure, Failure)
    assert (failure.source, failure.line) == (str(path), 2)
    assert failure.problem.startswith(problem)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "x", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deep to read"),
        ('{"text": "x", "id": ' + "9" * 5000 + "}", "a JSON number too long to read (Exceeds the limit"),
    ],
)
def test_json_python_cannot_read_fails_alone(tmp_path, read_all, line, problem):
    jsonl = tmp_path / "feed.jsonl"
    write_lines(jsonl, line, '{"text": "next"}')
    failure, article = read_all(jsonl)
    assert (failure.line, article.text) == (1, "next")
    assert failure.problem.startswith(problem)
    document = tmp_path / "one.json"
    document.write_text(line)
    (failure,) = read_all(document)
    assert failure.source == str(document) and failure.problem.startswith(problem)


def test_a_surrogate_pair_written_as_escapes_is_one_character(tmp_path, read_one):
    path = tmp_path / "feed.jsonl"
    write_lines(path, '{"text": "Smile \\ud83d\\ude00 please"}')
    assert read_one(path).text == "Smile \U0001f600 please"


def test_a_line_that_is_not_utf8_fails_alone(tmp_path, read_all):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "one"}\n{"text": "caf\xe9"}\n{"text": "three"}\n')
    one, failure, three = read_all(path)
    assert (one.text, three.text) == ("one", "three")
    assert failure.line == 2
    assert failure.problem == "not UTF-8 text (byte 0xE9 at byte offset 29 cannot be decoded)"
    assert "iconv" in failure.fix


def test_giant_line_is_read(tmp_path, read_one):
    path = tmp_path / "feed.jsonl"
    text = "word " * 190_000  # 950,000 characters on one line, under the 1,000,000 an article may have
    write_lines(path, json.dumps({"text": text}))
    assert read_one(path).text == text


def test_a_record_longer_than_an_article_may_be_fails_alone(tmp_path, read_all):
    path = tmp_path / "feed.jsonl"
    write_lines(path, json.dumps({"text": "word " * 210_000}), json.dumps({"text": "A short article."}))
    failure, article = read_all(path)
    assert isinstance(failure, Failure) and failure.source.endswith("feed.jsonl:1")
    assert failure.problem.startswith("the text has 1,050,000 characters") and "split it" in failure.fix
    assert article.text == "A short article."


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_jsonl_fails(tmp_path, read_one, content):
    path = tmp_path / "feed.jsonl"
    path.write_text(content, encoding="utf-8")
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert failure.problem == "empty (no JSON lines)"


def test_json_single_object(tmp_path, read_one):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "Solo.", "outlet": "O"}, indent=2), encoding="utf-8")
    article = read_one(path)
    assert (article.source, article.text, article.outlet) == (str(path), "Solo.", "O")


def test_json_list_items_get_their_line(tmp_path, read_all):
    path = tmp_path / "many.json"
    path.write_text(
        '[\n  {"text": "A."},\n\n  {"id": "b", "text": "B."},\n  {"title": "no text"}\n]\n', encoding="utf-8"
    )
    first, second, failure = read_all(path)
    assert (first.source, second.source) == (f"{path}:2", "b")
    assert (failure.line, failure.problem) == (5, 'no "text" field')


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        ('[\n {"text": "A."},\n {"text": }\n]', 3, "not JSON (Expecting value at column 11)"),
        ("", None, "empty (no JSON)"),
    ],
)
def test_bad_json_document_fails(tmp_path, read_one, content, line, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert (failure.line, failure.problem) == (line, problem)
