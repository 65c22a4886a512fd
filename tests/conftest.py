"""Shared fixtures: hand-built extractions (no spaCy) and a store filled with them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from onrecord.ids import content_id
from onrecord.model import (
    Article,
    CitedSource,
    Entity,
    Event,
    Extraction,
    Role,
    Span,
    Speaker,
    Statement,
    TimeValue,
)
from onrecord.pipeline import Extractor
from onrecord.store import Store


def span(text: str, phrase: str, occurrence: int = 0) -> Span:
    """The Span of the ``occurrence``-th appearance of ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(start=start, end=start + len(phrase), text=phrase)


Phrase = str | tuple[str, int]  # a phrase, or (phrase, occurrence) when it appears more than once


def locate(text: str, phrase: Phrase) -> Span:
    return span(text, phrase) if isinstance(phrase, str) else span(text, *phrase)


def statement(
    text: str,
    sid: str,
    *,
    mention: Phrase,
    entity: str | None,
    name: str | None,
    cue: Phrase | None,
    content: tuple[Phrase, ...],
    kind: str = "indirect",
    date: dt.date | None = None,
) -> Statement:
    return Statement(
        id=sid,
        speaker=Speaker(entity=entity, name=name, span=locate(text, mention)),
        cue=locate(text, cue) if cue else None,
        content=tuple(locate(text, part) for part in content),
        kind=kind,  # type: ignore[arg-type]
        date=date,
    )


def visit_extraction() -> Extraction:
    """A Rutte article: a direct quote, a role-description speaker, provenance and an event."""
    text = (
        "NATO Secretary General Mark Rutte has commented on the Victory Plan.\n\n"
        "This was reported by Censor.NET with reference to UNIAN.\n\n"
        '"We are working closely with the allies," Rutte said.\n\n'
        "The Alliance Secretary General added that Ukraine's path to membership is irreversible.\n"
    )
    date = dt.date(2024, 10, 16)
    article = Article(
        id="a-visit-0001",
        source="visit.txt",
        title="Rutte on the Victory Plan",
        date=date,
        outlet="Censor.NET",
        text=text,
        cited_sources=(CitedSource(name="UNIAN", relation="with_reference_to", span=span(text, "UNIAN")),),
    )
    rutte = Entity(
        id="e1",
        name="Mark Rutte",
        type="PERSON",
        aliases=("Rutte", "The Alliance Secretary General"),
        roles=(Role(title="Secretary General", organization="NATO"),),
        mentions=(
            span(text, "Mark Rutte"),
            span(text, "Rutte", 1),
            span(text, "The Alliance Secretary General"),
        ),
    )
    nato = Entity(id="e2", name="NATO", type="ORG", aliases=("the Alliance",), mentions=(span(text, "NATO"),))
    plan = Entity(id="e3", name="Victory Plan", type="PLAN", mentions=(span(text, "Victory Plan"),))
    statements = (
        statement(
            text, "s1", mention=("Rutte", 1), entity="e1", name="Mark Rutte", cue="said",
            content=("We are working closely with the allies,",), kind="direct", date=date,
        ),
        statement(
            text, "s2", mention="The Alliance Secretary General", entity="e1", name="Mark Rutte", cue="added",
            content=("Ukraine's path to membership is irreversible",), date=date,
        ),
    )  # fmt: skip
    event = Event(
        id="v1",
        type="CONSULT",
        kind="visit",
        trigger=span(text, "commented"),
        time=TimeValue(
            text="October 2024", start=dt.date(2024, 10, 1), end=dt.date(2024, 10, 31), granularity="month"
        ),
        status="past",
        evidence=span(text, "NATO Secretary General Mark Rutte has commented on the Victory Plan."),
    )
    return Extraction(article=article, entities=(rutte, nato, plan), statements=statements, events=(event,))


