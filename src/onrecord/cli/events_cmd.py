"""`onrecord events | commitments | timeline` and `onrecord eval plover`: events in the store, and
how well events are typed against PLOVER gold records."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from onrecord.cli.extract_cmd import parse_date
from onrecord.cli.store_cmds import DB_OPT, FORMAT_OPT, ID_WIDTH, ListFormat, _reported, print_rows
from onrecord.cli.terminal import cell
from onrecord.model import Amount, TimeValue
from onrecord.store import Store
from onrecord.store.events import (
    DEFAULT_EVENT_LIMIT,
    TARGET_ROLES,
    EventQuery,
    EventRow,
    LedgerRow,
    TimelineRow,
)

# ---- events --------------------------------------------------------------------------------------


def events(
    type_: str | None = typer.Option(
        None, "--type", "-t", help="PLOVER type: AGREE, CONSULT, AID, … (any case)."
    ),
    actor: str | None = typer.Option(None, "--actor", help="Who acted: a name or any alias."),
    target: str | None = typer.Option(
        None, "--target", help="Who was acted on or received: a name or alias."
    ),
    since: str | None = typer.Option(None, "--since", help="First date YYYY-MM-DD (inclusive, event time)."),
    until: str | None = typer.Option(None, "--until", help="Last date YYYY-MM-DD (inclusive, event time)."),
    limit: int = typer.Option(DEFAULT_EVENT_LIMIT, "--limit", "-n", min=0, help="At most N rows; 0 for all."),
    fmt: ListFormat = FORMAT_OPT,
    db: str = DB_OPT,
) -> None:
    """List stored events in the order they happened, filtered by type, actor, target and dates.

    Example: onrecord events --actor NATO --target Ukraine --since 2024-07-01
    """
    query = EventQuery(
        type=type_,
        actor=actor,
        target=target,
        since=parse_date(since),
        until=parse_date(until),
        limit=limit or None,
    )
    with _reported(), Store.open(db, create=False) as store:
        rows = store.events(query)
    print_rows(
        rows,
        fmt,
        write_csv=_events_csv,
        table=lambda: _events_table(rows),
        empty="no events match; loosen the filters or ingest articles first",
        to_json=_event_json,
    )


def _event_json(row: EventRow) -> dict[str, object]:
    return {
        **row.event.model_dump(mode="json"),
        "article_id": row.article_id,
        "article_date": row.article_date.isoformat() if row.article_date else None,
        "outlet": row.outlet,
    }


def _events_table(rows: list[EventRow]) -> Table:
    table = Table(caption=f"{len(rows)} events", expand=True)
    for name in ("when", "type", "kind", "status", "actor", "target", "place", "amount", "article"):
        table.add_column(name, overflow="fold", no_wrap=name in ("when", "type", "status"))
    for row in rows:
        event = row.event
        table.add_row(
            cell(_when(event.time, row)),
            cell(event.type),
            cell(event.kind or "-"),
            cell(event.status),
            cell(", ".join(row.names("actor")) or "-"),
            cell(", ".join(row.names(*TARGET_ROLES)) or "-"),
            cell(event.place.text if event.place else "-"),
            cell(_amount(event.amount)),
            cell(row.article_id[:ID_WIDTH]),
        )
    return table


def _events_csv(rows: list[EventRow]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(
        ["id", "article_id", "when", "type", "kind", "status", "actor", "target", "place", "amount", "currency",
         "evidence"]
    )  # fmt: skip
    for row in rows:
        event = row.event
        writer.writerow(
            [
                event.id, row.article_id, _when(event.time, row), event.type, event.kind or "", event.status,
                "; ".join(row.names("actor")), "; ".join(row.names(*TARGET_ROLES)),
                event.place.text if event.place else "",
                event.amount.value if event.amount and event.amount.value is not None else "",
                event.amount.currency or "" if event.amount else "", event.evidence.text,
            ]
        )  # fmt: skip


# ---- commitments ---------------------------------------------------------------------------------


def commitments(
    by: str | None = typer.Option(None, "--by", help="Who committed: a name or any alias."),
    to: str | None = typer.Option(None, "--to", help="Who receives: a name or any alias."),
    fmt: ListFormat = FORMAT_OPT,
    db: str = DB_OPT,
) -> None:
    """The commitments ledger: who committed what to whom, how much, for which period, decided
    when, and the first outlet that reported it.

    Example: onrecord commitments --to Ukraine
    """
    with _reported(), Store.open(db, create=False) as store:
        rows = store.commitments(by=by, to=to)
    print_rows(
        rows,
        fmt,
        write_csv=_ledger_csv,
        table=lambda: _ledger_table(rows),
        empty="no commitments match; drop --by/--to or ingest articles first",
    )


def _ledger_table(rows: list[LedgerRow]) -> Table:
    table = Table(caption=f"{len(rows)} commitments", expand=True)
    for name in ("who", "to whom", "what", "amount", "period", "decided", "status", "first reported"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(
            cell(", ".join(row.by) or "?"),
            cell(", ".join(row.to)),
            cell(row.what or "-"),
            cell(_amount(row.amount)),
            cell(_range(row.period)),
            cell(_range(row.decided)),
            cell(row.status),
            cell(_first(row)),
        )
    return table


def _ledger_csv(rows: list[LedgerRow]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(
        ["by", "to", "what", "amount", "currency", "period_start", "period_end", "decided", "status",
         "first_outlet", "first_date", "first_article", "reports"]
    )  # fmt: skip
    for row in rows:
        amount = row.amount
        writer.writerow(
            [
                "; ".join(row.by), "; ".join(row.to), row.what or "",
                amount.value if amount and amount.value is not None else "", amount.currency or "" if amount else "",
                row.period.start if row.period and row.period.start else "",
                row.period.end if row.period and row.period.end else "",
                _range(row.decided) if row.decided else "", row.status, row.first_outlet or "",
                row.first_date or "", row.first_article, row.reports,
            ]
        )  # fmt: skip


# ---- timeline ------------------------------------------------------------------------------------


def timeline(
    entity: str = typer.Argument(..., help="A name or any alias: Rutte, NATO, Ukraine …"),
    fmt: ListFormat = FORMAT_OPT,
    db: str = DB_OPT,
) -> None:
    """Statements by and events involving ENTITY, in the order they happened (not published).

    Example: onrecord timeline Rutte
    """
    with _reported(), Store.open(db, create=False) as store:
        rows = store.timeline(entity)
    print_rows(
        rows,
        fmt,
        write_csv=_timeline_csv,
        table=lambda: _timeline_table(rows, entity),
        empty=f"nothing involves {entity!r}; check the name with `onrecord entities`",
    )


def _timeline_table(rows: list[TimelineRow], entity: str) -> Table:
    table = Table(caption=f"{len(rows)} items involving {entity}", expand=True)
    table.add_column("when", no_wrap=True)
    table.add_column("what", no_wrap=True)
    table.add_column("as", no_wrap=True)
    table.add_column("text", ratio=4)
    table.add_column("reported", no_wrap=True)
    for row in rows:
        reported = " ".join(
            p for p in (row.outlet, row.article_date.isoformat() if row.article_date else None) if p
        )
        table.add_row(
            cell(row.day.isoformat() if row.day else "-"), cell(row.kind), cell(row.role), cell(row.text),
            cell(reported or row.article_id[:ID_WIDTH]),
        )  # fmt: skip
    return table


def _timeline_csv(rows: list[TimelineRow]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(["day", "kind", "role", "text", "article_id", "article_date", "outlet"])
    for row in rows:
        writer.writerow(
            [
                row.day or "",
                row.kind,
                row.role,
                row.text,
                row.article_id,
                row.article_date or "",
                row.outlet or "",
            ]
        )


# ---- eval plover ---------------------------------------------------------------------------------


def eval_plover(
    path: Path = typer.Argument(..., help="PLOVER gold records, one JSON object a line."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
) -> None:
    """Score event typing and source/target actors on PLOVER gold-standard sentences.

    Example: onrecord eval plover ../shared/data/plover/plover-gsr-dev.jsonl
    """
    from onrecord.eval.plover import evaluate_plover
    from onrecord.pipeline import Extractor

    with _reported():
        report = evaluate_plover(path, Extractor.load())
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
        return
    lines = [
        f"PLOVER {path}: {report.sentences} sentences, {report.no_event} without an event",
        f"type accuracy {report.type_accuracy:.3f} ({report.type_correct}/{report.sentences})",
        f"{'actors':<10}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}",
    ]
    for name, counts in (("source", report.source), ("target", report.target)):
        lines.append(
            f"{name:<10}{counts.p:>7.3f}{counts.r:>7.3f}{counts.f1:>7.3f}{counts.tp:>6}{counts.pred:>6}{counts.gold:>6}"
        )
    lines.append(
        "per gold type: "
        + ", ".join(f"{t} {v['accuracy']:.2f} (n={v['n']})" for t, v in report.per_type().items())
    )
    typer.echo("\n".join(lines))


# ---- shared formatting ---------------------------------------------------------------------------


def _when(time: TimeValue | None, row: EventRow) -> str:
    if time is not None and (time.value or time.start):
        return time.value or (time.start.isoformat() if time.start else "")
    return f"({row.article_date.isoformat()})" if row.article_date else "-"


def _range(time: TimeValue | None) -> str:
    if time is None:
        return "-"
    if time.start and time.end and time.start != time.end:
        return f"{time.start.isoformat()}..{time.end.isoformat()}"
    return time.value or (time.start.isoformat() if time.start else time.text)


def _amount(amount: Amount | None) -> str:
    if amount is None or amount.value is None:
        return "-"
    return f"{amount.value:,.0f} {amount.currency or amount.unit or ''}".strip()


def _first(row: LedgerRow) -> str:
    where = ", ".join(
        p for p in (row.first_outlet, row.first_date.isoformat() if row.first_date else None) if p
    )
    more = f" (+{row.reports - 1} more)" if row.reports > 1 else ""
    return (where or row.first_article[:ID_WIDTH]) + more


def register(*, app: typer.Typer, eval_app: typer.Typer, **_: typer.Typer) -> None:
    app.command("events")(events)
    app.command("commitments")(commitments)
    app.command("timeline")(timeline)
    eval_app.command("plover")(eval_plover)
