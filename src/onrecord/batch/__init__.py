"""Runners: the same pure extraction in this process or in a pool of worker processes.

``run_extraction(items, options, workers=N)`` is the one call most code needs. To load the
pipelines once and time or reuse a runner, open it yourself::

    with open_runner(options, workers=2) as runner:  # loads one pipeline per worker
        for result in runner.run(articles):           # extraction only
            ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol

from onrecord.batch.pool import ProcessRunner
from onrecord.model import Article, Extraction, Failure
from onrecord.pipeline import ExtractOptions, Extractor

__all__ = ["CHUNK_SIZE", "InProcessRunner", "ProcessRunner", "Runner", "open_runner", "run_extraction"]

CHUNK_SIZE = 8  # articles a worker process takes at a time: small enough to balance the workers


class Runner(Protocol):
    def run(self, items: Iterable[Article | Failure]) -> Iterator[Extraction | Failure]: ...


class InProcessRunner:
    """One Extractor in this process; articles are parsed in batches of ``options.batch_size``."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor

    def run(self, items: Iterable[Article | Failure]) -> Iterator[Extraction | Failure]:
        """Extract every Article; Failures pass through; output keeps input order."""
        pending: list[Article] = []
        for item in items:
            if isinstance(item, Failure):
                yield from self.extractor.extract_many(pending)
                pending = []
                yield item
                continue
            pending.append(item)
            if len(pending) >= self.extractor.options.batch_size:
                yield from self.extractor.extract_many(pending)
                pending = []
        yield from self.extractor.extract_many(pending)


@contextmanager
def open_runner(
    options: ExtractOptions, *, workers: int = 1, chunk_size: int = CHUNK_SIZE
) -> Iterator[Runner]:
    """A loaded runner: in this process for ``workers == 1``, else ``workers`` processes."""
    if workers <= 1:
        yield InProcessRunner(Extractor.load(options))
        return
    with ProcessRunner(options, workers, chunk_size=chunk_size) as runner:
        yield runner


def run_extraction(
    items: Iterable[Article | Failure], options: ExtractOptions, *, workers: int = 1
) -> Iterator[Extraction | Failure]:
    """Extract every Article in ``items``; Failures pass through; output keeps input order."""
    with open_runner(options, workers=workers) as runner:
        yield from runner.run(items)
