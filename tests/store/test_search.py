"""Name folding and the translation of typed words into safe FTS5 queries."""

from __future__ import annotations

import pytest

from onrecord.errors import StoreError
from onrecord.store.search import fold, fts_query


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Rütte", "rutte"),
        ("  Mark   RUTTE ", "mark rutte"),
        ("Zelenskyy,", "zelenskyy"),
        ("“Kyiv”", "kyiv"),
        ("Straße", "strasse"),
        ("Jean-Claude O’Neill", "jean claude oneill"),
        ("Володимир Зеленський", "volodimir zelenskii"),
    ],
)
def test_fold_drops_case_diacritics_and_edge_punctuation(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("Victory Plan", '"Victory" "Plan"'),
        ('"victory plan"', '"victory plan"'),
        ("Ukr*", '"Ukr"*'),
        ("NEAR(a b) OR content_text:x", '"NEAR" "a" "b" "OR" "content_text" "x"'),
        ("Ukraine's", '"Ukraine" "s"'),
        ('"unclosed phrase', '"unclosed" "phrase"'),
    ],
)
def test_fts_query_quotes_every_word(typed: str, query: str) -> None:
    assert fts_query(typed) == query


@pytest.mark.parametrize("typed", ["", "  ", "?!", '""'])
def test_fts_query_without_words_is_refused(typed: str) -> None:
    with pytest.raises(StoreError, match="at least one word"):
        fts_query(typed)
