"""Statements as spreadsheet rows: the CSV columns the CLI and the REST API export.

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or carriage return) get a
leading ``'``: article text is untrusted.
"""

from __future__ import annotations

from onrecord.store.records import StatementRow

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = (
    "id",
    "article_id",
    "date",
    "speaker",
    "speaker_entity",
    "speaker_mention",
    "kind",
    "cue",
    "text",
    "article_title",
    "outlet",
)


def inert_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: formula starts get a leading quote.

    >>> inert_cell("=HYPERLINK(1)"), inert_cell("plain")
    ("'=HYPERLINK(1)", 'plain')
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_cells(row: StatementRow) -> list[str]:
    speaker = row.speaker
    cells = [
        row.id,
        row.article_id,
        row.day.isoformat() if row.day else "",
        speaker.name or "",
        speaker.entity or "",
        speaker.span.text if speaker.span else "",
        row.kind,
        row.cue.text if row.cue else "",
        row.text,
        row.article_title or "",
        row.outlet or "",
    ]
    return [inert_cell(cell) for cell in cells]
