"""Bytes -> text, with a clear :class:`~onrecord.errors.InputError` for what is not UTF-8 text.

Inputs must be UTF-8 (a byte-order mark is allowed). What is not gets one message naming the
file, the line, the byte offset and the ``iconv`` command that fixes it.
"""

from __future__ import annotations

import shlex

from onrecord.errors import InputError

# Bytes looked at to tell text from binary; NUL never occurs in UTF-8 text files.
SNIFF_BYTES = 8192

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_text_bytes(head: bytes, source: str) -> None:
    """Raise InputError when the first bytes of an input show it is UTF-16 or binary, not UTF-8 text."""
    if head.startswith(UTF16_BOMS):
        raise InputError(
            source,
            "UTF-16 text, not UTF-8",
            f"re-encode it: iconv -f UTF-16 -t UTF-8 {_quoted(source)} > {_quoted(_utf8_name(source))}",
        )
    nul = head.find(b"\x00")
    if nul >= 0:
        raise InputError(
            source,
            f"a binary file, not text (NUL byte at byte offset {nul})",
            "give onrecord the article as UTF-8 text, HTML or JSON lines",
        )


def decode_utf8(data: bytes, source: str, *, first_line: int = 1, base_offset: int = 0) -> str:
    """Decode UTF-8 (dropping a byte-order mark) or raise InputError naming the line and byte offset.

    ``first_line`` and ``base_offset`` place ``data`` inside a larger file (one line of a JSONL file),
    so the message points into the file, not into the piece.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise InputError(
            source,
            f"not UTF-8 text (byte 0x{data[exc.start]:02X} at byte offset {base_offset + exc.start} "
            f"cannot be decoded)",
            "re-encode it as UTF-8, e.g. "
            f"iconv -f WINDOWS-1252 -t UTF-8 {_quoted(source)} > {_quoted(_utf8_name(source))}",
            line=line,
        ) from exc


def _quoted(source: str) -> str:
    return "FILE" if source == "<stdin>" else shlex.quote(source)


def _utf8_name(source: str) -> str:
    if source == "<stdin>":
        return "FILE.utf8"
    stem, dot, ext = source.rpartition(".")
    return f"{stem}.utf8.{ext}" if dot and "/" not in ext else f"{source}.utf8"
