"""How fast is onrecord extraction next to a bare pass of the same spaCy pipeline?

In one process and one run, over the texts of a PolNeAR split:
  (a) a bare ``nlp.pipe`` pass of the stock pipeline onrecord loads (as ``spacy.load`` gives it), every
      component enabled;
  (b) full onrecord extraction (``Extractor.load`` + the in-process runner), the same texts;
  (p) after (b), the parse alone of the pipeline as ``Extractor.load`` sets it up (the same models;
      memoized token attributes, matrix products through numpy's BLAS: see onrecord.nlp), so that what
      extraction adds to its own parse shows apart from what the parse saves (its memo is warm by then,
      which makes (p) a little faster and the ratio of (b) to it a little higher);
  (c) the same extraction with 2 worker processes (pipelines loaded before the clock starts).
It prints words/second for each, the ratio of (b) to (a), the speed-up of (c) over (b) and peak memory.

    .venv/bin/python bench/extract_speed.py ../shared/data/polnear/dev [--workers 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from onrecord.batch import InProcessRunner, open_runner
from onrecord.eval.polnear import read_polnear, word_count
from onrecord.model import Article
from onrecord.nlp import load_pipeline
from onrecord.pipeline import ExtractOptions, Extractor

WARM_UP = 3  # articles parsed once before any clock starts (first-call allocations, lazy tables)


@dataclass(frozen=True, kw_only=True)
class Timing:
    name: str
    seconds: float  # wall clock
    cpu_seconds: float  # CPU time of this process: steadier than wall time on a shared machine
    articles: int
    words: int

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds


def timed(name: str, articles: Sequence[Article], run: Callable[[], int]) -> Timing:
    """Time ``run`` (which returns how many results it produced) over ``articles``."""
    start, cpu_start = time.perf_counter(), time.process_time()
    produced = run()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    if produced != len(articles):
        sys.exit(f"{name}: produced {produced} results for {len(articles)} articles")
    words = sum(word_count(a.text) for a in articles)
    return Timing(name=name, seconds=seconds, cpu_seconds=cpu_seconds, articles=len(articles), words=words)


def peak_mb() -> float:
    """This process's peak resident memory in MB (ru_maxrss is in kilobytes on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_cpu_seconds() -> float | None:
    """CPU seconds (user + system) used so far by the live worker processes; None off Linux."""
    total = 0.0
    for child in multiprocessing.active_children():
        try:
            stat = Path(f"/proc/{child.pid}/stat").read_text()
        except OSError:
            return None
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)": state is fields[0]
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def workers_peak_mb() -> float | None:
    """The largest peak resident memory (VmHWM) among live worker processes, in MB; None off Linux.

    ``RUSAGE_CHILDREN`` would not do: ru_maxrss survives fork and exec, so a spawned worker reports
    the parent's peak at the time it was started.
    """
    peaks = []
    for child in multiprocessing.active_children():
        try:
            status = Path(f"/proc/{child.pid}/status").read_text()
        except OSError:
            return None
        peaks += [int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
    return max(peaks) if peaks else None


@dataclass(frozen=True, kw_only=True)
class BenchResult:
    pipeline: str
    components: list[str]
    load_seconds: float
    bare: Timing
    parse: Timing
    extract: Timing
    peak_mb_after_bare: float
    peak_mb_after_extract: float
    parallel: Timing | None = None
    workers: int = 1
    peak_mb_worker: float | None = None
    workers_cpu_seconds: float | None = None  # CPU the workers spent on (c), all together

    @property
    def ratio(self) -> float:
        """Extraction time over bare-pass time: the issue's target is <= 1.0."""
        return self.extract.seconds / self.bare.seconds

    @property
    def cpu_ratio(self) -> float:
        return self.extract.cpu_seconds / self.bare.cpu_seconds

    @property
    def parse_ratio(self) -> float:
        """Extraction time over the time of its own parse: what the extractors add."""
        return self.extract.seconds / self.parse.seconds

    @property
    def speedup(self) -> float | None:
        return self.extract.seconds / self.parallel.seconds if self.parallel else None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "articles": self.extract.articles,
            "words": self.extract.words,
            "pipeline": self.pipeline,
            "components": self.components,
            "load_seconds": round(self.load_seconds, 2),
            "bare": _row(self.bare),
            "parse": _row(self.parse),
            "extract": _row(self.extract),
            "time_ratio_extract_to_bare": round(self.ratio, 3),
            "cpu_ratio_extract_to_bare": round(self.cpu_ratio, 3),
            "time_ratio_extract_to_parse": round(self.parse_ratio, 3),
            "peak_mb_after_bare": round(self.peak_mb_after_bare),
            "peak_mb_after_extract": round(self.peak_mb_after_extract),
        }
        if self.parallel and self.speedup:
            out[f"extract_{self.workers}_workers"] = _row(self.parallel)
            out[f"speedup_{self.workers}_workers"] = round(self.speedup, 3)
            out["peak_mb_worker"] = round(self.peak_mb_worker or 0)
            out["workers_cpu_seconds"] = round(self.workers_cpu_seconds or 0, 3)
        return out


