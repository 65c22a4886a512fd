"""`onrecord ingest | statements | entities | show`: fill the store and ask it questions."""

from __future__ import annotations

import csv
import itertools
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from onrecord.batch import run_extraction
from onrecord.cli.extract_cmd import (
    DATE_OPT,
    OUTLET_OPT,
    PATHS_ARG,
    URL_OPT,
    WORKERS_OPT,
    parse_date,
    report_failures,
)
from onrecord.cli.terminal import cell, printable
from onrecord.errors import OnrecordError, StoreError
from onrecord.model import Article, Extraction, Failure, Span
from onrecord.pipeline import ExtractOptions
from onrecord.read import ReadOptions, read_paths
from onrecord.store import DEFAULT_DB, DEFAULT_STATEMENT_LIMIT, EntityRow, StatementQuery, StatementRow, Store
from onrecord.store.tabular import CSV_HEADER, csv_cells


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def print_rows(
    rows: Sequence[Any],
    fmt: ListFormat,
    *,
    write_csv: Callable[[Any], None],
    table: Callable[[], Table],
    empty: str,
    to_json: Callable[[Any], object] = lambda row: row.model_dump(mode="json"),
) -> None:
    """Print query rows as JSON, CSV or a rich table; an empty result says how to get some."""
    if fmt is ListFormat.json:
        typer.echo(json.dumps([to_json(row) for row in rows], ensure_ascii=False, indent=2))
    elif fmt is ListFormat.csv:
        write_csv(rows)
    elif not rows:
        typer.echo(empty, err=True)
    else:
        Console().print(table())


DB_OPT = typer.Option(
    DEFAULT_DB, "--db", envvar="ONRECORD_DB", help="Store: a SQLite file path or a SQLAlchemy URL."
)
FORMAT_OPT = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv.")

SPEAKER_STYLE = "bold black on yellow"
CUE_STYLE = "bold cyan underline"
CONTENT_STYLE = "green"
ID_WIDTH = 12  # characters of an article id shown in tables; `show` accepts any unambiguous prefix


@contextmanager
def _reported() -> Iterator[None]:
    """Domain errors become one `error: …` line on stderr and exit code 1."""
    try:
        yield
    except OnrecordError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


# ---- ingest --------------------------------------------------------------------------------------


@dataclass
class IngestTally:
    """What one ingest run did, for the progress line and the summary."""

    added: int = 0
    stored: int = 0
    statements: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.stored + len(self.failures)

    def line(self) -> str:
        summary = f"ingested {self.added + self.stored} articles ({self.stored} already stored), "
        summary += f"{self.statements} statements"
        return summary + (f"; {len(self.failures)} failed" if self.failures else "")


def ingest(
    paths: list[str] = PATHS_ARG,
    db: str = DB_OPT,
    date: str | None = DATE_OPT,
    outlet: str | None = OUTLET_OPT,
    url: str | None = URL_OPT,
    workers: int = WORKERS_OPT,
) -> None:
    """Extract articles and store them. Articles already in the store are skipped, not re-extracted.

    Example: onrecord ingest samples/ --db onrecord.db
    """
    read_options = ReadOptions(date=parse_date(date), outlet=outlet, url=url)
    tally = IngestTally()
    with _reported(), Store.open(db) as store, _progress() as progress:
        task = progress.add_task("ingesting", total=None)

        def advance() -> None:
            progress.update(task, advance=1, description=tally.line())

        items = _unstored(read_paths(paths, read_options), store, tally, advance)
        for result in _extracted(items, workers):
            if isinstance(result, Failure):
                tally.failures.append(result)
            else:
                _store_one(store, result, tally)
            advance()
    report_failures(tally.failures, tally.seen)
    typer.echo(tally.line(), err=True)
    if tally.failures:
        raise typer.Exit(1)


def _unstored(
    items: Iterable[Article | Failure], store: Store, tally: IngestTally, advance: Callable[[], None]
) -> Iterator[Article | Failure]:
    """Pass on failures and the articles the store does not hold yet (no extraction for the rest)."""
    for item in items:
        if isinstance(item, Article) and store.has_article(item.id):
            tally.stored += 1
            advance()
            continue
        yield item


def _extracted(items: Iterator[Article | Failure], workers: int) -> Iterator[Extraction | Failure]:
    """Extract ``items``; the language model is loaded only when there is something to extract."""
    first = next(items, None)
    if first is None:
        return
    yield from run_extraction(itertools.chain([first], items), ExtractOptions(), workers=workers)


def _store_one(store: Store, extraction: Extraction, tally: IngestTally) -> None:
    try:
        added = store.add(extraction)
    except StoreError as exc:
        fix = "the other articles were stored; fix the cause and ingest this one again"
        tally.failures.append(Failure(source=extraction.article.source, problem=str(exc), fix=fix))
        return
    if added:
        tally.added += 1
        tally.statements += len(extraction.statements)
    else:
        tally.stored += 1


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        BarColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


