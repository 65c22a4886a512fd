"""Train the attribution tagger on PolNeAR: gold spans -> BIO token labels -> CRFsuite model.

    onrecord train attribution --data ../shared/data/polnear/train --out src/onrecord/data/attribution

Each gold fragment (Source, Cue, Content of every attribution, with or without a source) labels the
tokens it covers; where parts collide the cue wins over the source, the source over the content.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.errors import ModelError
from onrecord.extract.attribution import AttributionModel
from onrecord.extract.attribution_features import FEATURES_VERSION, Block, blocks, token_features

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from onrecord.eval.polnear import GoldArticle, GoldAttribution

log = logging.getLogger("onrecord")

PRIORITY = {"CUE": 3, "SOURCE": 2, "CONTENT": 1}


@dataclass(frozen=True, kw_only=True)
class TrainOptions:
    """CRF training settings; each default is declared here only."""

    c1: float = 0.05  # L1: keeps the model small
    c2: float = 0.01  # L2
    max_iterations: int = 200
    min_feature_freq: int = 2
    limit: int | None = None  # train on the first N articles only (for quick experiments)
    metadata: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)  # recorded in meta.json


def char_roles(text_length: int, attributions: Iterable[GoldAttribution]) -> list[tuple[str, int] | None]:
    """Per character: (role, fragment number) of the gold fragment covering it, or None."""
    roles: list[tuple[str, int] | None] = [None] * text_length
    number = 0
    for attribution in attributions:
        for role, spans in (
            ("CONTENT", attribution.content),
            ("SOURCE", attribution.source),
            ("CUE", attribution.cue),
        ):
            for span in spans:
                number += 1
                for c in range(span.start, min(span.end, text_length)):
                    held = roles[c]
                    if held is None or PRIORITY[role] >= PRIORITY[held[0]]:
                        roles[c] = (role, number)
    return roles


def block_labels(doc: Doc, block: Block, roles: Sequence[tuple[str, int] | None]) -> list[str]:
    """BIO label of every token of ``block`` from the per-character gold roles."""
    labels: list[str] = []
    previous: tuple[str, int] | None = None
    for i in block.tokens:
        token = doc[i]
        held = next(
            (roles[c] for c in range(token.idx, token.idx + len(token.text)) if roles[c] is not None),
            None,
        )
        if held is None:
            labels.append("O")
        else:
            labels.append(("I-" if previous == held else "B-") + held[0])
        previous = held
    return labels


def sequences(doc: Doc, gold: Sequence[GoldAttribution]) -> Iterator[tuple[list[dict], list[str]]]:
    """(features, labels) for every block of one parsed article."""
    roles = char_roles(len(doc.text), gold)
    for block in blocks(doc):
        yield token_features(doc, block), block_labels(doc, block, roles)


def train_on_docs(
    pairs: Iterable[tuple[Doc, Sequence[GoldAttribution]]], options: TrainOptions | None = None
) -> AttributionModel:
    """Train a model from parsed articles and their gold attributions."""
    import pycrfsuite

    options = options or TrainOptions()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_articles = n_tokens = 0
    for doc, gold in pairs:
        n_articles += 1
        for feats, labels in sequences(doc, gold):
            trainer.append(feats, labels)
            n_tokens += len(labels)
    if not n_articles:
        raise ModelError("no training articles were given; pass a PolNeAR split folder with --data")
    trainer.set_params(
        {
            "c1": options.c1,
            "c2": options.c2,
            "max_iterations": options.max_iterations,
            "feature.minfreq": options.min_feature_freq,
            "feature.possible_transitions": True,
        }
    )
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        model_path = Path(tmp) / "model.crfsuite"
        trainer.train(str(model_path))
        model_bytes = model_path.read_bytes()
    seconds = time.perf_counter() - start
    log.info("trained on %d articles (%d tokens) in %.0f s", n_articles, n_tokens, seconds)
    meta = {
        "features": FEATURES_VERSION,
        "articles": n_articles,
        "tokens": n_tokens,
        "c1": options.c1,
        "c2": options.c2,
        "max_iterations": options.max_iterations,
        "min_feature_freq": options.min_feature_freq,
        "train_seconds": round(seconds, 1),
        **options.extra,
    }
    return AttributionModel(model_bytes, meta)


def parse_gold(
    articles: Iterable[GoldArticle], nlp, batch_size: int = 16
) -> Iterator[tuple[Doc, GoldArticle]]:
    """Parse each gold article's text with ``nlp`` (batched), keeping the article beside its Doc."""
    pairs = ((a.text, a) for a in articles)
    yield from nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)


def train_attribution(
    data_dir: Path | str,
    options: TrainOptions | None = None,
    *,
    nlp=None,
    progress: Callable[[int, int], None] | None = None,
) -> AttributionModel:
    """Read a PolNeAR split, parse it with ``nlp`` (default: onrecord's pipeline) and train a model.

    ``progress`` is called with (articles parsed, articles in all).
    """
    from onrecord.eval.polnear import read_polnear
    from onrecord.nlp import load_pipeline

    options = options or TrainOptions()
    gold = list(islice(read_polnear(data_dir, options.metadata), options.limit))
    if nlp is None:
        nlp = load_pipeline()

    def parsed() -> Iterator[tuple[Doc, Sequence[GoldAttribution]]]:
        for done, (doc, article) in enumerate(parse_gold(gold, nlp), start=1):
            if progress:
                progress(done, len(gold))
            yield doc, article.attributions

    extra = {"data": Path(data_dir).name, "spacy_model": nlp.meta.get("name", ""), **options.extra}
    return train_on_docs(parsed(), replace(options, extra=extra))