def plan_extraction() -> Extraction:
    """A Zelenskyy article: 'According to X', a speaker spelled with diacritics, a dated statement."""
    text = (
        "Ukrainian President Volodymyr Zelenskyy said that the plan will be presented in October. "
        "According to Zelenskyy, partners support it. "
        "On Wednesday, Rütte said the Alliance stands firm."
    )
    zelenskyy = Entity(
        id="p1",
        name="Volodymyr Zelenskyy",
        type="PERSON",
        aliases=("Zelenskyy", "Zelensky"),
        roles=(Role(title="President", organization="Ukraine"),),
        mentions=(span(text, "Volodymyr Zelenskyy"), span(text, "Zelenskyy", 1)),
    )
    rutte = Entity(id="p2", name="Rütte", type="PERSON", mentions=(span(text, "Rütte"),))
    article = Article(
        id="a-plan-0002", source="plan.txt", date=dt.date(2024, 9, 20), outlet="Kyiv Post", text=text
    )
    statements = (
        statement(
            text, "t1", mention="Volodymyr Zelenskyy", entity="p1", name="Volodymyr Zelenskyy", cue="said",
            content=("the plan will be presented in October",), date=dt.date(2024, 9, 20),
        ),
        statement(
            text, "t2", mention=("Zelenskyy", 1), entity="p1", name="Volodymyr Zelenskyy", cue="According to",
            content=("partners support it",),
        ),
        statement(
            text, "t3", mention="Rütte", entity="p2", name="Rütte", cue=("said", 1),
            content=("the Alliance stands firm",), date=dt.date(2024, 9, 18),
        ),
    )  # fmt: skip
    return Extraction(article=article, entities=(zelenskyy, rutte), statements=statements)


def undated_extraction() -> Extraction:
    """An article without a date whose only speaker is not resolved to an entity."""
    text = "Officials said the talks were productive."
    article = Article(id="b-undated-0003", source="undated.txt", text=text)
    said = statement(
        text, "u1", mention="Officials", entity=None, name="officials", cue="said",
        content=("the talks were productive",),
    )  # fmt: skip
    return Extraction(article=article, statements=(said,))


@pytest.fixture
def extractions() -> list[Extraction]:
    return [visit_extraction(), plan_extraction(), undated_extraction()]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with Store.open(store_path) as opened:
        yield opened


@pytest.fixture
def filled_store(store: Store, extractions: list[Extraction]) -> Store:
    for extraction in extractions:
        store.add(extraction)
    return store


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real extraction pipeline (spaCy loaded once per test session)."""
    return Extractor.load()


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[..., Extraction]:
    """Extract a short text written in a test: ``extract(text, date=...)``."""

    def run(text: str, *, date: dt.date | None = dt.date(2024, 10, 16)) -> Extraction:
        return extractor.extract(Article(id=content_id("a", text), source="test.txt", text=text, date=date))

    return run


PolnearArticles = dict[str, tuple[str, str]]  # name -> (text, brat .ann of one annotator)


@pytest.fixture
def polnear_split(tmp_path: Path) -> Callable[..., Path]:
    """``polnear_split(split, articles, annotator=..., date=...)`` writes a PolNeAR-shaped split in tmp_path:
    SPLIT/text/, SPLIT/attributions/ (one annotator) and metadata.tsv beside it (with a publication_date
    column when ``date`` is given), and returns SPLIT."""

    def write(split: str, articles: PolnearArticles, *, annotator: str, date: str | None = None) -> Path:
        folder = tmp_path / split
        (folder / "text").mkdir(parents=True)
        (folder / "attributions").mkdir()
        rows = ["compartment\tfilename\tannotators" + ("\tpublication_date" if date else "")]
        for name, (text, ann) in articles.items():
            (folder / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
            (folder / "attributions" / f"{name}_{annotator}.ann").write_text(ann, encoding="utf-8")
            rows.append(f"{split}\t{name}\t{annotator}" + (f"\t{date}" if date else ""))
        (tmp_path / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        return folder

    return write


TEST_DATA = Path(__file__).resolve().parent / "data"
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """A store filled by real extraction of samples/ and tests/data/xss/, plus a stored record with
    an XSS payload in every field: what the API, page and security tests serve."""
    from onrecord.read import read_paths

    path = tmp_path_factory.mktemp("served") / "served.db"
    read = list(read_paths([str(SAMPLES), str(TEST_DATA / "xss")]))
    articles = [item for item in read if isinstance(item, Article)]
    assert len(articles) == len(read), [item for item in read if not isinstance(item, Article)]
    with Store.open(path) as store:
        for extraction in extractor.extract_many(articles):
            assert isinstance(extraction, Extraction), extraction
            store.add(extraction)
        store.add(Extraction.model_validate_json((TEST_DATA / "xss-record.json").read_text("utf-8")))
    return path
