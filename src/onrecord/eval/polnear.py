"""PolNeAR gold: read the attribution annotations of one split as typed records.

A split folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` (brat standoff).
``metadata.tsv`` (next to the split folders) names, per article, the annotator whose file counts
(the first one where it lists several) and the publication date.

In a ``.ann`` file, ``Tn<TAB>Type START END[;START END...]<TAB>text`` is a text-bound annotation
(Source, Cue, Content, Attribution, Attribution-no-source, Discuss, Discard) and
``En<TAB>Attribution:Tx Source:Ty Cue:Tz Content:Tw [Content2:Tv]`` ties the parts of one
attribution. Offsets are character offsets into the ``.txt`` (read as UTF-8, newlines untouched).
Gold spans are kept exactly as annotated (not trimmed); the scorer trims whitespace.

:func:`evaluate_polnear` runs the real extraction over a split and scores it (see
:mod:`onrecord.eval.attribution` for the metrics).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from onrecord.batch import open_runner
from onrecord.errors import EvalError
from onrecord.eval.attribution import AttributionError, Scores, attribution_errors, score_article
from onrecord.eval.scoring import bootstrap_f1
from onrecord.ids import content_id
from onrecord.model import Article, Failure, Span
from onrecord.pipeline import ExtractOptions

log = logging.getLogger("onrecord")

METADATA_NAME = "metadata.tsv"
_TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(.+)$")
_ROLE_DIGITS = re.compile(r"\d+$")
ROLES = ("Source", "Cue", "Content")


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldAttribution:
    """One gold attribution. Each part is a tuple of fragments (discontinuous spans are split).

    ``source`` is empty for an ``Attribution-no-source`` event; ``content`` joins ``Content`` and
    ``Content2``. Fragments are sorted by start offset.
    """

    id: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]

    @property
    def scorable(self) -> bool:
        """True when it has both a source and a content (the attribution metric counts only these)."""
        return bool(self.source) and bool(self.content)


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldArticle:
    """One annotated article: its text, metadata and gold attributions."""

    name: str
    text: str
    annotator: str
    date: dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    attributions: tuple[GoldAttribution, ...] = ()

    def to_article(self) -> Article:
        """The Article that extraction runs over (text untouched, so offsets agree with the gold)."""
        return Article(
            id=content_id("a", self.text),
            source=self.name,
            title=self.title,
            date=self.date,
            outlet=self.outlet,
            text=self.text,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleMetadata:
    """One row of ``metadata.tsv``."""

    name: str
    split: str
    annotators: tuple[str, ...]
    date: dt.date | None = None
    title: str | None = None
    outlet: str | None = None


def find_metadata(split_dir: Path) -> Path:
    """``metadata.tsv`` inside the split folder or next to it."""
    for candidate in (split_dir / METADATA_NAME, split_dir.parent / METADATA_NAME):
        if candidate.is_file():
            return candidate
    raise EvalError(
        f"no {METADATA_NAME} in {split_dir} or {split_dir.parent}; "
        f"pass its path with --metadata (it names the annotator whose file counts)"
    )


def read_metadata(path: Path) -> dict[str, ArticleMetadata]:
    """Read ``metadata.tsv`` into rows keyed by article file name (without ``.txt``)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        raise EvalError(f"cannot read {path} ({exc}); check the --metadata path") from exc
    missing = {"filename", "annotators"} - set(rows[0] if rows else {})
    if missing:
        raise EvalError(f"{path} has no column {sorted(missing)}; pass the metadata.tsv shipped with PolNeAR")
    return {row["filename"]: _metadata_row(row) for row in rows}


def _metadata_row(row: dict[str, str]) -> ArticleMetadata:
    try:
        date = dt.date.fromisoformat(row.get("publication_date") or "")
    except ValueError:
        date = None
    return ArticleMetadata(
        name=row["filename"],
        split=row.get("compartment", ""),
        annotators=tuple(a for a in row["annotators"].split("|") if a),
        date=date,
        title=row.get("title") or None,
        outlet=row.get("publisher") or None,
    )


