"""HTML articles: main text, title, date and site name through trafilatura (dates by htmldate).

trafilatura parses the page with lxml: scripts never run, and script, style, navigation and
boilerplate text is left out. The page must be UTF-8 or declare its charset in a ``<meta>`` tag.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re

import lxml.etree
import lxml.html
from trafilatura import bare_extraction
from trafilatura.settings import Document, set_date_params

from onrecord.errors import InputError
from onrecord.read.article import Metadata, normalise_text, parse_date
from onrecord.read.decode import decode_utf8

log = logging.getLogger("onrecord")

DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# A character reference to a C0 control other than tab and line breaks ("&#x1b;", "&#11;"): HTML calls it a
# parse error, and lxml gives up on the whole page at one; it becomes U+FFFD, as "&#0;" does
CONTROL_REFERENCE = re.compile(
    r"&#(?:x0*(?:[1-8bcef]|1[0-9a-f])|0*(?:[1-8]|1[1-2]|1[4-9]|2[0-9]|3[01]));", re.IGNORECASE
)
# The parser trafilatura uses, but for pages nested deeper than libxml2's default limit of 256 elements
DEEP_HTML = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)
# Where a page declares its charset: within its first bytes, as browsers look for it.
CHARSET_WINDOW = 4096


def decode_html(data: bytes, source: str) -> str:
    """Decode a page as UTF-8, or as the charset its ``<meta>`` tag declares when it is not UTF-8."""
    try:
        return decode_utf8(data, source)
    except InputError as not_utf8:
        declared = DECLARED_CHARSET.search(data[:CHARSET_WINDOW])
        if declared is None:
            raise
        name = declared[1].decode("ascii")
        try:
            return data.decode(codecs.lookup(name).name)
        except (LookupError, UnicodeDecodeError):
            log.debug("%s: declared charset %s does not decode it either", source, name)
            raise not_utf8 from None


def parse_html(raw: str, source: str) -> tuple[str, Metadata]:
    """Extract the main text and metadata of an HTML page."""
    if not raw.strip():
        raise InputError(source, "empty (no HTML)", "save the page's full HTML into it, or leave it out")
    raw = CONTROL_REFERENCE.sub("\ufffd", raw)
    document, text = _extract(raw)
    if not text:  # lxml stops at 256 levels of nesting unless told otherwise; most pages never get there
        document, text = _extract_deep(raw)
    if document is None or not text:
        raise InputError(
            source,
            "no article text found in the HTML (only scripts, navigation or an empty body)",
            "check that it is an article page saved after it loaded, not a script-rendered shell",
        )
    return text, Metadata(
        title=document.title or None,
        date=_page_date(document.date, source),
        outlet=document.sitename or None,
        url=document.url or None,
    )


def _extract(page: str | lxml.html.HtmlElement) -> tuple[Document | None, str]:
    """trafilatura's document for a page and its main text, normalised ("" when it found none)."""
    # the page date from its metadata and address only: htmldate's extensive search takes any year in the
    # body text for the date ("the bridge dates from 1999" gave 1999-01-01), and a wrong article date
    # shifts every relative date of the article
    document = bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=set_date_params(extensive=False),
    )
    if not isinstance(document, Document):
        return None, ""
    return document, normalise_text(document.text or "").strip()


def _extract_deep(raw: str) -> tuple[Document | None, str]:
    try:
        tree = lxml.html.fromstring(raw.encode("utf-8"), parser=DEEP_HTML)
    except (ValueError, lxml.etree.ParserError):  # nothing to parse: the page has no text either way
        return None, ""
    return _extract(tree)


def _page_date(value: str | None, source: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_date(value, source=source, field="the page date")
    except InputError:
        log.debug("%s: ignoring page date %r that is not YYYY-MM-DD", source, value)
        return None
