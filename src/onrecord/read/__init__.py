"""Readers: files, folders, stdin -> Article records (or Failure records for bad input)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from onrecord.model import Article, Failure


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """Metadata given on the command line; it overrides or fills what the files say."""

    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None


def read_paths(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[Article | Failure]:
    """Yield an Article per readable article and a Failure per unreadable item, in input order."""
    raise NotImplementedError  # implemented by the readers issue work
