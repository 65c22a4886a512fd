"""Measure the attribution model alone on a PolNeAR split, with the scorer of `onrecord eval polnear`.

    python -m onrecord.train.evaluate ../shared/data/polnear/dev [--model DIR] [--json]

Predictions become Statements (source -> speaker.span, cue, content; kind "direct" when every content
span is inside quotation marks) and are scored by :func:`onrecord.eval.attribution.score_article`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.eval.attribution import Scores, score_article
from onrecord.eval.polnear import SPAN_METRICS
from onrecord.extract.attribution import EXTRACTOR_NAME, AttributionModel, PredictedAttribution
from onrecord.ids import content_id
from onrecord.model import Speaker, Statement

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from onrecord.eval.polnear import GoldArticle

QUOTE_MARKS = '"“”«»„'


def is_quoted(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` sits between quotation marks (allowing punctuation and spaces)."""
    before = text[max(0, start - 3) : start].strip(" ,:")
    after = text[end : end + 3].strip(" ,.;:")
    inner = text[start:end].strip()
    opened = inner[:1] in QUOTE_MARKS or before[-1:] in QUOTE_MARKS
    closed = inner[-1:] in QUOTE_MARKS or inner.rstrip(".,!?")[-1:] in QUOTE_MARKS or after[:1] in QUOTE_MARKS
    return opened and closed


def to_statement(attribution: PredictedAttribution, text: str) -> Statement:
    """The Statement record of one predicted attribution (speaker unresolved: span and name only)."""
    direct = all(is_quoted(text, s.start, s.end) for s in attribution.content)
    source = attribution.source
    return Statement(
        id=content_id("s", EXTRACTOR_NAME, [s.start for s in attribution.content], source and source.start),
        speaker=Speaker(span=source, name=source.text if source else None),
        cue=attribution.cue,
        content=attribution.content,
        kind="direct" if direct else "indirect",
    )


@dataclass(frozen=True, kw_only=True)
class ModelReport:
    scores: Scores
    articles: int
    words: int
    predict_seconds: float

    def as_dict(self) -> dict[str, object]:
        s = self.scores
        return {
            "attribution": s.attribution.as_dict(),
            **{name: getattr(s, name).as_dict() for name in SPAN_METRICS},
            "articles": self.articles,
            "predict_seconds": round(self.predict_seconds, 2),
            "predict_words_per_second": round(self.words / self.predict_seconds, 1)
            if self.predict_seconds
            else 0,
            "gold_excluded": s.gold_excluded,
            "pred_excluded": s.pred_excluded,
        }


def score_model(
    model: AttributionModel, pairs: Iterable[tuple[Doc, GoldArticle]], *, require_source: bool = True
) -> ModelReport:
    """Predict over parsed gold articles and score; ``require_source`` drops source-less predictions."""
    scores = Scores()
    articles = words = 0
    seconds = 0.0
    for doc, gold in pairs:
        start = time.perf_counter()
        predicted = model.predict(doc)
        seconds += time.perf_counter() - start
        if require_source:
            predicted = [p for p in predicted if p.source is not None]
        statements = [to_statement(p, gold.text) for p in predicted]
        scores += score_article(gold.attributions, statements, gold.text)
        articles += 1
        words += len(gold.text.split())
    return ModelReport(scores=scores, articles=articles, words=words, predict_seconds=seconds)


def format_table(report: ModelReport) -> str:
    lines = [f"{'metric':<18}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}"]
    for name in ("attribution", *SPAN_METRICS):
        c = getattr(report.scores, name)
        lines.append(f"{name:<18}{c.p:>8.3f}{c.r:>8.3f}{c.f1:>8.3f}{c.tp:>7}{c.pred:>7}{c.gold:>7}")
    lines.append(f"{report.articles} articles; prediction {report.predict_seconds:.1f} s (parse not counted)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    from onrecord.eval.polnear import read_polnear
    from onrecord.nlp import load_parsing_pipeline
    from onrecord.train.attribution import parse_gold

    parser = argparse.ArgumentParser(description="Score the attribution model on a PolNeAR split.")
    parser.add_argument("split", type=Path, help="a PolNeAR split folder, e.g. .../polnear/dev")
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped one)")
    parser.add_argument("--metadata", type=Path, default=None, help="metadata.tsv (default: next to split)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    model = AttributionModel.load(args.model)
    gold = list(read_polnear(args.split, args.metadata))
    report = score_model(model, parse_gold(gold, load_parsing_pipeline()))
    print(json.dumps(report.as_dict()) if args.json else format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
