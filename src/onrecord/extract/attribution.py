"""Learned attribution: who (source) said, believed or reported (cue) what (content).

Two linear-chain CRFs (python-crfsuite) trained on PolNeAR, over the spaCy parse:

1. the **cue tagger** labels the tokens of each paragraph with BIO tags for CUE ("said", "according
   to", "called for", "is expected", ":" …); a token whose cue marginal reaches ``cue_threshold``
   joins the cues too (below 0.5 this trades precision for recall);
2. the **role tagger** then labels, for each cue on its own, the tokens of the cue's sentence (and
   ``role_context`` sentences around it) as that cue's SOURCE or CONTENT, with features relative to
   the cue (side, distance, path in the parse tree, the cue's lemma). Where the best labelling gives
   no source (or no content), the run of tokens with the highest marginal is taken if it reaches
   ``fallback_threshold``.

A cue without content is dropped. A content that runs into a quotation continuing over the next
sentences is extended to the closing quotation mark (and back to the opening one). Features:
:mod:`onrecord.extract.attribution_features`; training: :mod:`onrecord.train.attribution`.

Load the model once at the edge and pass it in::

    model = AttributionModel.load()          # the model shipped in onrecord/data/attribution
    for attribution in model.predict(doc):   # doc: the spaCy parse of article.text
        attribution.source, attribution.cue, attribution.content
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.errors import ModelError
from onrecord.extract.attribution_features import (
    FEATURES_VERSION,
    Block,
    BlockFeatures,
    TokenTable,
    ancestors,
    blocks,
    relative_features,
    token_features,
)
from onrecord.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger("onrecord")

CUES_FILE = "cues.crfsuite"
ROLES_FILE = "roles.crfsuite"
META_FILE = "meta.json"
EXTRACTOR_NAME = "attribution.v1"
DEFAULT_CUE_THRESHOLD = 0.5
DEFAULT_FALLBACK_THRESHOLD = 1.0  # above any probability: no fallback
# Tokens on each side of a cue the role tagger reads: PolNeAR's longest sentence has 223, and in a run-on
# sentence of thousands of tokens every cue reading all of it made tagging quadratic
ROLE_REACH = 250


@dataclass(frozen=True, kw_only=True, slots=True)
class PredictedAttribution:
    """One predicted attribution; spans are character offsets into ``doc.text``."""

    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of tokens with one role, within a block: block positions ``start``..``end`` (exclusive)."""

    role: str
    start: int
    end: int
    sentence: int


def _tagger(model_bytes: bytes, name: str):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    try:
        tagger.open_inmemory(model_bytes)
    except (ValueError, OSError) as exc:
        raise ModelError(
            f"the attribution {name} model is not a CRFsuite model ({exc}); "
            "reinstall onrecord or retrain it with `onrecord train attribution`"
        ) from exc
    return tagger


