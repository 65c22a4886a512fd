"""Plain-text articles: an optional ``date YYYY-MM-DD`` marker, then the article text.

The marker may stand on its own first line or share it with the headline, and may be preceded by
spaces (the bundled sample starts `` date 2024-10-16 NATO Secretary General …``). The marker and the
whitespace after it are removed; the rest is the article text, kept exactly.
"""

from __future__ import annotations

import re

from onrecord.errors import InputError
from onrecord.read.article import Metadata, normalise_text, parse_date

DATE_MARKER = re.compile(r"\A[ \t]*date:?[ \t]+(\d{4}-\d{1,2}-\d{1,2})(?=\s|\Z)\s*", re.IGNORECASE)
# A first line longer than this is a paragraph, not a headline; its first sentence may still be one.
MAX_TITLE_CHARS = 200
FIRST_SENTENCE = re.compile(r".+?[.!?](?=\s|\Z)")


def parse_text(raw: str, source: str) -> tuple[str, Metadata]:
    """Split a plain-text article into its text and the metadata it carries (date marker, title)."""
    raw = normalise_text(raw)
    if not raw.strip():
        raise InputError(source, "empty (no article text)", "put the article text in it, or leave it out")
    date = None
    marker = DATE_MARKER.match(raw)
    if marker:
        date = parse_date(marker[1], source=source, field="the first line's date", line=1)
        raw = raw[marker.end() :]
        if not raw.strip():
            raise InputError(source, "only a date line, no article text", "add the article text after it")
    return raw, Metadata(title=guess_title(raw), date=date)


def guess_title(text: str) -> str | None:
    """The first non-empty line when it is headline-sized, else its first sentence when that is."""
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if len(first_line) <= MAX_TITLE_CHARS:
        return first_line or None
    sentence = FIRST_SENTENCE.match(first_line)
    if sentence and len(sentence[0]) <= MAX_TITLE_CHARS:
        return sentence[0]
    return None
