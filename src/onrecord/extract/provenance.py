"""Provenance: the outlet, the sources it cites, and "Read more" lines that are related items, not body.

Patterns (each generalizes across outlets): "This was reported by Censor.NET with reference to UNIAN",
"…, citing Interfax", "according to Reuters" (only when the named source is an outlet), a
"(Reuters) – " dateline, and "Read more: …" / "Read also: …" / "See also: …" lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.extract.gazetteer import Gazetteer
from onrecord.model import CitedSource, RelatedItem, Span

_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"  # "Censor.NET", "AP", "Al-Jazeera"; a final full stop ends it
_NAME = r"(?P<{g}>" + _WORD + r"(?:[ \t]+(?:of[ \t]+|the[ \t]+)?" + _WORD + r"){{0,4}})"
REPORTED_BY = re.compile(
    r"\b(?:was|were|is|has been|had been)\s+reported\s+by\s+(?:the\s+)?"
    + _NAME.format(g="outlet")
    + r"(?:\s*,?\s*(?:with\s+(?:a\s+)?reference\s+to|citing|referring\s+to|quoting)\s+(?:the\s+)?"
    + _NAME.format(g="cited")
    + r")?"
)
CITING = re.compile(
    r"\b(?P<rel>(?i:with\s+(?:a\s+)?reference\s+to|citing|referring\s+to|according\s+to|reports?\s+by))\s+"
    r"(?:the\s+)?" + _NAME.format(g="name")
)
DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{0,60}\((?P<name>[A-Z][\w .&-]{1,40})\)\s*[-–—]", re.MULTILINE)
RELATED = re.compile(
    r"^[ \t]*(?P<label>Read more|Read also|Also read|ALSO READ|READ MORE|See also|Related|Watch)\s*:\s*(?P<item>.+)$",
    re.MULTILINE,
)
OUTLET_WORDS = re.compile(
    r"(?:\.(?:com|net|org|ua|ru|co\.uk)\b|\b(?:News|Times|Post|Press|Agency|Journal|Herald|Gazette|"
    r"Tribune|Telegraph|Guardian|TV|Radio|Broadcasting|Pravda|Daily|Wire|Media|Courier|Observer|Chronicle|"
    r"Monitor|Express|Mirror|Inquirer|Examiner|Bulletin|Dispatch|Magazine|Newswire|Globe|Courant)\b)"
)
RELATIONS = {
    "with reference to": "with_reference_to",
    "citing": "citing",
    "referring to": "with_reference_to",
    "according to": "according_to",
    "report by": "reported_by",
    "reports by": "reported_by",
}


@dataclass(frozen=True, kw_only=True)
class Provenance:
    outlet: str | None
    cited_sources: tuple[CitedSource, ...]
    related: tuple[RelatedItem, ...]
    # where the cited sources that are outlets are named ("reported by Harbour Courier"): whatever NER made
    # of those words, they name a news organization
    outlet_spans: tuple[tuple[int, int], ...] = ()


def find_provenance(text: str, gazetteer: Gazetteer) -> Provenance:
    """Outlet, cited sources and related items of an article."""
    cited: list[CitedSource] = []
    outlet: str | None = None
    for match in REPORTED_BY.finditer(text):
        if not _is_outlet(match.group("outlet"), gazetteer):
            continue
        outlet = outlet or _canonical(match.group("outlet"), gazetteer)
        cited.append(_source(text, match, "outlet", "reported_by", gazetteer))
        if match.group("cited"):
            cited.append(_source(text, match, "cited", "with_reference_to", gazetteer))
    cited_at = {c.span.start for c in cited}
    for match in CITING.finditer(text):
        relation = RELATIONS.get(
            re.sub(r"\s+", " ", match.group("rel").lower()).replace("a reference", "reference")
        )
        if relation and _is_outlet(match.group("name"), gazetteer):
            source = _source(text, match, "name", relation, gazetteer)
            if source.span.start not in cited_at:
                cited_at.add(source.span.start)
                cited.append(source)
    for match in DATELINE.finditer(text):
        if _is_outlet(match.group("name"), gazetteer):
            cited.append(_source(text, match, "name", "dateline", gazetteer))
    related = tuple(
        RelatedItem(
            text=m.group("item").strip(),
            kind=re.sub(r"\W+", "_", m.group("label").lower()),
            span=Span(start=m.start("item"), end=m.end("item"), text=m.group("item")),
        )
        for m in RELATED.finditer(text)
    )
    return Provenance(
        outlet=outlet,
        cited_sources=tuple(sorted(cited, key=lambda c: c.span.start)),
        related=related,
        # every cited name passed _is_outlet but the one a "reported by" line cites ("with reference to
        # UNIAN" is an outlet, "… to the Eastfield Dockers' Union" is not)
        outlet_spans=tuple((c.span.start, c.span.end) for c in cited if _is_outlet(c.span.text, gazetteer)),
    )


def _is_outlet(name: str, gazetteer: Gazetteer) -> bool:
    entry = gazetteer.lookup(name.rstrip(".,"))
    return (entry is not None and entry.type == "MEDIA") or bool(OUTLET_WORDS.search(name))


def _canonical(name: str, gazetteer: Gazetteer) -> str:
    name = name.rstrip(".,")
    entry = gazetteer.lookup(name)
    return entry.canonical if entry else name


def _source(text: str, match: re.Match[str], group: str, relation: str, gazetteer: Gazetteer) -> CitedSource:
    start, end = match.start(group), match.end(group)
    while end > start and text[end - 1] in ".,":
        end -= 1
    name = text[start:end]
    return CitedSource(
        name=_canonical(name, gazetteer), relation=relation, span=Span(start=start, end=end, text=name)
    )