class AttributionModel:
    """A trained two-stage attribution tagger. Build with :meth:`load`; pure to call."""

    def __init__(self, cues: bytes, roles: bytes, meta: dict[str, object]) -> None:
        if meta.get("features") != FEATURES_VERSION:
            raise ModelError(
                f"the attribution model was trained with features {meta.get('features')!r} but this "
                f"onrecord computes {FEATURES_VERSION!r}; retrain it with `onrecord train attribution`"
            )
        self._cue_bytes = cues
        self._role_bytes = roles
        self.meta = meta
        self.cue_threshold = float(meta.get("cue_threshold", DEFAULT_CUE_THRESHOLD))  # type: ignore[arg-type]
        self.role_context = int(meta.get("role_context", 0))  # type: ignore[call-overload]
        self.fallback_threshold = float(meta.get("fallback_threshold", DEFAULT_FALLBACK_THRESHOLD))  # type: ignore[arg-type]
        self._cues = _tagger(cues, "cue")
        self._roles = _tagger(roles, "role")
        self._role_labels = set(self._roles.labels())

    @classmethod
    def load(cls, path: Path | str | None = None) -> AttributionModel:
        """Load from a folder written by :meth:`save` (default: the model shipped with onrecord)."""
        if path is None:
            folder = resources.files("onrecord") / "data" / "attribution"
            fix = (
                "reinstall onrecord or build it with `onrecord train attribution --data .../train --out DIR`"
            )
            where = "onrecord/data/attribution"
        else:
            folder = Path(path)  # type: ignore[assignment]
            fix = "pass the --out folder of `onrecord train attribution`"
            where = str(path)
        parts = [folder / name for name in (CUES_FILE, ROLES_FILE, META_FILE)]
        if not all(part.is_file() for part in parts):
            raise ModelError(
                f"{where} holds no attribution model ({CUES_FILE}, {ROLES_FILE}, {META_FILE}); {fix}"
            )
        cues, roles, meta = (part.read_bytes() for part in parts)
        return cls(cues, roles, json.loads(meta.decode("utf-8")))

    def save(self, path: Path | str) -> Path:
        """Write the model into folder ``path`` (created if needed); returns the folder."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CUES_FILE).write_bytes(self._cue_bytes)
        (folder / ROLES_FILE).write_bytes(self._role_bytes)
        meta = json.dumps(self.settings(), indent=2, sort_keys=True)
        (folder / META_FILE).write_text(meta + "\n", encoding="utf-8")
        return folder

    def settings(self) -> dict[str, object]:
        """The model's metadata with the decoding settings as they are now."""
        return {
            **self.meta,
            "cue_threshold": self.cue_threshold,
            "fallback_threshold": self.fallback_threshold,
            "role_context": self.role_context,
        }

    def __reduce__(self) -> tuple[type[AttributionModel], tuple[bytes, bytes, dict[str, object]]]:
        # CRFsuite taggers cannot be pickled; rebuild them from the model bytes in the other process.
        return (AttributionModel, (self._cue_bytes, self._role_bytes, self.settings()))

    def find_cues(self, block: Block, feats: BlockFeatures) -> list[Segment]:
        """The cue runs of one block: CUE tags of the first tagger, widened by the cue marginals."""
        labels = list(self._cues.tag(feats.items))
        threshold = self.cue_threshold
        if threshold < DEFAULT_CUE_THRESHOLD:
            marginal = self._cues.marginal
            for k, label in enumerate(labels):
                # the CUE marginals (B and I) of a token sum to one minus its O marginal
                if label == "O" and 1.0 - marginal("O", k) >= threshold:
                    labels[k] = "I-CUE"
        return [s for s in segments(block, labels) if s.role == "CUE"]

    def predict(self, doc: Doc) -> list[PredictedAttribution]:
        """Every attribution in ``doc`` (a spaCy parse of the article text), in text order."""
        text = doc.text
        found: list[PredictedAttribution] = []
        table = TokenTable.of(doc)
        for block in blocks(doc):
            feats = token_features(doc, block, table)
            for cue in self.find_cues(block, feats):
                attribution = self._roles_of(doc, text, block, table, feats, cue)
                if attribution is not None:
                    found.append(attribution)
        return found

    def _roles_of(
        self,
        doc: Doc,
        text: str,
        block: Block,
        table: TokenTable,
        feats: BlockFeatures,
        cue: Segment,
    ) -> PredictedAttribution | None:
        window = sentence_window(block, cue.start, self.role_context)
        labels = self._roles.tag(relative_features(doc, block, feats, (cue.start, cue.end), window, table))
        parts = segments(block, list(labels), offset=window[0])
        contents = [s for s in parts if s.role == "CONTENT"] or self._likeliest("CONTENT", block, window)
        contents = extend_quotes(merge_adjacent(contents), feats.quotes, block)
        if not contents:
            return None
        sources = [s for s in parts if s.role == "SOURCE"] or self._likeliest("SOURCE", block, window)
        source = min(sources, key=lambda s: distance(table.heads, block, s, cue)) if sources else None
        return PredictedAttribution(
            source=to_span(doc, text, block, source) if source else None,
            cue=to_span(doc, text, block, cue),
            content=tuple(to_span(doc, text, block, s) for s in contents),
        )

    def _likeliest(self, role: str, block: Block, window: tuple[int, int]) -> list[Segment]:
        """The run of tokens likeliest to hold ``role`` by the role tagger's marginals (after tagging).

        Used when the best label sequence gives the cue no source or no content: the run around the
        most probable token, of tokens at least half as probable, if that token reaches
        ``fallback_threshold``.
        """
        marginal = self._roles.marginal
        tags = [tag for tag in ("B-" + role, "I-" + role) if tag in self._role_labels]
        probs = [sum(marginal(tag, k) for tag in tags) for k in range(window[1] - window[0])]
        best = max(range(len(probs)), key=probs.__getitem__, default=None)
        if best is None or probs[best] < self.fallback_threshold:
            return []
        start = end = best
        while start > 0 and probs[start - 1] >= probs[best] / 2:
            start -= 1
        while end + 1 < len(probs) and probs[end + 1] >= probs[best] / 2:
            end += 1
        offset = window[0]
        return [Segment(role, offset + start, offset + end + 1, block.sentence[offset + best])]


