"""Paths: folders, input order, stdin, and one clear Failure per unreadable item."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest

from onrecord.model import Article, Failure
from onrecord.read import read_paths


def sources(items) -> list[str]:
    return [item.source for item in items]


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_and_other_files(tmp_path, read_all):
    for name in [
        "b.txt",
        "a/z.txt",
        "a/b/c.htm",
        "a.txt",
        ".hidden.txt",
        ".git/x.txt",
        "notes.md",
        "a/y.TXT",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<p>Text of {name}.</p>", encoding="utf-8")
    expected = ["a/b/c.htm", "a/y.TXT", "a/z.txt", "a.txt", "b.txt"]
    assert sources(read_all(tmp_path)) == [str(tmp_path / name) for name in expected]


def test_items_keep_input_order_and_a_bad_item_does_not_stop_the_rest(tmp_path, read_all):
    (tmp_path / "good.txt").write_text("Good.", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "J1"}\nnot json\n{"text": "J2"}\n', encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    items = read_all(
        tmp_path / "empty.txt", tmp_path / "missing.txt", tmp_path / "feed.jsonl", tmp_path / "good.txt"
    )
    kinds = [(type(item).__name__, getattr(item, "text", None)) for item in items]
    assert kinds == [
        ("Failure", None),
        ("Failure", None),
        ("Article", "J1"),
        ("Failure", None),
        ("Article", "J2"),
        ("Article", "Good."),
    ]


def test_missing_path(tmp_path, read_one):
    failure = read_one(tmp_path / "nope.txt")
    assert failure.message == f"{tmp_path / 'nope.txt'}: no such file or folder; check the path"


@pytest.mark.parametrize("name", ["notes.md", "README"])
def test_unknown_extension_names_the_supported_ones(tmp_path, read_one, name):
    path = tmp_path / name
    path.write_text("Some text.", encoding="utf-8")
    failure = read_one(path)
    assert isinstance(failure, Failure)
    assert "not one onrecord reads" in failure.problem
    assert failure.fix == "name it after its format: .txt, .html, .htm, .json, .jsonl"


def test_folder_without_articles_fails(tmp_path, read_one):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    failure = read_one(tmp_path)
    assert failure.source == str(tmp_path)
    assert failure.problem.startswith("no article files in this folder")


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl"])
def test_binary_file_fails(tmp_path, read_one, suffix):
    path = tmp_path / f"blob{suffix}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    failure = read_one(path)
    assert failure.problem == "a binary file, not text (NUL byte at byte offset 8)"


def test_utf16_file_fails_with_the_iconv_fix(tmp_path, read_one):
    path = tmp_path / "wide.txt"
    path.write_text("Hello", encoding="utf-16")
    failure = read_one(path)
    assert failure.problem == "UTF-16 text, not UTF-8"
    assert failure.fix == f"re-encode it: iconv -f UTF-16 -t UTF-8 {path} > {tmp_path / 'wide.utf8.txt'}"


def test_not_utf8_text_names_line_and_byte_offset(tmp_path, read_one):
    path = tmp_path / "latin.txt"
    path.write_bytes("date 2024-01-01\nFirst line.\nThe caf\u00e9 said.\n".encode("latin-1"))
    failure = read_one(path)
    assert failure.line == 3
    assert failure.problem == "not UTF-8 text (byte 0xE9 at byte offset 35 cannot be decoded)"
    assert failure.fix.startswith("re-encode it as UTF-8, e.g. iconv -f WINDOWS-1252 -t UTF-8 ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_unreadable_file(tmp_path, read_one):
    path = tmp_path / "locked.txt"
    path.write_text("Secret.", encoding="utf-8")
    path.chmod(0)
    failure = read_one(path)
    assert failure.problem == "cannot be read (Permission denied)"


def test_read_error_becomes_a_failure(tmp_path, read_all, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Open.", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    failure, article = read_all(tmp_path)
    assert failure.message == (
        f"{locked}: cannot be read (Permission denied); "
        "give yourself read permission on it (chmod +r) or leave it out"
    )
    assert article.text == "Open."


def stdin_items(monkeypatch, data: bytes) -> list[Article | Failure]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return list(read_paths(["-"]))


@pytest.mark.parametrize(
    ("data", "texts"),
    [
        (b" date 2024-10-16 Plain text from a pipe.\n", ["Plain text from a pipe.\n"]),
        (b'{"text": "one"}\n{"text": "two"}\n', ["one", "two"]),
        (json.dumps([{"text": "a"}, {"text": "b"}], indent=1).encode(), ["a", "b"]),
        (json.dumps({"text": "solo"}, indent=2).encode(), ["solo"]),
        (
            b"<!DOCTYPE html><html><body><p>From a page.</p><script>x()</script></body></html>",
            ["From a page."],
        ),
        (b"{Breaking} not JSON at all.", ["{Breaking} not JSON at all."]),
    ],
)
def test_stdin_format_is_sniffed(monkeypatch, data, texts):
    items = stdin_items(monkeypatch, data)
    assert [item.text for item in items] == texts


@pytest.mark.parametrize(
    ("data", "results"),
    [
        # broken JSON is reported where it breaks, not read as the text of one article
        (b'{"text": "one", "date": \n"2024-10-16"', ["line 2 of <stdin>: not JSON (Expecting"]),
        (b'[{"text": "one"},\n{"text": "two"', ["line 2 of <stdin>: not JSON (Expecting"]),
        (
            b'{"text": "broken\n{"text": "two"}\n',
            ["line 1 of <stdin>: not JSON (Invalid control character at column", "two"],
        ),
        (b"[]", ["<stdin>: an empty JSON list (no articles)"]),
        (
            b'{"text": "deep", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            ["<stdin>: JSON nested too deep to read"],
        ),
        (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', ["<stdin>: a JSON number too long to read"]),
    ],
)
def test_stdin_json_that_does_not_parse(monkeypatch, data, results):
    items = stdin_items(monkeypatch, data)
    assert len(items) == len(results)
    for item, expected in zip(items, results, strict=True):
        assert (item.message if isinstance(item, Failure) else item.text).startswith(expected)


def test_stdin_sources_and_date(monkeypatch):
    (text,) = stdin_items(monkeypatch, b"date 2024-10-16\nBody.")
    assert (text.source, str(text.date)) == ("<stdin>", "2024-10-16")
    _, second = stdin_items(monkeypatch, b'{"text": "one"}\n{"text": "two"}\n')
    assert second.source == "<stdin>:2"


def test_stdin_not_utf8(monkeypatch):
    (failure,) = stdin_items(monkeypatch, b"caf\xe9")
    assert failure.source == "<stdin>"
    assert failure.problem.startswith("not UTF-8 text")
    assert "iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8" in failure.fix


def test_stdin_json_lines_with_one_line_not_utf8_fail_that_line_only(monkeypatch):
    one, failure, three = stdin_items(
        monkeypatch, b'{"text": "one"}\n{"text": "caf\xe9"}\n{"text": "three"}\n'
    )
    assert (one.text, three.text) == ("one", "three")
    assert (failure.line, failure.problem[:17]) == (2, "not UTF-8 text (b")


def test_stdin_html_in_its_declared_charset(monkeypatch):
    page = b'<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 owners met.</p></body></html>'
    (article,) = stdin_items(monkeypatch, page)
    assert article.text == "Caf\u00e9 owners met."


def test_empty_stdin(monkeypatch):
    (failure,) = stdin_items(monkeypatch, b" \n")
    assert (
        failure.message
        == "<stdin>: empty (nothing was piped in); pipe an article in: onrecord extract - < a.txt"
    )


def test_unreadable_subfolder_becomes_a_failure(tmp_path, read_all, monkeypatch):
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "x.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Open.", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path).name == "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    article, failure = read_all(tmp_path)
    assert article.text == "Open."
    assert failure.message == (
        f"{tmp_path / 'private'}: folder cannot be read (Permission denied); "
        "give yourself read permission on it (chmod +rx) or leave it out"
    )


def test_a_file_name_that_is_not_utf8_is_written_with_escapes(tmp_path, read_all):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as out:
        out.write(b"Mayor Ann Lee said the bridge would open.")
    (article,) = read_all(tmp_path)
    assert article.source == f"{tmp_path}/caf\\xe9.txt"
    article.source.encode("utf-8")  # printable and storable


def test_a_named_pipe_in_a_folder_fails_instead_of_waiting(tmp_path, read_all):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("Mayor Ann Lee said the bridge would open.")
    failure, article = read_all(tmp_path)
    assert failure.message.startswith(f"{tmp_path / 'pipe.txt'}: a named pipe, not a file")
    assert article.text == "Mayor Ann Lee said the bridge would open."
