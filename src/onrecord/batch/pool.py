"""Extraction in a pool of worker processes, each holding one loaded pipeline.

Articles go to the workers in chunks; results come back in input order. Workers are started with
the ``spawn`` method (no state inherited from the parent, the same on every platform), and each loads
its :class:`~onrecord.pipeline.Extractor` once, before the first chunk, so the time of a run is the
time of extraction. The loaded extractor is the worker process's own state: a module global that
only ever exists inside a worker.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from threading import BrokenBarrierError
from typing import TYPE_CHECKING

from onrecord.errors import ModelError
from onrecord.model import Article, Extraction, Failure
from onrecord.pipeline import ExtractOptions, Extractor

if TYPE_CHECKING:
    from multiprocessing.synchronize import Barrier

log = logging.getLogger("onrecord")

Result = Extraction | Failure
LOAD_TIMEOUT = 600.0  # seconds a worker may take to load its pipeline

# Set in each worker process by _init_worker; never set in the parent process.
_worker_options: ExtractOptions | None = None
_worker_barrier: Barrier | None = None
_worker_extractor: Extractor | None = None


def _init_worker(options: ExtractOptions, barrier: Barrier) -> None:
    global _worker_options, _worker_barrier
    _worker_options, _worker_barrier = options, barrier


def _load_worker() -> None:
    """Load this worker's pipeline, then wait until every worker has loaded its own."""
    global _worker_extractor
    if _worker_barrier is None:
        raise RuntimeError("_load_worker runs only in a worker started with _init_worker")
    try:
        _worker_extractor = Extractor.load(_worker_options)
    except BaseException:
        _worker_barrier.abort()
        raise
    _worker_barrier.wait(LOAD_TIMEOUT)


def _extract_chunk(articles: list[Article]) -> list[Result]:
    global _worker_extractor
    if _worker_extractor is None:
        _worker_extractor = Extractor.load(_worker_options)
    return list(_worker_extractor.extract_many(articles))


@dataclass(frozen=True, slots=True)
class _Pending:
    articles: list[Article]
    future: Future[list[Result]]


class ProcessRunner:
    """``workers`` processes with one loaded Extractor each; use as a context manager."""

    def __init__(self, options: ExtractOptions, workers: int, *, chunk_size: int) -> None:
        if workers < 2:
            raise ValueError("ProcessRunner needs at least 2 workers; run in-process for 1")
        self.options = options
        self.workers = workers
        self.chunk_size = chunk_size
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessRunner:
        self._start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(self.workers)
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_init_worker, initargs=(self.options, barrier)
        )
        loads = [self._executor.submit(_load_worker) for _ in range(self.workers)]
        errors = [exc for exc in (f.exception() for f in loads) if exc is not None]
        real = [exc for exc in errors if not isinstance(exc, BrokenBarrierError | BrokenProcessPool)]
        if errors:
            self._stop()
            cause = real[0] if real else errors[0]
            if isinstance(cause, ModelError):
                raise cause
            raise ModelError(
                f"a worker process could not load the pipeline ({type(cause).__name__}: {cause}); "
                "run with --workers 1 to see the full error"
            ) from cause
        log.debug("started %d extraction workers", self.workers)

    def _stop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def run(self, items: Iterable[Article | Failure]) -> Iterator[Result]:
        """Extract every Article; Failures pass through; output keeps input order."""
        window: deque[_Pending | Failure] = deque()
        chunk: list[Article] = []
        for item in items:
            if isinstance(item, Failure) or len(chunk) >= self.chunk_size:
                if chunk:
                    window.append(self._submit(chunk))
                chunk = []
            if isinstance(item, Failure):
                window.append(item)
            else:
                chunk.append(item)
            while len(window) > 2 * self.workers:
                yield from self._collect(window.popleft())
        if chunk:
            window.append(self._submit(chunk))
        while window:
            yield from self._collect(window.popleft())

    def _submit(self, chunk: list[Article]) -> _Pending:
        try:
            return _Pending(chunk, self._pool().submit(_extract_chunk, chunk))
        except BrokenProcessPool:
            log.warning("the worker pool broke; starting a new one")
            self._stop()
            self._start()
            return _Pending(chunk, self._pool().submit(_extract_chunk, chunk))

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            raise RuntimeError("use ProcessRunner as a context manager: with ProcessRunner(...) as runner")
        return self._executor

    @staticmethod
    def _collect(entry: _Pending | Failure) -> Iterator[Result]:
        if isinstance(entry, Failure):
            yield entry
            return
        try:
            yield from entry.future.result()
        except Exception as exc:  # a worker died or a chunk could not be sent: its articles fail, not the run
            log.warning("a chunk of %d articles failed: %s", len(entry.articles), exc)
            for article in entry.articles:
                yield Failure(
                    source=article.source,
                    problem=f"the worker process failed ({type(exc).__name__}: {exc})",
                    fix="run this article again with --workers 1 to see whether it fails on its own",
                )
