"""Turning text and the metadata found beside it into an :class:`~onrecord.model.Article`.

Every reader (plain text, HTML, JSON lines) ends here, so the rules below hold for all of them:

- the text is normalised once: a leading byte-order mark is dropped, ``\\r\\n`` / ``\\r`` become
  ``\\n`` and a NUL becomes U+FFFD (one for one); nothing else changes, because every span downstream
  indexes ``Article.text``;
- the id is a content hash of that text, so the same text read twice gets the same id;
- metadata given on the command line (:class:`ReadOptions`) overrides what the input says;
- a text holding a run of more than ``MAX_PUNCTUATION_RUN`` punctuation marks with no space is refused
  (an :class:`InputError` naming its line), since parsing it would take minutes, and so is a text of more
  than ``MAX_TEXT_CHARS`` characters, which the parser refuses.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import TypeVar

from onrecord.errors import InputError
from onrecord.ids import content_id
from onrecord.model import Article

log = logging.getLogger("onrecord")

T = TypeVar("T")

ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
# spaCy's tokenizer takes time quadratic in the length of a run of punctuation with no space in it
# (4,000 marks: about 1 s; 8,000 apostrophes: 4 s; 100,000 apostrophes: not done after 9 minutes);
# no article has such a run (the longest in PolNeAR is 7 marks)
MAX_PUNCTUATION_RUN = 1000
PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCTUATION_RUN + 1},}}")
# spaCy's own limit (nlp.max_length): its parser and NER need about 1 GB of memory per 100,000 characters
MAX_TEXT_CHARS = 1_000_000


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """Metadata given on the command line; when given, it overrides what the files say."""

    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Metadata:
    """Metadata an input carries beside its text (a date line, HTML meta tags, JSON fields)."""

    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


def normalise_text(text: str) -> str:
    """Drop a leading byte-order mark, turn CR LF and lone CR into LF and NUL into U+FFFD (PostgreSQL
    cannot store a NUL, and one deep in a text file is damage, not content); keep everything else."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def parse_date(value: str, *, source: str, field: str, line: int | None = None) -> dt.date:
    """Read ``YYYY-MM-DD`` (a longer ISO timestamp is cut to its date) or raise :class:`InputError`."""
    match = ISO_DATE.match(value.strip())
    try:
        if match is None:
            raise ValueError("not in YYYY-MM-DD form")
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise InputError(
            source,
            f"{field} {value!r} is not a calendar date ({exc})",
            "write it as YYYY-MM-DD, e.g. 2024-10-16",
            line=line,
        ) from exc


def make_article(text: str, *, source: str, found: Metadata, options: ReadOptions) -> Article:
    """Build the Article: normalised text, content-hash id, command-line metadata over found metadata.

    Raises :class:`InputError` for a text the parser cannot take in reasonable time."""
    text = normalise_text(text)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            source,
            f"the text has {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} one article may have",
            "split it into several articles (one file or record each), each under that size",
        )
    run = PUNCTUATION_RUN.search(text)
    if run is not None:
        raise InputError(
            source,
            f"{run.end() - run.start():,} punctuation marks in a row with no space "
            f"({text[run.start()]!r}…) at line {text.count(chr(10), 0, run.start()) + 1} of its text",
            f"remove the run or break it with spaces: runs over {MAX_PUNCTUATION_RUN:,} marks take minutes to parse",
        )
    return Article(
        id=content_id("a", text),
        source=source,
        title=found.title,
        date=_pick("date", options.date, found.date, source),
        outlet=_pick("outlet", options.outlet, found.outlet, source),
        url=_pick("url", options.url, found.url, source),
        text=text,
    )


def _pick(field: str, given: T | None, found: T | None, source: str) -> T | None:
    """The command-line value when given, else the value found in the input."""
    if given is None:
        return found
    if found is not None and found != given:
        log.debug("%s: --%s %s overrides %s found in the input", source, field, given, found)
    return given
