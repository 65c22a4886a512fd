"""Train the attribution tagger on PolNeAR: gold spans -> BIO token labels -> CRFsuite model.

    onrecord train attribution --data ../shared/data/polnear/train --out src/onrecord/data/attribution

Two CRFs are trained (see :mod:`onrecord.extract.attribution`): the cue tagger on every paragraph
labelled with all gold parts (of attributions with or without a source), and the role tagger on each
gold cue's sentence labelled with that attribution's own source and content.
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
from onrecord.extract.attribution import AttributionModel, sentence_window
from onrecord.extract.attribution_features import (
    FEATURES_VERSION,
    Block,
    Features,
    TokenTable,
    blocks,
    relative_features,
    token_features,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from onrecord.eval.polnear import GoldArticle, GoldAttribution

log = logging.getLogger("onrecord")

PRIORITY = {"CUE": 3, "SOURCE": 2, "CONTENT": 1}


@dataclass(frozen=True, kw_only=True)
class TrainOptions:
    """CRF training settings; each default is declared here only."""

    c1: float = 1.0  # L1; strong regularisation generalises best on dev (docs/attribution-model.md)
    c2: float = 1.0  # L2 (chosen on dev from 0.1, 0.3, 1.0, 3.0: docs/attribution-model.md)
    max_iterations: int = 150
    min_feature_freq: int = 2
    cue_threshold: float = 0.42  # stored in the model; see AttributionModel.find_cues
    fallback_threshold: float = 0.2  # stored in the model; see AttributionModel._likeliest
    role_context: int = 0  # sentences on each side of the cue's sentence that the role tagger labels
    limit: int | None = None  # train on the first N articles only (for quick experiments)
    metadata: Path | None = None
    extra: dict[str, object] = field(default_factory=dict)  # recorded in meta.json


Roles = dict[int, tuple[str, int]]  # character offset -> (role, fragment number)


def char_roles(attributions: Iterable[GoldAttribution], *, cue: bool = True) -> Roles:
    """Per covered character: (role, fragment number) of the gold fragment covering it.

    Where parts collide the cue wins over the source and the source over the content. With
    ``cue=False`` the cue is left out (the role tagger sees it as the given cue, not as a label).
    """
    roles: Roles = {}
    number = 0
    for attribution in attributions:
        parts = [("CONTENT", attribution.content), ("SOURCE", attribution.source)]
        if cue:
            parts.append(("CUE", attribution.cue))
        for role, spans in parts:
            for span in spans:
                number += 1
                for c in range(span.start, span.end):
                    held = roles.get(c)
                    if held is None or PRIORITY[role] >= PRIORITY[held[0]]:
                        roles[c] = (role, number)
    return roles


def token_roles(doc: Doc, tokens: Sequence[int], roles: Roles) -> list[str]:
    """BIO label of each token from the per-character gold roles."""
    labels: list[str] = []
    previous: tuple[str, int] | None = None
    for i in tokens:
        token = doc[i]
        held = next((roles[c] for c in range(token.idx, token.idx + len(token.text)) if c in roles), None)
        if held is None:
            labels.append("O")
        else:
            labels.append(("I-" if previous == held else "B-") + held[0])
        previous = held
    return labels


def block_labels(doc: Doc, block: Block, roles: Roles) -> list[str]:
    """BIO label of every token of ``block``."""
    return token_roles(doc, block.tokens, roles)


Sequence_ = tuple[list[Features], list[str]]


def article_sequences(
    doc: Doc, gold: Sequence[GoldAttribution], options: TrainOptions
) -> tuple[list[Sequence_], list[Sequence_]]:
    """Training sequences of one parsed article: (cue tagger sequences, role tagger sequences).

    The cue tagger gets every block with the gold cues; the role tagger gets, per gold attribution
    with a cue, the cue's sentence labelled with that attribution's own source and content.
    """
    cue_seqs: list[Sequence_] = []
    role_seqs: list[Sequence_] = []
    roles = char_roles(gold)
    where: dict[int, tuple[int, int]] = {}  # character -> (block number, position)
    block_list = list(blocks(doc))
    block_feats = []
    table = TokenTable.of(doc)
    for b, block in enumerate(block_list):
        feats = token_features(doc, block, table)
        block_feats.append(feats)
        labels = [label if label.endswith("CUE") else "O" for label in block_labels(doc, block, roles)]
        cue_seqs.append((feats.items, labels))
        for k, i in enumerate(block.tokens):
            token = doc[i]
            for c in range(token.idx, token.idx + len(token.text)):
                where[c] = (b, k)
    for attribution in gold:
        located = _cue_positions(attribution, where)
        if located is None:
            continue
        b, start, end = located
        block = block_list[b]
        window = sentence_window(block, start, options.role_context)
        relative = relative_features(doc, block, block_feats[b], (start, end), window, table)
        own = char_roles([attribution], cue=False)
        role_seqs.append((relative, token_roles(doc, block.tokens[window[0] : window[1]], own)))
    return cue_seqs, role_seqs


def _cue_positions(
    attribution: GoldAttribution, where: dict[int, tuple[int, int]]
) -> tuple[int, int, int] | None:
    """(block, start, end) of the first run of cue tokens, or None for a cue outside every block."""
    hits = sorted({where[c] for span in attribution.cue for c in range(span.start, span.end) if c in where})
    if not hits:
        return None
    block, start = hits[0]
    end = start + 1
    for b, k in hits[1:]:
        if b != block or k != end:
            break
        end += 1
    return block, start, end


def _train_crf(seqs: Iterable[Sequence_], options: TrainOptions) -> tuple[bytes, int, float]:
    """Train one CRF; returns (model bytes, tokens, seconds)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    tokens = 0
    for feats, labels in seqs:
        trainer.append(feats, labels)
        tokens += len(labels)
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
        return model_path.read_bytes(), tokens, time.perf_counter() - start


