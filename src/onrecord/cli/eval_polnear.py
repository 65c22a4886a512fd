"""`onrecord eval polnear`: score statement extraction against PolNeAR's gold attributions."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

from onrecord.errors import EvalError
from onrecord.eval.agreement import annotator_agreement
from onrecord.eval.attribution import AttributionError, Scores
from onrecord.eval.polnear import SPAN_METRICS, PolnearEvalOptions, PolnearReport, evaluate_polnear
from onrecord.pipeline import ExtractOptions

DIR_ARG = typer.Argument(..., help="A PolNeAR split folder holding text/ and attributions/.")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON object instead of a table.")
METADATA_OPT = typer.Option(None, "--metadata", help="metadata.tsv (default: inside or next to DIR).")
WORKERS_OPT = typer.Option(1, "--workers", "-j", min=1, help="Worker processes, one loaded pipeline each.")
LIMIT_OPT = typer.Option(None, "--limit", min=1, help="Score only the first N articles (sorted by name).")
MODEL_OPT = typer.Option(
    None,
    "--attribution-model",
    help="Folder of a model from `onrecord train attribution` (default: shipped).",
)
RULES_OPT = typer.Option(False, "--rules-only", help="Score the rules alone, without the learned tagger.")
BOOTSTRAP_OPT = typer.Option(
    0,
    "--bootstrap",
    min=0,
    help="Resample the articles N times (e.g. 1000) and print a 95% interval for each F1: how far another "
    "split of as many articles may land.",
)
ERRORS_OPT = typer.Option(
    None,
    "--errors",
    help="Write every missed gold attribution and extra statement to this JSON Lines file.",
    dir_okay=False,
)


def eval_polnear(
    directory: Path = DIR_ARG,
    as_json: bool = JSON_OPT,
    metadata: Path | None = METADATA_OPT,
    workers: int = WORKERS_OPT,
    limit: int | None = LIMIT_OPT,
    attribution_model: Path | None = MODEL_OPT,
    rules_only: bool = RULES_OPT,
    errors: Path | None = ERRORS_OPT,
    bootstrap: int = BOOTSTRAP_OPT,
) -> None:
    """Extract statements from a PolNeAR split and print span and attribution P/R/F1 and speed.

    Example: onrecord eval polnear ../shared/data/polnear/dev --workers 2 --bootstrap 1000
    """
    extract = ExtractOptions(
        learned_attribution=not rules_only,
        attribution_model=str(attribution_model) if attribution_model else None,
    )
    options = PolnearEvalOptions(
        metadata=metadata,
        workers=workers,
        limit=limit,
        errors=errors is not None,
        bootstrap=bootstrap,
        extract=extract,
    )
    if errors is not None:
        write_errors((), errors)  # fail before the run, not after it, when the file cannot be written
    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=as_json or not console.is_terminal) as progress:
        task = progress.add_task("extracting", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        report = evaluate_polnear(directory, options, progress=advance)
    if errors is not None:
        write_errors(report.errors, errors)
        typer.echo(f"wrote {len(report.errors)} errors to {errors}", err=True)
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
        return
    typer.echo(render_table(report, directory))
    for failure in report.failures:
        typer.echo(f"error: {failure.message}", err=True)


def write_errors(errors: Iterable[tuple[str, AttributionError]], path: Path) -> None:
    """One JSON object per missed gold attribution or extra statement, with its article's name."""
    try:
        with path.open("w", encoding="utf-8") as handle:
            for article, error in errors:
                handle.write(json.dumps({"article": article, **error.as_dict()}, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise EvalError(f"cannot write {path} ({exc}); pass a writable file to --errors") from exc


def render_table(report: PolnearReport, directory: Path) -> str:
    """The human-readable report: one row per metric, then the exclusions and the speed."""
    lines = [
        f"PolNeAR {directory}: {report.articles} articles, {report.words:,} words, "
        f"{report.workers} worker(s)",
        *_score_rows(report.scores, predicted="statements", intervals=report.intervals),
        f"speed: {report.articles_per_second:.2f} articles/s, {report.words_per_second:,.0f} words/s "
        f"({report.seconds:.1f} s of extraction)",
    ]
    if report.failures:
        lines.append(f"{len(report.failures)} articles failed and count as having no statements")
    return "\n".join(lines)


def _score_rows(
    scores: Scores, *, predicted: str, intervals: Mapping[str, tuple[float, float]] | None = None
) -> list[str]:
    """One row per metric (with its F1 interval when there are ``intervals``), then the exclusions;
    ``predicted`` names what stands for the predictions."""
    header = f"{'metric':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}"
    lines = [header + ("   F1 95% interval" if intervals else "")]
    for name in ("attribution", *SPAN_METRICS):
        c = getattr(scores, name)
        row = f"{name:<16}{c.p:>7.3f}{c.r:>7.3f}{c.f1:>7.3f}{c.tp:>7}{c.pred:>7}{c.gold:>7}"
        if intervals and name in intervals:
            low, high = intervals[name]
            row += f"   {low:.3f}-{high:.3f}"
        lines.append(row)
    lines.append(
        f"left out: {scores.gold_excluded} gold attributions without a source or a content, "
        f"{scores.pred_excluded} {predicted} pairing only with them"
    )
    return lines


DIRS_ARG = typer.Argument(..., help="PolNeAR split folders (e.g. .../polnear/train .../polnear/dev).")


def eval_polnear_agreement(
    directories: list[Path] = DIRS_ARG,
    as_json: bool = JSON_OPT,
    metadata: Path | None = METADATA_OPT,
) -> None:
    """Score the second annotators' files against the counted one: the human ceiling of every metric.

    Where several people annotated an article, metadata.tsv names the file that is the gold; every other
    file of that article is scored against it as if it were extraction output. No extraction runs.

    Example: onrecord eval polnear-agreement ../shared/data/polnear/train ../shared/data/polnear/dev
    """
    report = annotator_agreement(directories, metadata)
    if as_json:
        typer.echo(json.dumps(report.as_dict()))
        return
    if not report.pairs:
        raise EvalError(
            f"no article in {', '.join(map(str, directories))} has more than one annotation file; "
            "pass the PolNeAR split folders that hold them (train has 16 such articles, dev 2)"
        )
    typer.echo(
        f"PolNeAR annotator agreement: {report.articles} articles annotated more than once, "
        f"{report.pairs} other files scored, {len(report.annotators)} other annotators"
    )
    typer.echo("\n".join(_score_rows(report.scores, predicted="other attributions")))
    typer.echo(
        f"\nF1 by other annotator\n{'annotator':<12}{'files':>6}{'attr.':>7}{'content':>8}{'source':>7}{'cue':>7}"
    )
    for name, files, scores in report.by_annotator:
        f1s = (scores.attribution, scores.content_overlap, scores.source_overlap, scores.cue_overlap)
        typer.echo(
            f"{name:<12}{files:>6}"
            + "".join(f"{c.f1:>{w}.3f}" for c, w in zip(f1s, (7, 8, 7, 7), strict=True))
        )


def register(*, eval_app: typer.Typer, **_: typer.Typer) -> None:
    eval_app.command("polnear")(eval_polnear)
    eval_app.command("polnear-agreement")(eval_polnear_agreement)
