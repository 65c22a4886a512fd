"""Helpers for reader tests: write real files to tmp_path and read them back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from onrecord.model import Article, Failure
from onrecord.read import ReadOptions, read_paths

ReadAll = Callable[..., list[Article | Failure]]


@pytest.fixture
def read_all() -> ReadAll:
    """Read paths with optional ReadOptions fields as keywords, returning every item."""

    def read(*paths: Path | str, **options: object) -> list[Article | Failure]:
        return list(read_paths([str(path) for path in paths], ReadOptions(**options)))  # type: ignore[arg-type]

    return read


@pytest.fixture
def read_one(read_all: ReadAll) -> Callable[..., Article | Failure]:
    """Read one path that must give exactly one item."""

    def read(path: Path | str, **options: object) -> Article | Failure:
        items = read_all(path, **options)
        assert len(items) == 1, items
        return items[0]

    return read