def train_on_docs(
    pairs: Iterable[tuple[Doc, Sequence[GoldAttribution]]], options: TrainOptions | None = None
) -> AttributionModel:
    """Train both taggers from parsed articles and their gold attributions."""
    options = options or TrainOptions()
    cue_seqs: list[Sequence_] = []
    role_seqs: list[Sequence_] = []
    articles = 0
    for doc, gold in pairs:
        articles += 1
        cues, roles = article_sequences(doc, gold, options)
        cue_seqs.extend(cues)
        role_seqs.extend(roles)
    if not articles:
        raise ModelError("no training articles were given; pass a PolNeAR split folder with --data")
    cue_bytes, cue_tokens, cue_seconds = _train_crf(cue_seqs, options)
    del cue_seqs
    role_bytes, role_tokens, role_seconds = _train_crf(role_seqs, options)
    log.info("trained on %d articles in %.0f s + %.0f s", articles, cue_seconds, role_seconds)
    meta = {
        "features": FEATURES_VERSION,
        "articles": articles,
        "cue_tokens": cue_tokens,
        "role_tokens": role_tokens,
        "role_sequences": len(role_seqs),
        "c1": options.c1,
        "c2": options.c2,
        "max_iterations": options.max_iterations,
        "min_feature_freq": options.min_feature_freq,
        "cue_threshold": options.cue_threshold,
        "fallback_threshold": options.fallback_threshold,
        "role_context": options.role_context,
        "train_seconds": round(cue_seconds + role_seconds, 1),
        **options.extra,
    }
    return AttributionModel(cue_bytes, role_bytes, meta)


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
    from onrecord.nlp import load_parsing_pipeline

    options = options or TrainOptions()
    gold = list(islice(read_polnear(data_dir, options.metadata), options.limit))
    if nlp is None:
        nlp = load_parsing_pipeline()

    def parsed() -> Iterator[tuple[Doc, Sequence[GoldAttribution]]]:
        for done, (doc, article) in enumerate(parse_gold(gold, nlp), start=1):
            if progress:
                progress(done, len(gold))
            yield doc, article.attributions

    extra = {
        "data": Path(data_dir).name,
        "spacy_model": nlp.meta.get("name", ""),
        "spacy_components": list(nlp.pipe_names),  # the parse it learned from (paragraph_breaks or not)
        **options.extra,
    }
    return train_on_docs(parsed(), replace(options, extra=extra))
