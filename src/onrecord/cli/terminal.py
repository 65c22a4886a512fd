"""Article text made safe to print on a terminal.

An article may hold control characters (an escape sequence scraped with a page, a NUL from a bad export);
printed raw they recolour or garble the terminal. Each becomes one visible character, so offsets into the
text (the marks of `onrecord show`) stay right: C0 controls their Unicode control picture ("␛"), DEL "␡",
C1 controls "�". Line breaks and tabs are kept.
"""

from __future__ import annotations

from rich.text import Text

_VISIBLE = (
    {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
    | {0x7F: 0x2421}
    | {code: 0xFFFD for code in range(0x80, 0xA0)}
)


def printable(text: str) -> str:
    """``text`` with every control character but line breaks and tabs replaced by one visible one."""
    return text.translate(_VISIBLE)


def cell(text: str) -> Text:
    """A table cell holding ``text``, printable."""
    return Text(printable(text))
