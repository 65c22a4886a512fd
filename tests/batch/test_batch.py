"""Runners: in-process and worker-process extraction give the same results in input order."""

from __future__ import annotations

import pytest

from onrecord.batch import open_runner, run_extraction
from onrecord.errors import InputError, ModelError
from onrecord.ids import content_id
from onrecord.model import Article, Extraction, Failure
from onrecord.pipeline import ExtractOptions

TEXTS = [
    '"We will not back down," Senator Ada Park said on Tuesday.',
    "The mayor of Springfield, John Reyes, said the budget would be cut by $3 million.",
    "According to the ministry, talks will resume next week in Geneva.",
]
BAD_INPUT = Failure(source="broken.jsonl", line=2, problem="not JSON", fix="fix the line")


def articles() -> list[Article | Failure]:
    items: list[Article | Failure] = [
        Article(id=content_id("a", text), source=f"t{i}.txt", text=text) for i, text in enumerate(TEXTS)
    ]
    items.insert(2, BAD_INPUT)
    return items


@pytest.fixture(scope="module")
def in_process() -> list[Extraction | Failure]:
    return list(run_extraction(articles(), ExtractOptions(), workers=1))


def test_in_process_keeps_order_and_passes_failures_through(in_process: list[Extraction | Failure]) -> None:
    sources = [r.article.source if isinstance(r, Extraction) else r.source for r in in_process]
    assert sources == ["t0.txt", "t1.txt", "broken.jsonl", "t2.txt"]
    assert in_process[2] == BAD_INPUT


def test_two_workers_give_the_same_output_as_one(in_process: list[Extraction | Failure]) -> None:
    with open_runner(ExtractOptions(), workers=2, chunk_size=1) as runner:  # one article per chunk
        first = list(runner.run(articles()))
        again = list(runner.run(articles()[:2]))  # a runner serves more than one run
    assert first == in_process
    assert again == in_process[:2]


def test_run_extraction_with_two_workers_matches_in_process(in_process: list[Extraction | Failure]) -> None:
    assert list(run_extraction(articles(), ExtractOptions(), workers=2)) == in_process


def test_a_worker_that_cannot_load_its_model_raises_model_error() -> None:
    with (
        pytest.raises(ModelError, match="no_such_model"),
        open_runner(ExtractOptions(model="no_such_model"), workers=2),
    ):
        pass


def test_a_text_longer_than_the_parser_takes_fails_alone(extractor) -> None:
    """An Article built in code (no reader to refuse it) must not stop the rest of its batch."""
    long = Article(id="a-long", source="long.txt", text="word " * 250_000)
    short = Article(id=content_id("a", TEXTS[0]), source="t0.txt", text=TEXTS[0])
    results = list(extractor.extract_many([short, long, short]))
    assert [type(r).__name__ for r in results] == ["Extraction", "Failure", "Extraction"]
    assert results[1].source == "long.txt" and "more than the parser's 1,000,000" in results[1].problem
    assert results[0].statements == results[2].statements and results[0].statements
    with pytest.raises(InputError, match=r"long\.txt: the text has 1,250,000 characters.*split it"):
        extractor.extract(long)