# ---- statements ----------------------------------------------------------------------------------


def statements(
    speaker: str | None = typer.Option(
        None, "--speaker", "-s", help="Name or any alias; case and accents ignored."
    ),
    search: str | None = typer.Option(None, "--search", "-q", help="Words that must all occur (full text)."),
    since: str | None = typer.Option(None, "--since", help="First date YYYY-MM-DD (inclusive)."),
    until: str | None = typer.Option(None, "--until", help="Last date YYYY-MM-DD (inclusive)."),
    article: str | None = typer.Option(None, "--article", "-a", help="Article id or unambiguous id prefix."),
    limit: int = typer.Option(
        DEFAULT_STATEMENT_LIMIT, "--limit", "-n", min=0, help="At most N rows; 0 for all."
    ),
    fmt: ListFormat = FORMAT_OPT,
    db: str = DB_OPT,
) -> None:
    """List stored statements, newest first, filtered by speaker, words, dates or article.

    Example: onrecord statements --speaker rutte --search "Victory Plan" --since 2024-10-01
    """
    with _reported(), Store.open(db, create=False) as store:
        query = StatementQuery(
            speaker=speaker,
            search=search,
            since=parse_date(since),
            until=parse_date(until),
            article=_article_id(store, article) if article else None,
            limit=limit or None,
        )
        page = store.statement_page(query)
    rows = list(page.rows)
    more = f"; more with --limit {limit * 2} or --limit 0" if page.next_cursor else ""
    print_rows(
        rows,
        fmt,
        write_csv=_statements_csv,
        table=lambda: _statements_table(rows, caption=f"{len(rows)} statements{more}"),
        empty="no statements match; loosen the filters or ingest articles first",
    )


