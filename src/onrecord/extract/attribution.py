"""Learned attribution: who (source) said, believed or reported (cue) what (content).

A linear-chain CRF (python-crfsuite) trained on PolNeAR tags the tokens of each paragraph with BIO
labels for SOURCE, CUE and CONTENT (features: :mod:`onrecord.extract.attribution_features`).
The tagged spans are then linked into attributions: each cue takes the source and the content spans
of its sentence that the parse puts nearest to it; content in a sentence without a cue (the rest of
a quotation running over several sentences) goes to the nearest cue of the same paragraph.

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
from onrecord.extract.attribution_features import FEATURES_VERSION, Block, blocks, token_features
from onrecord.model import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger("onrecord")

ROLES = ("SOURCE", "CUE", "CONTENT")
MODEL_FILE = "attribution.crfsuite"
META_FILE = "meta.json"
EXTRACTOR_NAME = "attribution.v1"


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


class AttributionModel:
    """A trained attribution tagger. Build with :meth:`load` or :meth:`from_bytes`; pure to call."""

    def __init__(self, model_bytes: bytes, meta: dict[str, object]) -> None:
        import pycrfsuite

        if meta.get("features") != FEATURES_VERSION:
            raise ModelError(
                f"the attribution model was trained with features {meta.get('features')!r} but this "
                f"onrecord computes {FEATURES_VERSION!r}; retrain it with `onrecord train attribution`"
            )
        self._bytes = model_bytes
        self.meta = meta
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open_inmemory(model_bytes)
        except (ValueError, OSError) as exc:
            raise ModelError(
                f"the attribution model is not a CRFsuite model ({exc}); "
                "reinstall onrecord or retrain it with `onrecord train attribution`"
            ) from exc

    @classmethod
    def load(cls, path: Path | str | None = None) -> AttributionModel:
        """Load from a folder holding ``attribution.crfsuite`` and ``meta.json`` (default: the shipped one)."""
        if path is None:
            folder = resources.files("onrecord") / "data" / "attribution"
            model_res, meta_res = folder / MODEL_FILE, folder / META_FILE
            if not model_res.is_file() or not meta_res.is_file():
                raise ModelError(
                    "the attribution model is missing from onrecord/data/attribution; reinstall onrecord "
                    "or build it with `onrecord train attribution --data .../polnear/train --out DIR`"
                )
            return cls(model_res.read_bytes(), json.loads(meta_res.read_text(encoding="utf-8")))
        folder = Path(path)
        model_path, meta_path = folder / MODEL_FILE, folder / META_FILE
        if not model_path.is_file() or not meta_path.is_file():
            raise ModelError(
                f"{folder} holds no attribution model ({MODEL_FILE} and {META_FILE}); "
                "pass the --out folder of `onrecord train attribution`"
            )
        return cls(model_path.read_bytes(), json.loads(meta_path.read_text(encoding="utf-8")))

    def save(self, path: Path | str) -> Path:
        """Write the model into folder ``path`` (created if needed); returns the folder."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MODEL_FILE).write_bytes(self._bytes)
        (folder / META_FILE).write_text(
            json.dumps(self.meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return folder

    def __reduce__(self) -> tuple[type[AttributionModel], tuple[bytes, dict[str, object]]]:
        # The CRFsuite tagger cannot be pickled; rebuild it from the model bytes in the other process.
        return (AttributionModel, (self._bytes, self.meta))

    def tag(self, doc: Doc, block: Block) -> list[str]:
        """The BIO label of every token of ``block``."""
        return list(self._tagger.tag(token_features(doc, block)))

    def predict(self, doc: Doc) -> list[PredictedAttribution]:
        """Every attribution in ``doc`` (a spaCy parse of the article text), in text order."""
        text = doc.text
        found: list[PredictedAttribution] = []
        for block in blocks(doc):
            found.extend(link(doc, text, block, segments(block, self.tag(doc, block))))
        return found


def segments(block: Block, labels: list[str]) -> list[Segment]:
    """Runs of one role: a B- tag, or an I- tag after a different role, starts a new run."""
    found: list[Segment] = []
    current: Segment | None = None
    for k, label in enumerate(labels):
        prefix, _, role = label.partition("-")
        continues = (
            current is not None
            and prefix == "I"
            and role == current.role
            and block.sentence[k] == current.sentence
        )
        if continues and current is not None:
            current = Segment(current.role, current.start, k + 1, current.sentence)
            continue
        if current is not None:
            found.append(current)
        current = Segment(role, k, k + 1, block.sentence[k]) if role else None
    if current is not None:
        found.append(current)
    return found


def link(doc: Doc, text: str, block: Block, found: list[Segment]) -> list[PredictedAttribution]:
    """Group the tagged segments of a block into attributions, one per cue."""
    cues = [s for s in found if s.role == "CUE"]
    if not cues:
        return []
    sources = [s for s in found if s.role == "SOURCE"]
    contents: dict[int, list[Segment]] = {id(c): [] for c in cues}
    for segment in found:
        if segment.role == "CONTENT":
            contents[id(_nearest_cue(doc, block, segment, cues))].append(segment)
    result = []
    for cue in cues:
        if not contents[id(cue)]:
            continue
        candidates = [s for s in sources if s.sentence == cue.sentence]
        source = min(candidates, key=lambda s: _distance(doc, block, s, cue)) if candidates else None
        result.append(
            PredictedAttribution(
                source=_span(doc, text, block, source) if source else None,
                cue=_span(doc, text, block, cue),
                content=tuple(_span(doc, text, block, s) for s in _merge_adjacent(contents[id(cue)])),
            )
        )
    return result


def _merge_adjacent(parts: list[Segment]) -> list[Segment]:
    """Join content segments that follow each other with no token between (a quote over sentences)."""
    merged: list[Segment] = []
    for part in sorted(parts, key=lambda s: s.start):
        if merged and merged[-1].end == part.start:
            last = merged[-1]
            merged[-1] = Segment(last.role, last.start, part.end, last.sentence)
        else:
            merged.append(part)
    return merged


def _nearest_cue(doc: Doc, block: Block, segment: Segment, cues: list[Segment]) -> Segment:
    same = [c for c in cues if c.sentence == segment.sentence]
    if same:
        return min(same, key=lambda c: _distance(doc, block, segment, c))

    def sentence_gap(cue: Segment) -> tuple[int, int]:
        gap = segment.sentence - cue.sentence
        return (abs(gap), 0 if gap > 0 else 1)  # an earlier cue wins a tie: quotes run on after it

    return min(cues, key=sentence_gap)


def _distance(doc: Doc, block: Block, a: Segment, b: Segment) -> tuple[int, int]:
    """Tree distance between the two segments' roots, then the token gap between them."""
    ra, rb = _segment_root(doc, block, a), _segment_root(doc, block, b)
    gap = max(a.start - b.end, b.start - a.end, 0)
    return (_tree_distance(doc, ra, rb), gap)


def _segment_root(doc: Doc, block: Block, segment: Segment) -> int:
    indices = set(block.tokens[segment.start : segment.end])
    for i in indices:
        if doc[i].head.i not in indices or doc[i].head.i == i:
            return i
    return block.tokens[segment.start]


def _tree_distance(doc: Doc, a: int, b: int) -> int:
    up_a = _ancestors(doc, a)
    up_b = _ancestors(doc, b)
    depth_b = {t: d for d, t in enumerate(up_b)}
    for d, t in enumerate(up_a):
        if t in depth_b:
            return d + depth_b[t]
    return len(up_a) + len(up_b)


def _ancestors(doc: Doc, i: int) -> list[int]:
    chain = [i]
    while doc[chain[-1]].head.i != chain[-1] and len(chain) < 64:
        chain.append(doc[chain[-1]].head.i)
    return chain


def _span(doc: Doc, text: str, block: Block, segment: Segment) -> Span:
    first = doc[block.tokens[segment.start]]
    last = doc[block.tokens[segment.end - 1]]
    start, end = first.idx, last.idx + len(last.text)
    return Span(start=start, end=end, text=text[start:end])
