"""CSV rows of statements: the same columns for the CLI and the API, formulas made inert."""

from __future__ import annotations

import pytest

from onrecord.store import StatementQuery, Store
from onrecord.store.tabular import CSV_HEADER, csv_cells, inert_cell


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM", "'@SUM"),
        ("plain", "plain"),
    ],
)
def test_formula_starts_get_a_quote(cell: str, shown: str) -> None:
    assert inert_cell(cell) == shown


def test_a_row_has_one_cell_per_column(filled_store: Store) -> None:
    rows = filled_store.statements(StatementQuery(speaker="Rutte"))
    assert rows
    for row in rows:
        cells = csv_cells(row)
        assert len(cells) == len(CSV_HEADER)
        assert cells[CSV_HEADER.index("speaker")] == row.speaker.name
        assert cells[CSV_HEADER.index("text")] == row.text
