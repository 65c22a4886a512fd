"""`onrecord extract`: print what is extracted from articles, one JSON object per article."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path

import typer

from onrecord.batch import run_extraction
from onrecord.model import Extraction, Failure
from onrecord.pipeline import ExtractOptions
from onrecord.read import ReadOptions, read_paths


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    pretty = "pretty"


PATHS_ARG = typer.Argument(..., help="Files, folders (read recursively) or - for stdin.")
DATE_OPT = typer.Option(None, "--date", help="Article date YYYY-MM-DD; overrides the date the input gives.")
OUTLET_OPT = typer.Option(
    None, "--outlet", help="Outlet (publisher) name; overrides the one the input gives."
)
URL_OPT = typer.Option(None, "--url", help="Address to record for these articles.")
WORKERS_OPT = typer.Option(1, "--workers", "-j", min=1, help="Worker processes, one loaded pipeline each.")


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from exc


def report_failures(failures: list[Failure], total: int) -> None:
    """Print each failure and a summary to stderr."""
    for failure in failures:
        typer.echo(f"error: {failure.message}", err=True)
    if failures:
        typer.echo(f"{len(failures)} of {total} inputs failed; the rest were processed.", err=True)


def extract(
    paths: list[str] = PATHS_ARG,
    date: str | None = DATE_OPT,
    outlet: str | None = OUTLET_OPT,
    url: str | None = URL_OPT,
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    fmt: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", "-f", help="jsonl or pretty."),
    workers: int = WORKERS_OPT,
) -> None:
    """Extract statements, entities and provenance from articles and print them as JSON.

    Example: onrecord extract samples/ --format pretty
    """
    read_options = ReadOptions(date=parse_date(date), outlet=outlet, url=url)
    items = read_paths(paths, read_options)
    failures: list[Failure] = []
    total = 0
    try:
        out = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        typer.echo(
            f"error: cannot write {output} ({exc.strerror or exc}); "
            "give --output a file in a folder that exists and that you can write to",
            err=True,
        )
        raise typer.Exit(2) from exc
    try:
        for result in run_extraction(items, ExtractOptions(), workers=workers):
            total += 1
            if isinstance(result, Failure):
                failures.append(result)
                continue
            out.write(render(result, fmt) + "\n")
            out.flush()
    finally:
        if output:
            out.close()
    report_failures(failures, total)
    if failures:
        raise typer.Exit(1)


def render(extraction: Extraction, fmt: OutputFormat) -> str:
    if fmt is OutputFormat.pretty:
        return extraction.model_dump_json(indent=2)
    return extraction.model_dump_json()


def schema() -> None:
    """Print the JSON Schema of one line of `onrecord extract` output (generated from the records).

    Example: onrecord schema > docs/extraction.schema.json
    """
    sys.stdout.write(extraction_schema())


def extraction_schema() -> str:
    return json.dumps(Extraction.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"


def register(*, app: typer.Typer, **_: typer.Typer) -> None:
    app.command("extract")(extract)
    app.command("schema")(schema)
