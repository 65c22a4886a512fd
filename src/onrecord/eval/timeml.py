"""Score time expressions against TimeML (.tml) files, as TempEval-3 does.

Each file's ``<TEXT>`` element is stripped of its tags to rebuild the raw text; the ``TIMEX3``
elements inside it give the gold offsets, TimeML type and normalized value. The document
creation time (DCT) is the ``TIMEX3`` whose ``functionInDocument`` is ``CREATION_TIME``.

Measures (TempEval-3): detection precision, recall and F1 with strict (same extent) and relaxed
(overlapping extent) matching; type accuracy over the relaxed matches; and value F1, where a
relaxed match counts only if its normalized value equals the gold value.
"""

from __future__ import annotations

import datetime as dt
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.errors import EvalError

if TYPE_CHECKING:
    from spacy.language import Language

TIMEX_TAG = "TIMEX3"


@dataclass(frozen=True, kw_only=True)
class GoldTimex:
    """One annotated (or predicted) time expression: character offsets into the raw text."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, kw_only=True)
class TimemlDocument:
    """The raw text of one TimeML file, its creation date and its gold time expressions."""

    name: str
    dct: dt.date
    text: str
    timexes: tuple[GoldTimex, ...]


def _parse_dct(root: ET.Element, name: str) -> dt.date:
    for element in root.iter(TIMEX_TAG):
        if element.get("functionInDocument") == "CREATION_TIME":
            value = element.get("value", "")
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError as exc:
                raise EvalError(
                    f"{name}: the creation time value {value!r} is not a date; fix the DCT TIMEX3 value"
                ) from exc
    raise EvalError(f'{name}: no TIMEX3 with functionInDocument="CREATION_TIME"; add the document\'s DCT')


def _flatten(element: ET.Element, parts: list[str], offset: int, found: list[GoldTimex]) -> int:
    """Append the text under ``element`` to ``parts``; record each TIMEX3's offsets. Returns the offset."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _flatten(child, parts, offset, found)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == TIMEX_TAG:
        # the text is filled in by read_timeml once the whole body is joined
        found.append(
            GoldTimex(
                start=start, end=offset, text="", type=element.get("type", ""), value=element.get("value", "")
            )
        )
    return offset


def read_timeml(path: Path) -> TimemlDocument:
    """Read one .tml file into its raw text, DCT and gold time expressions."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvalError(f"{path} cannot be read as TimeML ({exc}); check that it is well-formed XML") from exc
    body = root.find("TEXT")
    if body is None:
        raise EvalError(f"{path} has no <TEXT> element; TimeML files keep their text inside <TEXT>")
    parts: list[str] = []
    found: list[GoldTimex] = []
    _flatten(body, parts, 0, found)
    text = "".join(parts)
    timexes = tuple(
        GoldTimex(start=g.start, end=g.end, text=text[g.start : g.end], type=g.type, value=g.value)
        for g in found
    )
    return TimemlDocument(name=path.name, dct=_parse_dct(root, str(path)), text=text, timexes=timexes)


def read_timeml_dir(directory: Path) -> Iterator[TimemlDocument]:
    """Read every .tml file under ``directory`` (recursively), in name order."""
    paths = sorted(directory.rglob("*.tml"))
    if not paths:
        raise EvalError(f"no .tml files under {directory}; pass a folder of TimeML files")
    for path in paths:
        yield read_timeml(path)


@dataclass(kw_only=True)
class TimexScores:
    """Counts over a corpus and the TempEval-3 measures derived from them."""

    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, text, gold, system)

    def add(self, other: TimexScores) -> None:
        for name in ("documents", "gold", "system", "strict", "relaxed", "type_correct", "value_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    @staticmethod
    def _prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict[str, float | int]:
        """The measures as one flat mapping (the JSON the CLI prints)."""
        out: dict[str, float | int] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed), ("value", self.value_correct)):
            p, r, f = self._prf(hits, self.system, self.gold)
            out[f"{name}_precision"] = round(p, 4)
            out[f"{name}_recall"] = round(r, 4)
            out[f"{name}_f1"] = round(f, 4)
        out["type_accuracy"] = round(self.type_correct / self.relaxed, 4) if self.relaxed else 0.0
        out["value_accuracy"] = round(self.value_correct / self.relaxed, 4) if self.relaxed else 0.0
        out.update(
            documents=self.documents,
            gold=self.gold,
            system=self.system,
            strict_matches=self.strict,
            relaxed_matches=self.relaxed,
            type_correct=self.type_correct,
            value_correct=self.value_correct,
            seconds=round(self.seconds, 2),
            docs_per_second=round(self.documents / self.seconds, 2) if self.seconds else 0.0,
        )
        return out


def _overlap(a: GoldTimex, b: GoldTimex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score_document(name: str, gold: Iterable[GoldTimex], system: Iterable[GoldTimex]) -> TimexScores:
    """Match system to gold one-to-one (largest overlap first) and count the TempEval-3 measures."""
    gold_list, system_list = list(gold), list(system)
    pairs = sorted(
        ((_overlap(g, s), gi, si) for gi, g in enumerate(gold_list) for si, s in enumerate(system_list)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    scores = TimexScores(documents=1, gold=len(gold_list), system=len(system_list))
    for size, gi, si in pairs:
        if size <= 0:
            break
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        g, s = gold_list[gi], system_list[si]
        scores.relaxed += 1
        scores.strict += (g.start, g.end) == (s.start, s.end)
        scores.type_correct += g.type == s.type
        if g.value == s.value:
            scores.value_correct += 1
        else:
            scores.errors.append(
                (name, f"{g.text!r}|{s.text!r}", f"{g.type} {g.value}", f"{s.type} {s.value}")
            )
    for gi, g in enumerate(gold_list):
        if gi not in used_gold:
            scores.errors.append((name, repr(g.text), f"{g.type} {g.value}", "MISSED"))
    for si, s in enumerate(system_list):
        if si not in used_system:
            scores.errors.append((name, repr(s.text), "SPURIOUS", f"{s.type} {s.value}"))
    return scores


Tagger = Callable[[Iterable[TimemlDocument]], Iterator[tuple[TimemlDocument, list[GoldTimex]]]]


def evaluate(documents: Iterable[TimemlDocument], tagger: Tagger) -> TimexScores:
    """Run ``tagger`` over ``documents`` and add up the per-document scores and the time taken."""
    total = TimexScores()
    began = time.perf_counter()
    for document, predicted in tagger(documents):
        total.add(score_document(document.name, document.timexes, predicted))
    total.seconds = time.perf_counter() - began
    return total


def pipeline_tagger(nlp: Language, *, batch_size: int = 16) -> Tagger:
    """The real extraction path: parse each text with ``nlp`` and run :func:`find_times` on it."""
    from onrecord.extract.timex import find_times

    def tag(documents: Iterable[TimemlDocument]) -> Iterator[tuple[TimemlDocument, list[GoldTimex]]]:
        pairs = ((document.text, document) for document in documents)
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            found = [
                GoldTimex(
                    start=t.span.start, end=t.span.end, text=t.span.text, type=t.type, value=t.value or ""
                )
                for t in find_times(doc, document.dct)
                if t.span is not None
            ]
            yield document, found

    return tag


def evaluate_timeml(directory: Path, nlp: Language) -> TimexScores:
    """Score :func:`find_times` over every .tml file under ``directory`` (TempEval-3 measures)."""
    return evaluate(read_timeml_dir(directory), pipeline_tagger(nlp))