def bench(data_dir: Path, *, workers: int, limit: int | None) -> BenchResult:
    articles = [g.to_article() for g in read_polnear(data_dir)][:limit]
    texts = [a.text for a in articles]
    options = ExtractOptions()

    start = time.perf_counter()
    nlp = load_pipeline(options.model)
    load_seconds = time.perf_counter() - start
    list(nlp.pipe(texts[:WARM_UP]))
    bare = timed(
        "bare spaCy", articles, lambda: sum(1 for _ in nlp.pipe(texts, batch_size=options.batch_size))
    )
    bare_peak = peak_mb()

    extractor = Extractor.load(options)
    list(extractor.extract_many(articles[:WARM_UP]))
    runner = InProcessRunner(extractor)
    full = timed("onrecord extract", articles, lambda: sum(1 for _ in runner.run(articles)))
    full_peak = peak_mb()
    # after (b), so that (b) starts with the token-attribute memo as empty as a fresh ingest has it
    parse = timed(
        "onrecord parse",
        articles,
        lambda: sum(1 for _ in extractor.nlp.pipe(texts, batch_size=options.batch_size)),
    )

    parallel, worker_peak, worker_cpu = None, None, None
    if workers > 1:
        with open_runner(options, workers=workers) as pool:
            cpu_before = workers_cpu_seconds()
            parallel = timed(f"extract x{workers}", articles, lambda: sum(1 for _ in pool.run(articles)))
            cpu_after, worker_peak = workers_cpu_seconds(), workers_peak_mb()
            if cpu_before is not None and cpu_after is not None:
                worker_cpu = cpu_after - cpu_before
    return BenchResult(
        pipeline=options.model,
        components=list(nlp.pipe_names),
        load_seconds=load_seconds,
        bare=bare,
        parse=parse,
        extract=full,
        peak_mb_after_bare=bare_peak,
        peak_mb_after_extract=full_peak,
        parallel=parallel,
        workers=workers,
        peak_mb_worker=worker_peak,
        workers_cpu_seconds=worker_cpu,
    )


def _row(timing: Timing) -> dict[str, float]:
    return {
        "seconds": round(timing.seconds, 3),
        "cpu_seconds": round(timing.cpu_seconds, 3),
        "words_per_second": round(timing.words_per_second, 1),
        "articles_per_second": round(timing.articles_per_second, 3),
    }


def render(result: BenchResult) -> str:
    bare, parse, full, parallel = result.bare, result.parse, result.extract, result.parallel
    lines = [
        f"{full.articles} articles, {full.words:,} words; pipeline {result.pipeline} {result.components} "
        f"loaded in {result.load_seconds:.2f} s",
        f"(a) bare spaCy pass        {bare.words_per_second:>8,.0f} words/s {bare.seconds:>7.2f} s "
        f"(CPU {bare.cpu_seconds:.2f} s)",
        f"(b) onrecord extraction    {full.words_per_second:>8,.0f} words/s {full.seconds:>7.2f} s "
        f"(CPU {full.cpu_seconds:.2f} s; {full.articles_per_second:.2f} articles/s)",
        f"(p) onrecord's parse alone {parse.words_per_second:>8,.0f} words/s {parse.seconds:>7.2f} s "
        f"(CPU {parse.cpu_seconds:.2f} s)",
        f"extraction takes {result.ratio:.2f}x the time of the bare pass ({result.cpu_ratio:.2f}x its CPU time) "
        f"and {result.parse_ratio:.2f}x the time of its own parse (p)",
    ]
    if parallel and result.speedup:
        lines.append(
            f"(c) extraction, {result.workers} workers {parallel.words_per_second:>8,.0f} words/s "
            f"{parallel.seconds:>7.2f} s: speed-up {result.speedup:.2f}x over (b)"
        )
        if result.workers_cpu_seconds is not None:
            lines.append(
                f"    CPU: {result.workers_cpu_seconds:.2f} s in the workers together, "
                f"{parallel.cpu_seconds:.2f} s in the parent (in-process (b): {full.cpu_seconds:.2f} s)"
            )
    worker = f", {result.peak_mb_worker:.0f} MB in the largest worker" if result.peak_mb_worker else ""
    lines.append(
        f"peak memory (max RSS): {result.peak_mb_after_bare:.0f} MB after (a), "
        f"{result.peak_mb_after_extract:.0f} MB after (b){worker}"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data_dir", type=Path, help="a PolNeAR split folder (text/ and attributions/)")
    parser.add_argument("--workers", type=int, default=2, help="workers for (c); 1 skips it (default 2)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    result = bench(args.data_dir, workers=args.workers, limit=args.limit)
    print(json.dumps(result.as_dict()) if args.json else render(result))


if __name__ == "__main__":
    main()
