"""How fast does the API answer a full-text query, and the web UI a speaker page, on 100k statements?

Builds (once; reused until --rebuild) a SQLite store of at least 100,000 statements: the samples/
articles are extracted for real, then stored again and again as variants with new article ids,
dates spread over three years and speakers renamed from a pool of names (the text and its spans stay
the real extracted ones). Then it times N requests (default 200) each of

    GET /api/statements?q=<words>        (full text, first page of 50)
    GET /speakers/<name>                 (entity lookup, timeline, first 50 statements, HTML)

through FastAPI's TestClient (in process), or with --http through a real uvicorn server on loopback,
and prints p50/p95/max latency in milliseconds next to the targets (p95 <= 50 ms API, <= 150 ms page).

    .venv/bin/python bench/query_speed.py [--statements 100000] [--requests 200] [--http] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx2
import uvicorn
from fastapi.testclient import TestClient

from onrecord.api.app import create_app
from onrecord.ids import content_id
from onrecord.model import Article, Entity, Extraction, Statement
from onrecord.pipeline import Extractor
from onrecord.read import read_paths
from onrecord.store import Store, fold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = ROOT / "bench" / "out" / "query_speed.db"
FIRST = "Anna Boris Carla Dmitri Elena Farid Greta Hugo Ines Jonas Kira Lars Mira Nils Olga Pavel Rosa Sven Tara Viktor".split()
LAST = "Adler Berg Costa Dahl Eriksen Fischer Gallo Horvat Ivanova Jensen Kowalski Larsen Moreau Novak Olsen Petrov Quist Rossi Silva Tamm".split()  # fmt: skip
QUERIES = [
    "Victory Plan", "bridge", "strike", "clinics", "river", "budget", "NATO membership", "negotiations",
    "union", "water", "library", "grain", "rail", "harvest", "Ukraine", "talks",
]  # fmt: skip
TARGETS = {"api": 50.0, "page": 150.0}  # p95 milliseconds, from issue 5
SEED = 20241016


def real_extractions() -> list[Extraction]:
    articles = [item for item in read_paths([str(ROOT / "samples")]) if isinstance(item, Article)]
    results = list(Extractor.load().extract_many(articles))
    return [result for result in results if isinstance(result, Extraction)]


def variant(base: Extraction, copy: int, rng: random.Random) -> Extraction:
    """``base`` as another article: new id and date; each person renamed (1 in 20 keeps its name)."""
    start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    shift = start - (base.article.date or start)
    names: dict[str, str] = {}
    entities: list[Entity] = []
    for entity in base.entities:
        if entity.type == "PERSON" and rng.random() > 0.05:
            names[entity.id] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            surname = names[entity.id].split()[-1]
            entity = entity.model_copy(update={"name": names[entity.id], "aliases": (surname,)})
        entities.append(entity)
    statements: list[Statement] = []
    for statement in base.statements:
        speaker = statement.speaker
        if speaker.entity in names:
            speaker = speaker.model_copy(update={"name": names[speaker.entity]})
        day = statement.date + shift if statement.date else None
        statements.append(statement.model_copy(update={"speaker": speaker, "date": day}))
    article = base.article.model_copy(
        update={
            "id": content_id("a", base.article.id, copy),
            "date": base.article.date + shift if base.article.date else None,
        }
    )
    return Extraction(
        article=article, entities=tuple(entities), statements=tuple(statements), events=base.events
    )


def build(db: Path, statements: int) -> None:
    db.parent.mkdir(parents=True, exist_ok=True)
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    bases = real_extractions()
    per_round = sum(len(b.statements) for b in bases)
    rng = random.Random(SEED)
    started = time.perf_counter()
    with Store.open(db) as store:
        for base in bases:
            store.add(base)
        copy = 0
        while store.counts().statements < statements:
            for base in bases:
                store.add(variant(base, copy, rng))
            copy += 1
            if copy % 200 == 0:
                print(f"  {copy * per_round} statements stored", file=sys.stderr)
        counts = store.counts()
    seconds = time.perf_counter() - started
    print(
        f"built {db}: {counts.articles} articles, {counts.statements} statements in {seconds:.0f} s",
        file=sys.stderr,
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(get: Callable[[str], int], urls: list[str]) -> list[float]:
    for url in urls[:10]:  # warm the caches of SQLite, Jinja2 and Python before the clock runs
        get(url)
    times = []
    for url in urls:
        started = time.perf_counter()
        status = get(url)
        times.append((time.perf_counter() - started) * 1000)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
    return times


@contextmanager
def http_server(db: Path) -> Iterator[Callable[[str], int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:
        yield lambda url: client.get(url).status_code
    server.should_exit = True
    thread.join()


@contextmanager
def in_process(db: Path) -> Iterator[Callable[[str], int]]:
    with TestClient(create_app(db)) as client:
        yield lambda url: client.get(url).status_code


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--http", action="store_true", help="time a real uvicorn server over loopback")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.rebuild or not args.db.exists() or Store.open(args.db).counts().statements < args.statements:
        build(args.db, args.statements)
    with Store.open(args.db) as store:
        counts = store.counts()
        speakers = [row.name for row in store.entities(type="PERSON")[:25]] + ["Mark Rutte"]
    api_urls = [f"/api/statements?q={quote(QUERIES[i % len(QUERIES)])}" for i in range(args.requests)]
    page_urls = [
        f"/speakers/{quote(fold(speakers[i % len(speakers)]).replace(' ', '-'))}"
        for i in range(args.requests)
    ]
    with (http_server if args.http else in_process)(args.db) as get:
        results = {"api": timed(get, api_urls), "page": timed(get, page_urls)}
    report = {
        "store": {"articles": counts.articles, "statements": counts.statements},
        "client": "uvicorn over loopback (httpx2)" if args.http else "FastAPI TestClient (in process)",
        "requests": args.requests,
    }
    for name, times in results.items():
        report[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "max_ms": round(max(times), 1),
            "target_p95_ms": TARGETS[name],
        }
    if args.json:
        print(json.dumps(report))
        return
    print(f"store: {counts.articles} articles, {counts.statements} statements; client: {report['client']}")
    labels = {"api": "GET /api/statements?q=…", "page": "GET /speakers/<name> (page)"}
    for name in results:
        row = report[name]
        verdict = "meets" if row["p95_ms"] <= row["target_p95_ms"] else "MISSES"
        print(
            f"{labels[name]:<30} p50 {row['p50_ms']:7.1f} ms   p95 {row['p95_ms']:7.1f} ms   "
            f"max {row['max_ms']:7.1f} ms   ({verdict} the p95 target of {row['target_p95_ms']:.0f} ms, "
            f"{args.requests} requests)"
        )


if __name__ == "__main__":
    main()