def read_polnear(split_dir: Path | str, metadata: Path | str | None = None) -> Iterator[GoldArticle]:
    """Yield every article of a PolNeAR split (sorted by name) with its gold attributions.

    ``metadata`` defaults to the ``metadata.tsv`` found by :func:`find_metadata`.
    """
    split_dir = Path(split_dir)
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalError(
            f"{split_dir} has no text/ and attributions/ folders; "
            "pass a PolNeAR split folder such as .../polnear/dev"
        )
    rows = read_metadata(Path(metadata) if metadata else find_metadata(split_dir))
    for text_path in sorted(text_dir.glob("*.txt")):
        name = text_path.stem
        row = rows.get(name)
        ann_path = _annotation_path(ann_dir, name, row)
        with text_path.open(encoding="utf-8", newline="") as handle:  # newline="": offsets stay true
            text = handle.read()
        yield GoldArticle(
            name=name,
            text=text,
            annotator=ann_path.stem[len(name) + 1 :],
            date=row.date if row else None,
            title=row.title if row else None,
            outlet=row.outlet if row else None,
            attributions=parse_ann(ann_path.read_text(encoding="utf-8"), text, source=str(ann_path)),
        )


def _annotation_path(ann_dir: Path, name: str, row: ArticleMetadata | None) -> Path:
    if row and row.annotators:
        path = ann_dir / f"{name}_{row.annotators[0]}.ann"
        if path.is_file():
            return path
        raise EvalError(f"{path} is missing; metadata.tsv names annotator {row.annotators[0]} for {name}")
    found = sorted(ann_dir.glob(f"{name}_*.ann"))
    if len(found) == 1:
        log.warning("%s is not in metadata.tsv; using its only annotation file %s", name, found[0].name)
        return found[0]
    raise EvalError(
        f"{name} is not in metadata.tsv and has {len(found)} annotation files; "
        "add its row to metadata.tsv or pass the right file with --metadata"
    )


def parse_ann(ann: str, text: str, *, source: str = "<ann>") -> tuple[GoldAttribution, ...]:
    """Parse brat standoff into attributions.

    Lines that are neither T nor E (annotator notes, the wrapped rest of a multi-line text) are skipped.
    """
    bounds: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[str, str, int]] = []
    for number, line in enumerate(ann.split("\n"), start=1):
        if match := _TEXT_BOUND.match(line):
            bounds[match[1]] = _fragments(match[3], text, source=source, line=number)
        elif match := _EVENT.match(line):
            events.append((match[1], match[2], number))
    return tuple(_attribution(eid, args, bounds, source=source, line=line) for eid, args, line in events)


def _fragments(offsets: str, text: str, *, source: str, line: int) -> tuple[Span, ...]:
    spans = []
    for pair in offsets.split(";"):
        start, end = (int(x) for x in pair.split())
        if not 0 <= start <= end <= len(text):
            raise EvalError(f"line {line} of {source}: offsets {start}-{end} lie outside the text; fix them")
        spans.append(Span(start=start, end=end, text=text[start:end]))
    return _in_order(spans)


def _attribution(
    eid: str, args: str, bounds: dict[str, tuple[Span, ...]], *, source: str, line: int
) -> GoldAttribution:
    parts: dict[str, list[Span]] = {role: [] for role in ROLES}
    for arg in args.split():
        role, _, ref = arg.partition(":")
        role = _ROLE_DIGITS.sub("", role)  # Content2 -> Content
        if role not in parts:
            continue  # the Attribution / Attribution-no-source trigger
        if ref not in bounds:
            raise EvalError(f"line {line} of {source}: {eid} refers to {ref}, which the file does not define")
        parts[role].extend(bounds[ref])
    return GoldAttribution(
        id=eid,
        source=_in_order(parts["Source"]),
        cue=_in_order(parts["Cue"]),
        content=_in_order(parts["Content"]),
    )


