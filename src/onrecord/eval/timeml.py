"""Score time expressions against TimeML (.tml) files, as TempEval-3 does.

Each file's ``<TEXT>`` element is stripped of its tags to rebuild the raw text; the ``TIMEX3``
elements inside it give the gold offsets, TimeML type and normalized value. The document
creation time (DCT) is the ``TIMEX3`` whose ``functionInDocument`` is ``CREATION_TIME``.

Measures (TempEval-3): detection precision, recall and F1 with strict (same extent) and relaxed
(overlapping extent) matching; type and value accuracy over the relaxed matches; and value F1,
the relaxed precision and recall each scaled by the value accuracy (the attribute F1 of the
official TempEval-3 scorer).
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
    """Counts over a corpus and the TempEval-3 measures derived from them.

    As in the TempEval-3 scorer, matches are counted on each side separately: ``strict`` and
    ``relaxed`` count gold expressions that a system expression matches (recall), ``strict_system``
    and ``relaxed_system`` count system expressions that match a gold one (precision). Type and
    value are judged for each matched gold expression against its partner, the system expression
    that overlaps it most.
    """

    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    strict_system: int = 0
    relaxed_system: int = 0
    type_correct: int = 0
    value_correct: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # (doc, text, gold, system)

    def add(self, other: TimexScores) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    @staticmethod
    def _prf(precision: float, recall: float) -> tuple[float, float, float]:
        return (
            precision,
            recall,
            (2 * precision * recall / (precision + recall) if precision + recall else 0.0),
        )

    def _rate(self, hits: int, total: int) -> float:
        return hits / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """The measures as one flat mapping (the JSON the CLI prints).

        Value (and type) F1 is TempEval-3's attribute F1: the relaxed precision and recall, each
        multiplied by the share of relaxed matches whose value is right.
        """
        out: dict[str, float | int] = {}
        value_accuracy = self._rate(self.value_correct, self.relaxed)
        relaxed_p = self._rate(self.relaxed_system, self.system)
        relaxed_r = self._rate(self.relaxed, self.gold)
        for name, (p, r) in (
            ("strict", (self._rate(self.strict_system, self.system), self._rate(self.strict, self.gold))),
            ("relaxed", (relaxed_p, relaxed_r)),
            ("value", (value_accuracy * relaxed_p, value_accuracy * relaxed_r)),
        ):
            p, r, f = self._prf(p, r)
            out[f"{name}_precision"] = round(p, 4)
            out[f"{name}_recall"] = round(r, 4)
            out[f"{name}_f1"] = round(f, 4)
        out["type_accuracy"] = round(self._rate(self.type_correct, self.relaxed), 4)
        out["value_accuracy"] = round(value_accuracy, 4)
        out.update({name: getattr(self, name) for name in COUNTS})
        out.update(
            strict_matches=self.strict,
            relaxed_matches=self.relaxed,
            seconds=round(self.seconds, 2),
            docs_per_second=round(self.documents / self.seconds, 2) if self.seconds else 0.0,
        )
        return out


COUNTS = (
    "documents", "gold", "system", "strict", "relaxed", "strict_system", "relaxed_system",
    "type_correct", "value_correct",
)  # fmt: skip


def _overlap(a: GoldTimex, b: GoldTimex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _same_extent(a: GoldTimex, b: GoldTimex) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def score_document(name: str, gold: Iterable[GoldTimex], system: Iterable[GoldTimex]) -> TimexScores:
    """Count the TempEval-3 measures of one document; overlaps are counted on each side separately."""
    gold_list, system_list = list(gold), list(system)
    scores = TimexScores(documents=1, gold=len(gold_list), system=len(system_list))
    for g in gold_list:
        overlapping = [s for s in system_list if _overlap(g, s) > 0]
        if not overlapping:
            scores.errors.append((name, repr(g.text), f"{g.type} {g.value}", "MISSED"))
            continue
        partner = max(overlapping, key=lambda s: _overlap(g, s))  # the first of equals
        scores.relaxed += 1
        scores.strict += any(_same_extent(g, s) for s in overlapping)
        scores.type_correct += g.type == partner.type
        if g.value == partner.value:
            scores.value_correct += 1
        else:
            scores.errors.append(
                (
                    name,
                    f"{g.text!r}|{partner.text!r}",
                    f"{g.type} {g.value}",
                    f"{partner.type} {partner.value}",
                )
            )
    for s in system_list:
        overlapping = [g for g in gold_list if _overlap(g, s) > 0]
        scores.relaxed_system += bool(overlapping)
        scores.strict_system += any(_same_extent(g, s) for g in overlapping)
        if not overlapping:
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
