"""JSON articles: ``.jsonl`` (one object per line) and ``.json`` (one object or a list of objects).

Each object needs ``text``; ``id``, ``title``, ``date`` (YYYY-MM-DD), ``outlet`` and ``url`` are
optional and other fields are ignored. ``Article.source`` is the object's ``id`` when it has one,
else ``path:line`` (or the path, for a file holding a single object). A bad line or object becomes
one Failure naming its line; the lines after it are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from onrecord.errors import InputError
from onrecord.model import Article, Failure
from onrecord.read.article import Metadata, ReadOptions, make_article, parse_date
from onrecord.read.decode import decode_utf8

OPTIONAL_STRINGS = ("title", "outlet", "url")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads joins pairs; what is left stands alone
SHAPE_HINT = 'write each article as an object like {"text": "…", "date": "2024-10-16"}'


def failure_from(error: InputError) -> Failure:
    return Failure(source=error.source, line=error.line, problem=error.problem, fix=error.fix)


def read_jsonl(lines: Iterable[bytes], source: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Read JSON lines (raw bytes, one per line); blank lines are skipped."""
    offset = 0
    found_any = False
    for number, raw in enumerate(lines, start=1):
        start, offset = offset, offset + len(raw)
        try:
            line = decode_utf8(raw, source, first_line=number, base_offset=start)
            if not line.strip():
                continue
            found_any = True
            value = _loads(line, source, number)
            yield article_from_object(
                value, source=source, line=number, fallback=f"{source}:{number}", options=options
            )
        except InputError as error:
            yield failure_from(error)
    if not found_any:
        yield Failure(
            source=source, problem="empty (no JSON lines)", fix="put one JSON object per line in it"
        )


def read_json(document: str, source: str, options: ReadOptions) -> Iterator[Article | Failure]:
    """Read a JSON document holding one article object or a list of them."""
    if not document.strip():
        yield Failure(source=source, problem="empty (no JSON)", fix=SHAPE_HINT)
        return
    try:
        value = parse_json(document, source, "fix the JSON")
    except InputError as error:
        yield failure_from(error)
        return
    if value == []:
        yield Failure(source=source, problem="an empty JSON list (no articles)", fix=SHAPE_HINT)
        return
    if not isinstance(value, list):
        try:
            yield article_from_object(value, source=source, line=None, fallback=source, options=options)
        except InputError as error:
            yield failure_from(error)
        return
    for number, item in _list_items_with_lines(document):
        try:
            yield article_from_object(
                item, source=source, line=number, fallback=f"{source}:{number}", options=options
            )
        except InputError as error:
            yield failure_from(error)


def article_from_object(
    value: Any, *, source: str, line: int | None, fallback: str, options: ReadOptions
) -> Article:
    """Validate one JSON article object and build the Article; ``fallback`` is its source without an id."""
    if not isinstance(value, dict):
        raise InputError(source, f"a JSON {_json_type(value)}, not an object", SHAPE_HINT, line=line)
    text = value.get("text")
    if text is None:
        raise InputError(source, 'no "text" field', 'add "text": "…the article…" or remove it', line=line)
    if not isinstance(text, str):
        raise InputError(source, f'"text" is a JSON {_json_type(text)}, not a string', SHAPE_HINT, line=line)
    if not text.strip():
        raise InputError(source, '"text" is empty', "put the article text in it or remove it", line=line)
    strings = {name: _optional_string(value, name, source, line) for name in (*OPTIONAL_STRINGS, "date")}
    ident = value.get("id")
    if ident is not None and not isinstance(ident, str | int):
        kind = f"number that is not whole ({ident!r})" if isinstance(ident, float) else _json_type(ident)
        raise InputError(source, f'"id" is a JSON {kind}', "make it a string or a whole number", line=line)
    date = strings["date"]
    found = Metadata(
        title=strings["title"],
        date=parse_date(date, source=source, field='"date"', line=line) if date else None,
        outlet=strings["outlet"],
        url=strings["url"],
    )
    for name, field in (("text", text), *strings.items(), ("id", ident)):
        _check_whole_characters(name, field, source, line)
    article_source = str(ident) if ident not in (None, "") else fallback
    return make_article(text, source=article_source, found=found, options=options)


def _check_whole_characters(name: str, field: object, source: str, line: int | None) -> None:
    """Refuse a string holding half of a surrogate pair: JSON lets ``"\\ud83d"`` stand alone, but no text
    can hold it (it cannot be written as UTF-8, so hashing, storing or printing the article would fail)."""
    if not isinstance(field, str):
        return
    half = LONE_SURROGATE.search(field)
    if half is not None:
        raise InputError(
            source,
            f'"{name}" holds half of a surrogate pair (\\u{ord(half[0]):04x}) at character {half.start():,}',
            "write the character whole: both \\u escapes of its pair, or the character itself",
            line=line,
        )


def _optional_string(value: dict[str, Any], name: str, source: str, line: int | None) -> str | None:
    field = value.get(name)
    if field is None or (isinstance(field, str) and not field.strip()):
        return None
    if not isinstance(field, str):
        raise InputError(
            source,
            f'"{name}" is a JSON {_json_type(field)}, not a string',
            "make it a string or null",
            line=line,
        )
    return field.strip()


def _loads(line: str, source: str, number: int) -> Any:
    return parse_json(line, source, "fix the line or remove it", line=number)


def parse_json(document: str, source: str, fix: str, *, line: int | None = None) -> Any:
    """``json.loads``, with every way it can fail as an :class:`InputError` (``line``: the document's first
    line in ``source``): bad syntax, nesting deeper than Python's recursion limit, a number of more
    than 4,300 digits (Python's limit on turning digits into an int)."""
    try:
        return json.loads(document)
    except json.JSONDecodeError as exc:
        where = exc.lineno if line is None else line + exc.lineno - 1
        raise InputError(source, _json_problem(exc), fix, line=where) from exc
    except RecursionError as exc:
        raise InputError(
            source,
            "JSON nested too deep to read",
            "write each article as one flat object: text, date, title, outlet, url, id",
            line=line,
        ) from exc
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion …"
        raise InputError(
            source,
            f"a JSON number too long to read ({str(exc).split(':')[0]})",
            "write it as a string, or leave it out",
            line=line,
        ) from exc


def _json_problem(exc: json.JSONDecodeError) -> str:
    # json's own message may end in "at" ("Invalid control character at")
    return f"not JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"


def _list_items_with_lines(document: str) -> Iterator[tuple[int, Any]]:
    """Walk a JSON list that is known to parse, yielding each item with the line it starts on."""
    decoder = json.JSONDecoder()
    index = document.index("[") + 1
    line, counted_to = 1, 0
    while True:
        index = _skip_space(document, index)
        if document[index] == "]":
            return
        line += document.count("\n", counted_to, index)
        counted_to = index
        item, index = decoder.raw_decode(document, index)
        yield line, item
        index = _skip_space(document, index)
        if document[index] == ",":
            index += 1


def _skip_space(document: str, index: int) -> int:
    while document[index] in " \t\r\n":
        index += 1
    return index


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
