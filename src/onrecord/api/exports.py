"""``/api/statements.csv`` and ``/api/statements.jsonl``: every matching statement, streamed.

Both take the filters of ``/api/statements``. The rows are read from the store a page at a time, so
an export of the whole store never sits in memory. CSV cells that a spreadsheet would run as a
formula (starting with ``= + - @``, tab or carriage return) get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import StreamingResponse

from onrecord.api.errors import dumps
from onrecord.api.lookup import StatementFilters, statement_page
from onrecord.api.routes import ERRORS, FiltersDep, StoreDep
from onrecord.store import StatementRow, Store
from onrecord.store.tabular import CSV_HEADER, csv_cells

EXPORT_BATCH = 1000  # statements read from the store per query while exporting
router = APIRouter(prefix="/api", responses=ERRORS)
LimitDep = Annotated[int | None, Query(ge=1, description="At most this many statements; all when left out.")]


def matching_rows(store: Store, filters: StatementFilters, limit: int | None) -> Iterator[StatementRow]:
    """Every statement the filters match (at most ``limit``), newest first, a batch at a time."""
    left = limit
    cursor = None
    while left is None or left > 0:
        size = EXPORT_BATCH if left is None else min(EXPORT_BATCH, left)
        page = statement_page(store, filters.query(limit=size, cursor=cursor))
        yield from page.rows
        if left is not None:
            left -= len(page.rows)
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def _csv_lines(rows: Iterator[StatementRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(csv_cells(row))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _json_lines(rows: Iterator[StatementRow]) -> Iterator[bytes]:
    for row in rows:
        yield dumps(row.model_dump(mode="json")) + b"\n"


def _first_then_rest(rows: Iterator[StatementRow]) -> Iterator[StatementRow]:
    """Read the first batch now, so a refused filter is an error response, not a broken stream."""
    first = next(rows, None)
    if first is None:
        return iter(())

    def chained() -> Iterator[StatementRow]:
        yield first
        yield from rows

    return chained()


@router.get("/statements.csv", summary="Statements as CSV (same filters)", response_class=StreamingResponse)
def export_csv(store: StoreDep, filters: FiltersDep, limit: LimitDep = None) -> StreamingResponse:
    rows = _first_then_rest(matching_rows(store, filters, limit))
    return StreamingResponse(
        _csv_lines(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="statements.csv"'},
    )


@router.get(
    "/statements.jsonl", summary="Statements as JSON lines (same filters)", response_class=StreamingResponse
)
def export_jsonl(store: StoreDep, filters: FiltersDep, limit: LimitDep = None) -> StreamingResponse:
    rows = _first_then_rest(matching_rows(store, filters, limit))
    return StreamingResponse(
        _json_lines(rows),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="statements.jsonl"'},
    )
