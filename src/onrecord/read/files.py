"""Paths -> articles: files by extension, folders recursively, ``-`` for stdin.

Every item yields an Article or a Failure, in input order; one bad item never stops the rest.
Folders are walked in sorted order, skipping hidden files and folders and files whose extension
onrecord does not read (a README beside the articles is not an error). A file named explicitly
with such an extension is one.
"""

from __future__ import annotations

import io
import itertools
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Literal

from onrecord.errors import InputError
from onrecord.model import Article, Failure
from onrecord.read.article import Metadata, ReadOptions, make_article
from onrecord.read.decode import SNIFF_BYTES, check_text_bytes, decode_utf8
from onrecord.read.html import decode_html, parse_html
from onrecord.read.jsonl import failure_from, read_json, read_jsonl
from onrecord.read.text import parse_text

log = logging.getLogger("onrecord")

# how broken JSON starts: '{"' or '[{' or '[]' (text may open with "{Breaking}" or "[Updated]")
JSON_START = re.compile(r'\{\s*"|\[\s*[{\]]')
Format = Literal["text", "html", "json", "jsonl"]
FORMATS: dict[str, Format] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
SUPPORTED = ", ".join(FORMATS)
STDIN = "<stdin>"
LOOKS_LIKE_HTML = re.compile(r"\A\s*<(!doctype html|html|head|body|article|p[\s>])", re.IGNORECASE)


def read_paths(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[Article | Failure]:
    """Yield an Article per readable article and a Failure per unreadable item, in input order."""
    options = options or ReadOptions()
    for given in paths:
        if given == "-":
            yield from read_stdin(options)
        else:
            yield from read_path(Path(given), options)


def read_path(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Read one file, or every article file under one folder."""
    if path.is_dir():
        yield from read_folder(path, options)
    elif not path.exists():
        yield Failure(source=source_name(path), problem="no such file or folder", fix="check the path")
    else:
        yield from read_file(path, options)


def read_folder(folder: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Read the article files under ``folder``, recursively, in sorted order."""
    files, walk_errors = article_files(folder)
    for path in files:
        yield from read_file(path, options)
    for error in walk_errors:
        yield Failure(
            source=source_name(error.filename or folder),
            problem=f"folder cannot be read ({error.strerror})",
            fix="give yourself read permission on it (chmod +rx) or leave it out",
        )
    if not files and not walk_errors:
        yield Failure(
            source=source_name(folder),
            problem=f"no article files in this folder (onrecord reads {SUPPORTED})",
            fix="point at the folder that holds the articles",
        )


def article_files(folder: Path) -> tuple[list[Path], list[OSError]]:
    """Every non-hidden file with a readable extension under ``folder``, sorted by path."""
    found: list[Path] = []
    errors: list[OSError] = []
    for root, dirs, names in os.walk(folder, onerror=errors.append):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in names:
            path = Path(root, name)
            if name.startswith("."):
                continue
            if path.suffix.lower() in FORMATS:
                found.append(path)
            else:
                log.debug("skipping %s: onrecord reads %s", path, SUPPORTED)
    return sorted(found, key=lambda path: path.relative_to(folder).parts), errors


def _special(path: Path) -> str | None:
    """What a named pipe, socket or device is (reading one can wait for ever), else None; a file that
    cannot be looked at is not special here, so that reading it says why."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    return "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"


def read_file(path: Path, options: ReadOptions) -> Iterator[Article | Failure]:
    """Read one file by its extension."""
    source = source_name(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        kind = f"extension {path.suffix!r}" if path.suffix else "no extension"
        yield Failure(
            source=source,
            problem=f"{kind}, not one onrecord reads",
            fix=f"name it after its format: {SUPPORTED}",
        )
        return
    special = _special(path)
    if special is not None:
        yield Failure(
            source=source,
            problem=f"{special}, not a file (reading it could wait for ever)",
            fix="save the article to a file, or pipe it in: onrecord extract - < …",
        )
        return
    try:
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, source, options)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _unreadable(source, exc)
        return
    yield from read_bytes(data, source, fmt, options)


def read_stdin(options: ReadOptions) -> Iterator[Article | Failure]:
    """Read stdin: JSON or JSON lines when it parses as such, HTML when it starts like a page, else text."""
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield Failure(
            source=STDIN,
            problem="empty (nothing was piped in)",
            fix="pipe an article in: onrecord extract - < a.txt",
        )
        return
    try:
        check_text_bytes(data[:SNIFF_BYTES], STDIN)
    except InputError as error:
        yield failure_from(error)
        return
    # sniffed on a lenient decoding: the reader of the format decodes as it does for a file (JSON lines
    # line by line, HTML by its declared charset) and says where the bytes are not UTF-8
    yield from read_bytes(data, STDIN, sniff_format(data.decode("utf-8-sig", "replace")), options)


def sniff_format(text: str) -> Format:
    """Guess the format of text that came without a file name."""
    start = text.lstrip()
    if start.startswith(("{", "[")) and _parses(text):
        return "json"
    if not JSON_START.match(start):
        return "html" if LOOKS_LIKE_HTML.match(text) else "text"
    # broken JSON is still JSON, so that the reader says where it breaks; JSON lines when one of the first
    # two lines is an object of its own (the first may be the broken one)
    lines = [line for line in start.split("\n", 2)[:2] if line.strip()]
    return "jsonl" if any(_parses(line) and line.lstrip().startswith("{") for line in lines) else "json"


def _parses(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def read_bytes(data: bytes, source: str, fmt: Format, options: ReadOptions) -> Iterator[Article | Failure]:
    """Read the whole content of one input whose format is known."""
    if fmt == "jsonl":
        yield from _read_jsonl_stream(io.BytesIO(data), source, options)
        return
    try:
        check_text_bytes(data[:SNIFF_BYTES], source)
        if fmt == "json":
            yield from read_json(decode_utf8(data, source), source, options)
            return
        text, found = _parse_document(data, source, fmt)
        article = make_article(text, source=source, found=found, options=options)
    except InputError as error:
        yield failure_from(error)
        return
    yield article


def _parse_document(data: bytes, source: str, fmt: Format) -> tuple[str, Metadata]:
    if fmt == "html":
        return parse_html(decode_html(data, source), source)
    return parse_text(decode_utf8(data, source), source)


def _read_jsonl_file(path: Path, source: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Stream a JSON-lines file line by line, so a large file is never held whole."""
    with path.open("rb") as stream:
        yield from _read_jsonl_stream(stream, source, options)


def source_name(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) are written as escapes, "caf\\xe9.txt"."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_jsonl_stream(stream: BinaryIO, source: str, options: ReadOptions) -> Iterator[Article | Failure]:
    head = stream.read(SNIFF_BYTES)
    try:
        check_text_bytes(head, source)
    except InputError as error:
        yield failure_from(error)
        return
    yield from read_jsonl(itertools.chain(_first_lines(head, stream), stream), source, options)


def _first_lines(head: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines begun in ``head``; the last one is completed from ``stream``."""
    lines = io.BytesIO(head).readlines()
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += stream.readline()
    yield from lines


def _unreadable(source: str, exc: OSError) -> Failure:
    if isinstance(exc, PermissionError):
        fix = "give yourself read permission on it (chmod +r) or leave it out"
    else:
        fix = "check that the file exists and can be read"
    return Failure(source=source, problem=f"cannot be read ({exc.strerror or exc})", fix=fix)
