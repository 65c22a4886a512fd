"""Human agreement on PolNeAR: each other annotator's file scored against the one that counts.

Some PolNeAR articles were annotated by several people; ``metadata.tsv`` names the one whose file is the
gold (the first listed). Scoring every other file of such an article against that gold, with exactly the
metrics of :mod:`onrecord.eval.attribution` (the other file plays the part of the statements), gives the
agreement of two trained annotators: the ceiling a system can be expected to reach on these metrics.
No extraction runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from onrecord.eval.attribution import Parts, Scores, score_parts
from onrecord.eval.polnear import SPAN_METRICS, GoldArticle, parse_ann, read_polnear


@dataclass(frozen=True, kw_only=True)
class AgreementReport:
    """Micro-averaged scores of every (other annotator, counted annotator) pair of files."""

    scores: Scores
    articles: int  # articles with more than one annotation file
    pairs: int  # other files scored, one pair each
    by_annotator: tuple[tuple[str, int, Scores], ...] = ()  # (other annotator, files, scores), sorted

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(name for name, _, _ in self.by_annotator)

    def as_dict(self) -> dict[str, object]:
        """The JSON object ``onrecord eval polnear-agreement --json`` prints."""
        return {
            "attribution": self.scores.attribution.as_dict(),
            **{name: getattr(self.scores, name).as_dict() for name in SPAN_METRICS},
            "articles": self.articles,
            "pairs": self.pairs,
            "by_annotator": {
                name: {"files": files, "attribution": scores.attribution.as_dict(), **_overlaps(scores)}
                for name, files, scores in self.by_annotator
            },
            "gold_excluded": self.scores.gold_excluded,
            "pred_excluded": self.scores.pred_excluded,
        }


def annotator_agreement(
    split_dirs: Iterable[Path | str], metadata: Path | str | None = None
) -> AgreementReport:
    """Score the other annotators' files of every article in ``split_dirs`` against the counted file.

    ``metadata`` defaults to the ``metadata.tsv`` inside or next to each split folder.
    """
    scores, articles, pairs = Scores(), 0, 0
    by_annotator: dict[str, Scores] = defaultdict(Scores)
    files: Counter[str] = Counter()
    for split_dir in split_dirs:
        ann_dir = Path(split_dir) / "attributions"
        for article in read_polnear(split_dir, metadata):
            other_files = _other_files(ann_dir, article)
            if not other_files:
                continue
            articles += 1
            gold = [Parts.of_gold(g, article.text) for g in article.attributions]
            for annotator, path in other_files:
                attributions = parse_ann(path.read_text(encoding="utf-8"), article.text, source=str(path))
                pair = score_parts([Parts.of_gold(a, article.text) for a in attributions], gold)
                scores += pair
                by_annotator[annotator] += pair
                files[annotator] += 1
                pairs += 1
    return AgreementReport(
        scores=scores,
        articles=articles,
        pairs=pairs,
        by_annotator=tuple((name, files[name], by_annotator[name]) for name in sorted(by_annotator)),
    )


def _overlaps(scores: Scores) -> dict[str, dict[str, float | int]]:
    return {
        name: getattr(scores, name).as_dict() for name in ("content_overlap", "source_overlap", "cue_overlap")
    }


def _other_files(ann_dir: Path, article: GoldArticle) -> list[tuple[str, Path]]:
    """(annotator, path) of the article's annotation files other than the counted one, sorted."""
    found = []
    for path in sorted(ann_dir.glob(f"{article.name}_*.ann")):
        name, _, annotator = path.stem.rpartition("_")
        if name == article.name and annotator != article.annotator:
            found.append((annotator, path))
    return found