def _in_order(spans: list[Span]) -> tuple[Span, ...]:
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


def word_count(text: str) -> int:
    """Words as whitespace-separated tokens: the unit of every words/second figure."""
    return len(text.split())


@dataclass(frozen=True, kw_only=True)
class PolnearEvalOptions:
    """How to run the evaluation; each default is declared here only."""

    metadata: Path | None = None  # default: metadata.tsv next to the split folder
    workers: int = 1
    limit: int | None = None  # score only the first N articles (sorted by name)
    errors: bool = False  # also list every missed gold attribution and extra statement (report.errors)
    bootstrap: int = 0  # resample the articles this many times for a 95% interval of each F1 (0: none)
    extract: ExtractOptions = field(default_factory=ExtractOptions)


@dataclass(frozen=True, kw_only=True)
class PolnearReport:
    """Micro-averaged scores over a split and the speed of the extraction that produced them."""

    scores: Scores
    articles: int
    words: int
    seconds: float  # extraction only: pipelines are loaded before the clock starts
    workers: int
    failures: tuple[Failure, ...] = ()
    errors: tuple[tuple[str, AttributionError], ...] = ()  # (article name, error), with options.errors
    intervals: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # metric → F1 interval

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, object]:
        """The JSON object ``onrecord eval polnear --json`` prints."""
        scores = self.scores
        return {
            "attribution": scores.attribution.as_dict(),
            **{name: getattr(scores, name).as_dict() for name in SPAN_METRICS},
            "articles_per_second": round(self.articles_per_second, 3),
            "words_per_second": round(self.words_per_second, 1),
            "articles": self.articles,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "failures": len(self.failures),
            "gold_excluded": scores.gold_excluded,
            "pred_excluded": scores.pred_excluded,
            **(
                {"f1_intervals": {k: [round(v, 4) for v in pair] for k, pair in self.intervals.items()}}
                if self.intervals
                else {}
            ),
        }


SPAN_METRICS = (
    "content_exact",
    "content_overlap",
    "source_exact",
    "source_overlap",
    "cue_exact",
    "cue_overlap",
)


def evaluate_polnear(
    split_dir: Path | str,
    options: PolnearEvalOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> PolnearReport:
    """Extract every article of a PolNeAR split and score the statements against the gold.

    ``progress`` is called with (articles done, articles in all) after each article. A failed article
    counts as one with no statements (its gold attributions are all missed).
    """
    options = options or PolnearEvalOptions()
    gold = list(islice(read_polnear(split_dir, options.metadata), options.limit))
    articles = [g.to_article() for g in gold]
    results = []
    with open_runner(options.extract, workers=options.workers) as runner:
        start = time.perf_counter()
        for result in runner.run(articles):
            results.append(result)
            if progress:
                progress(len(results), len(articles))
        seconds = time.perf_counter() - start
    scores = Scores()
    per_article: list[Scores] = []
    errors: list[tuple[str, AttributionError]] = []
    for item, result in zip(gold, results, strict=True):
        statements = () if isinstance(result, Failure) else result.statements
        per_article.append(score_article(item.attributions, statements, item.text))
        scores += per_article[-1]
        if options.errors:
            errors += [(item.name, e) for e in attribution_errors(item.attributions, statements, item.text)]
    return PolnearReport(
        scores=scores,
        articles=len(gold),
        words=sum(word_count(g.text) for g in gold),
        seconds=seconds,
        workers=options.workers,
        failures=tuple(r for r in results if isinstance(r, Failure)),
        errors=tuple(errors),
        intervals=_intervals(per_article, options.bootstrap),
    )


def _intervals(per_article: list[Scores], samples: int) -> dict[str, tuple[float, float]]:
    if samples <= 0:
        return {}
    names = ("attribution", *SPAN_METRICS)
    return bootstrap_f1({n: [getattr(s, n) for s in per_article] for n in names}, samples=samples)