def sentence_window(block: Block, position: int, context: int = 0) -> tuple[int, int]:
    """Block positions (start, end) of the sentence holding ``position`` and ``context`` sentences
    on each side of it (within the block), at most ``ROLE_REACH`` tokens on each side."""
    sentence = block.sentence[position]
    start, low = position, max(0, position - ROLE_REACH)
    while start > low and block.sentence[start - 1] >= sentence - context:
        start -= 1
    end, high = position + 1, min(len(block.sentence), position + ROLE_REACH + 1)
    while end < high and block.sentence[end] <= sentence + context:
        end += 1
    return start, end


def segments(block: Block, labels: list[str], offset: int = 0) -> list[Segment]:
    """Runs of one role: a B- tag, or an I- tag after a different role, starts a new run. ``labels``
    are those of the block's tokens from position ``offset`` on."""
    found: list[Segment] = []
    current: Segment | None = None
    for k, label in enumerate(labels, start=offset):
        prefix, _, role = label.partition("-")
        if (
            current is not None
            and prefix == "I"
            and role == current.role
            and block.sentence[k] == current.sentence
        ):
            current = Segment(current.role, current.start, k + 1, current.sentence)
            continue
        if current is not None:
            found.append(current)
        current = Segment(role, k, k + 1, block.sentence[k]) if role else None
    if current is not None:
        found.append(current)
    return found


def merge_adjacent(parts: list[Segment]) -> list[Segment]:
    """Join segments that follow each other with no token between."""
    merged: list[Segment] = []
    for part in sorted(parts, key=lambda s: s.start):
        if merged and merged[-1].end == part.start:
            last = merged[-1]
            merged[-1] = Segment(last.role, last.start, part.end, last.sentence)
        else:
            merged.append(part)
    return merged


def extend_quotes(parts: list[Segment], quotes: list[int], block: Block) -> list[Segment]:
    """Carry the first and last content segment out to the quotation marks around them.

    A quotation still open where the last segment ends its sentence runs on to its closing mark
    (within the paragraph); one that opened before the sentence of the first segment is taken back to
    its opening mark. ``quotes`` is :func:`quote_state` of the block (2 opens, 3 closes, 1 inside).
    """
    if not parts:
        return parts
    parts = list(parts)
    last = parts[-1]
    if (
        last.end < len(quotes)
        and block.sentence[last.end] != last.sentence
        and quotes[last.end - 1] in (1, 2)
    ):
        k = last.end
        while k < len(quotes) and quotes[k] in (0, 1):
            k += 1
        if k < len(quotes) and quotes[k] == 3:
            parts[-1] = Segment(last.role, last.start, k + 1, last.sentence)
    first = parts[0]
    if first.start > 0 and block.sentence[first.start - 1] != first.sentence and quotes[first.start] == 1:
        k = first.start - 1
        while k > 0 and quotes[k] in (0, 1):
            k -= 1
        if quotes[k] == 2:
            parts[0] = Segment(first.role, k, first.end, first.sentence)
    return parts


def distance(heads: list[int], block: Block, a: Segment, b: Segment) -> tuple[int, int]:
    """Tree distance between the two segments' roots, then the token gap between them (``heads``:
    :attr:`TokenTable.heads` of the doc)."""
    gap = max(a.start - b.end, b.start - a.end, 0)
    up_a = ancestors(heads, segment_root(heads, block, a))
    depth_b = {t: d for d, t in enumerate(ancestors(heads, segment_root(heads, block, b)))}
    for d, t in enumerate(up_a):
        if t in depth_b:
            return (d + depth_b[t], gap)
    return (len(up_a) + len(depth_b), gap)


def segment_root(heads: list[int], block: Block, segment: Segment) -> int:
    """The token of the segment whose head lies outside it."""
    indices = set(block.tokens[segment.start : segment.end])
    for i in indices:
        if heads[i] not in indices or heads[i] == i:
            return i
    return block.tokens[segment.start]


def to_span(doc: Doc, text: str, block: Block, segment: Segment) -> Span:
    first = doc[block.tokens[segment.start]]
    last = doc[block.tokens[segment.end - 1]]
    start, end = first.idx, last.idx + len(last.text)
    return Span(start=start, end=end, text=text[start:end])
