"""Score event typing and actor roles on PLOVER gold-standard records (one sentence each).

Each JSONL record has the sentence (``text``), its PLOVER event type (``event``) and the source and
target actors (``source``/``target``: lists of ``{"actorText": …}``; a target may be empty or a
plain string, which means none). The sentence is extracted as a one-sentence article; the event
scored is the one whose trigger stands highest in the parse (the main clause), earliest first.

- **type accuracy**: the share of sentences whose scored event has the gold type. Older PLOVER names
  are read as the current ones (DEMAND = REQUEST, DISAPPROVE = ACCUSE); a sentence without an
  event counts as wrong.
- **source / target P, R, F1**: predicted actors (role ``actor``) and targets (``target`` or
  ``recipient``) against the gold actors by overlap, one-to-one: a prediction matches a gold actor
  when their character spans overlap, or, when the gold text cannot be found in the sentence
  (spelling differs from the markup), when they share a content word.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.errors import EvalError
from onrecord.eval.scoring import Counts, max_matching, overlaps
from onrecord.ids import content_id
from onrecord.model import Article, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from onrecord.pipeline import Extractor

GOLD_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}
NO_EVENT = "(none)"
STOPWORDS = frozenset("the a an of and in on at to for by with from 's".split())


@dataclass(frozen=True, kw_only=True)
class PloverRecord:
    id: str
    text: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Actor:
    """One side of the actor matching: character offsets when known, and the content words."""

    offsets: tuple[int, int] | None
    words: frozenset[str]


@dataclass
class PloverReport:
    sentences: int = 0
    type_correct: int = 0
    no_event: int = 0
    source: Counts = field(default_factory=Counts)
    target: Counts = field(default_factory=Counts)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted) -> n

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.sentences if self.sentences else 0.0

    def per_type(self) -> dict[str, dict[str, float | int]]:
        gold_totals: Counter[str] = Counter()
        for (gold, _pred), n in self.confusion.items():
            gold_totals[gold] += n
        return {
            gold: {"n": n, "accuracy": round(self.confusion[(gold, gold)] / n, 4)}
            for gold, n in sorted(gold_totals.items())
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "type_accuracy": round(self.type_accuracy, 4),
            "source_p": round(self.source.p, 4),
            "source_r": round(self.source.r, 4),
            "source_f1": round(self.source.f1, 4),
            "target_p": round(self.target.p, 4),
            "target_r": round(self.target.r, 4),
            "target_f1": round(self.target.f1, 4),
            "no_event": self.no_event,
            "source": self.source.as_dict(),
            "target": self.target.as_dict(),
            "per_type": self.per_type(),
        }


def read_plover(path: Path) -> Iterator[PloverRecord]:
    """The records of a PLOVER gold JSONL file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {path} ({exc.strerror}); pass a PLOVER gold .jsonl file") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            yield PloverRecord(
                id=str(raw.get("id", number)),
                text=raw["text"].strip(),
                type=GOLD_ALIASES.get(raw["event"], raw["event"]),
                sources=_actor_texts(raw.get("source")),
                targets=_actor_texts(raw.get("target")),
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvalError(
                f"line {number} of {path} is not a PLOVER record ({type(exc).__name__}: {exc}); "
                "each line needs a JSON object with 'text' and 'event'"
            ) from exc


def _actor_texts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()  # "" or a plain string: no actor
    return tuple(str(a["actorText"]).strip() for a in value if isinstance(a, dict) and a.get("actorText"))


def evaluate_plover(
    path: Path, extractor: Extractor, *, progress: Callable[[int, int], None] | None = None
) -> PloverReport:
    """Extract every sentence of ``path`` and score the main event against the gold record."""
    from onrecord.extract import extract_doc

    records = list(read_plover(path))
    if not records:
        raise EvalError(f"{path} holds no PLOVER records; pass the gold .jsonl file")
    report = PloverReport()
    for done, record in enumerate(records, start=1):
        doc = extractor.nlp(record.text)
        article = Article(id=content_id("p", record.id, record.text), source=record.id, text=record.text)
        extraction = extract_doc(article, doc, extractor.resources)
        score_record(report, record, main_event(extraction.events, doc))
        if progress is not None:
            progress(done, len(records))
    return report


def main_event(events: tuple[Event, ...], doc: Doc) -> Event | None:
    """The event whose trigger is highest in the parse tree; the earliest among equals."""

    def depth(event: Event) -> int:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        token = span.root if span is not None else doc[0]
        steps = 0
        while token.head.i != token.i and steps < 50:
            token, steps = token.head, steps + 1
        return steps

    return min(events, key=lambda e: (depth(e), e.trigger.start), default=None)


def score_record(report: PloverReport, record: PloverRecord, event: Event | None) -> None:
    report.sentences += 1
    predicted = event.type if event is not None else NO_EVENT
    report.confusion[(record.type, predicted)] += 1
    if event is None:
        report.no_event += 1
    elif event.type == record.type:
        report.type_correct += 1
    text = record.text
    sources = [p for p in (event.participants if event else ()) if p.role == "actor"]
    targets = [p for p in (event.participants if event else ()) if p.role in ("target", "recipient")]
    report.source = report.source + _actor_counts(
        text, [_predicted(text, p) for p in sources], record.sources
    )
    report.target = report.target + _actor_counts(
        text, [_predicted(text, p) for p in targets], record.targets
    )


def _actor_counts(text: str, predicted: list[Actor], gold_texts: tuple[str, ...]) -> Counts:
    gold = [_gold(text, g) for g in gold_texts]
    predicted = list({(a.offsets, a.words): a for a in predicted}.values())
    matched = max_matching(predicted, gold, _related)
    return Counts(len(matched), len(predicted), len(gold))


def _related(pred: Actor, gold: Actor) -> bool:
    if pred.offsets is not None and gold.offsets is not None:
        return overlaps(pred.offsets, gold.offsets)
    return bool(pred.words & gold.words)


def _predicted(text: str, participant: Any) -> Actor:
    span = participant.span
    words = _words(participant.text)
    if span is not None and span.text == participant.text:
        return Actor(offsets=(span.start, span.end), words=words)
    found = text.find(participant.text)  # a pronoun: its antecedent's words, if in the sentence
    if found != -1:
        return Actor(offsets=(found, found + len(participant.text)), words=words)
    return Actor(offsets=(span.start, span.end) if span else None, words=words)


def _gold(text: str, actor_text: str) -> Actor:
    found = text.find(actor_text)
    if found == -1:
        found = text.casefold().find(actor_text.casefold())
    offsets = (found, found + len(actor_text)) if found != -1 else None
    return Actor(offsets=offsets, words=_words(actor_text))


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[\w-]+", text.casefold()) if w not in STOPWORDS)
