"""`onrecord eval timeml`: score time expressions against TimeML files (TempEval-3 measures)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from onrecord.eval.timeml import TimexScores, evaluate_timeml
from onrecord.nlp import DEFAULT_MODEL, load_parsing_pipeline

DIR_ARG = typer.Argument(..., help="A folder of TimeML .tml files (read recursively).")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON object instead of a table.")
MODEL_OPT = typer.Option(DEFAULT_MODEL, "--model", help="spaCy pipeline package or path.")
ERRORS_OPT = typer.Option(None, "--errors", help="Also write every mismatch to this TSV file.")


def eval_timeml(
    directory: Path = DIR_ARG,
    as_json: bool = JSON_OPT,
    model: str = MODEL_OPT,
    errors: Path | None = ERRORS_OPT,
) -> None:
    """Find and normalize time expressions in TimeML files; print detection P/R/F1, type accuracy, value F1.

    Each file's creation time (its CREATION_TIME TIMEX3) is the article date the values are resolved against.

    Example: onrecord eval timeml ../shared/data/timeml/TBAQ-cleaned
    """
    scores = evaluate_timeml(directory, load_parsing_pipeline(model))
    if errors is not None:
        with errors.open("w", encoding="utf-8") as out:
            out.write("document\ttext (gold|system)\tgold\tsystem\n")
            for row in scores.errors:
                out.write("\t".join(row) + "\n")
    if as_json:
        typer.echo(json.dumps(scores.as_dict()))
        return
    typer.echo(render_table(scores, directory))


def render_table(scores: TimexScores, directory: Path) -> str:
    """One row per measure (P, R, F1), then type accuracy, counts and speed."""
    figures = scores.as_dict()
    lines = [
        f"TimeML {directory}: {scores.documents} documents, {scores.gold} gold and {scores.system} found",
        f"{'measure':<22}{'P':>8}{'R':>8}{'F1':>8}{'matches':>9}",
    ]
    for name, label, hits in (
        ("strict", "detection (strict)", scores.strict),
        ("relaxed", "detection (relaxed)", scores.relaxed),
        ("value", "value (relaxed match)", scores.value_correct),
    ):
        p, r, f = figures[f"{name}_precision"], figures[f"{name}_recall"], figures[f"{name}_f1"]
        lines.append(f"{label:<22}{p:>8.4f}{r:>8.4f}{f:>8.4f}{hits:>9}")
    lines += [
        f"type accuracy {figures['type_accuracy']:.4f}, value accuracy {figures['value_accuracy']:.4f} "
        f"(over {scores.relaxed} relaxed matches)",
        f"speed: {figures['docs_per_second']:.1f} documents/s ({scores.seconds:.1f} s, parsing included)",
    ]
    return "\n".join(lines)


def register(*, eval_app: typer.Typer, **_: typer.Typer) -> None:
    eval_app.command("timeml")(eval_timeml)