def _statements_table(rows: list[StatementRow], *, caption: str) -> Table:
    table = Table(caption=caption, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("speaker / cue", ratio=2, min_width=12)
    table.add_column("kind", no_wrap=True)
    table.add_column("statement", ratio=5)
    table.add_column("article", no_wrap=True)
    for row in rows:
        # under the speaker, what they did with the words: "David Kerr / welcomed | the plan"
        who = cell(row.speaker.name or (row.speaker.span.text if row.speaker.span else "?"))
        if row.cue is not None:
            who.append("\n" + printable(row.cue.text), style="dim")
        table.add_row(
            cell(row.day.isoformat() if row.day else "-"),
            who,
            cell(row.kind),
            cell(row.text),
            cell(row.article_id[:ID_WIDTH]),
        )
    return table


def _statements_csv(rows: list[StatementRow]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_cells(row) for row in rows)


# ---- entities ------------------------------------------------------------------------------------


def entities(
    type_: str | None = typer.Option(None, "--type", "-t", help="PERSON, ORG, GPE, PLAN, … (any case)."),
    name: str | None = typer.Option(None, "--name", help="A name, alias or word of one; accents ignored."),
    limit: int = typer.Option(
        DEFAULT_STATEMENT_LIMIT, "--limit", "-n", min=0, help="At most N rows; 0 for all."
    ),
    fmt: ListFormat = FORMAT_OPT,
    db: str = DB_OPT,
) -> None:
    """List the actors in the store with their aliases, roles and how often they are quoted.

    Example: onrecord entities --type person --name rutte
    """
    with _reported(), Store.open(db, create=False) as store:
        rows = store.entities(type=type_, name=name, limit=limit + 1 if limit else None)
    shown = rows[:limit] if limit else rows
    more = f"; more with --limit {limit * 2} or --limit 0" if len(rows) > len(shown) else ""
    print_rows(
        shown,
        fmt,
        write_csv=_entities_csv,
        table=lambda: _entities_table(shown, caption=f"{len(shown)} entities{more}"),
        empty="no entities match; drop --type/--name or ingest articles first",
    )


def _entities_table(rows: list[EntityRow], *, caption: str) -> Table:
    table = Table(caption=caption)
    for name in ("name", "type", "aliases", "roles", "articles", "statements"):
        table.add_column(
            name, overflow="fold", justify="right" if name in ("articles", "statements") else "left"
        )
    for row in rows:
        table.add_row(
            cell(row.name),
            cell(row.type),
            cell(", ".join(row.aliases)),
            cell(", ".join(_role(role.title, role.organization) for role in row.roles)),
            str(row.articles),
            str(row.statements),
        )
    return table


def _entities_csv(rows: list[EntityRow]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(["name", "type", "aliases", "roles", "articles", "statements"])
    for row in rows:
        roles = "; ".join(_role(role.title, role.organization) for role in row.roles)
        writer.writerow([row.name, row.type, "; ".join(row.aliases), roles, row.articles, row.statements])


def _role(title: str, organization: str | None) -> str:
    return f"{title} ({organization})" if organization else title


# ---- show ----------------------------------------------------------------------------------------


def show(
    article_id: str = typer.Argument(..., help="Article id, or an unambiguous prefix of it."),
    plain: bool = typer.Option(
        False, "--plain", help="Mark spans with <speaker>…</speaker> tags, not colours."
    ),
    db: str = DB_OPT,
) -> None:
    """Print one stored article with its speakers, cues and quoted contents marked.

    Example: onrecord show 3f2a9c
    """
    with _reported(), Store.open(db, create=False) as store:
        extraction = store.article(_article_id(store, article_id))
    if extraction is None:  # deleted between the two reads
        typer.echo(f"error: article {article_id!r} is no longer stored", err=True)
        raise typer.Exit(1)
    console = Console(highlight=False)
    console.print(_header(extraction))
    marks = _marks(extraction)
    if plain:
        console.print(_tagged(extraction.article.text, marks), markup=False)
    else:
        console.print(_legend())
        console.print(_styled(extraction.article.text, marks))
    console.print(_statement_list(extraction))


def _article_id(store: Store, prefix: str) -> str:
    found = store.find_article_id(prefix)
    if found is None:
        raise StoreError(
            f"no stored article id starts with {prefix!r} in {store.url}; "
            "copy an id from `onrecord statements`, or ingest the article first"
        )
    return found


Mark = tuple[int, int, str]  # start, end, kind (speaker | cue | content)


def _marks(extraction: Extraction) -> list[Mark]:
    """Spans to mark, contents first so cues and speakers are drawn over them."""
    length = len(extraction.article.text)
    found: dict[str, list[Span]] = {"content": [], "cue": [], "speaker": []}
    for statement in extraction.statements:
        found["content"].extend(statement.content)
        if statement.cue:
            found["cue"].append(statement.cue)
        if statement.speaker.span:
            found["speaker"].append(statement.speaker.span)
    return [
        (span.start, span.end, kind)
        for kind, spans in found.items()
        for span in dict.fromkeys(spans)
        if 0 <= span.start < span.end <= length
    ]


def _styled(text: str, marks: list[Mark]) -> Text:
    styles = {"content": CONTENT_STYLE, "cue": CUE_STYLE, "speaker": SPEAKER_STYLE}
    styled = Text(printable(text))
    for start, end, kind in marks:
        styled.stylize(styles[kind], start, end)
    return styled


def _tagged(text: str, marks: list[Mark]) -> str:
    """``text`` with ``<kind>…</kind>`` around each mark; overlapping marks nest as well as they can."""
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, list[Mark]] = {}
    for mark in marks:
        opens.setdefault(mark[0], []).append(mark)
        closes.setdefault(mark[1], []).append(mark)
    boundaries = sorted({0, len(text), *opens, *closes})
    parts: list[str] = []
    for position, following in zip(boundaries, [*boundaries[1:], len(text)], strict=True):
        parts.extend(f"</{m[2]}>" for m in sorted(closes.get(position, []), key=lambda m: -m[0]))
        parts.extend(f"<{m[2]}>" for m in sorted(opens.get(position, []), key=lambda m: -m[1]))
        parts.append(text[position:following])
    return "".join(parts)


def _legend() -> Text:
    return Text.assemble(
        "legend: ",
        ("speaker", SPEAKER_STYLE),
        "  ",
        ("cue", CUE_STYLE),
        "  ",
        ("content", CONTENT_STYLE),
        "\n",
    )


def _header(extraction: Extraction) -> Text:
    article = extraction.article
    details = [
        article.id,
        article.date.isoformat() if article.date else "no date",
        article.outlet,
        article.source,
    ]
    header = Text.assemble(
        (article.title or article.source, "bold"), "\n", " · ".join(d for d in details if d)
    )
    for cited in article.cited_sources:
        header.append(f"\ncites {cited.name} ({cited.relation.replace('_', ' ')})")
    header.append("\n")
    return header


def _statement_list(extraction: Extraction) -> Text:
    listing = Text(f"\n{len(extraction.statements)} statements\n", style="bold")
    for number, statement in enumerate(extraction.statements, start=1):
        speaker = statement.speaker.name or (statement.speaker.span.text if statement.speaker.span else "?")
        content = " … ".join(span.text for span in statement.content)
        listing.append(f"{number:>3}. ")
        listing.append(speaker, style=SPEAKER_STYLE)
        listing.append(f" ({statement.kind}): {content}\n")
    return listing


def register(*, app: typer.Typer, **_: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("statements")(statements)
    app.command("entities")(entities)
    app.command("show")(show)
