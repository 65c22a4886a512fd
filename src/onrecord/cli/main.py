"""The `onrecord` command. Each command group lives in its own module and registers itself here."""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from onrecord.errors import OnrecordError

app = typer.Typer(
    name="onrecord",
    help="Turn news articles into an accountable record of who said, did and promised what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure extraction against annotated corpora.", no_args_is_help=True)
train_app = typer.Typer(help="Train the components onrecord ships.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

# Modules that add commands to `app`, `eval_app` or `train_app` through a `register(...)` function.
COMMAND_MODULES = (
    "onrecord.cli.extract_cmd",
    "onrecord.cli.eval_polnear",
    "onrecord.cli.store_cmds",
    "onrecord.cli.eval_timeml",
    "onrecord.cli.serve_cmd",
    "onrecord.cli.train_cmd",
    "onrecord.cli.events_cmd",
)


HTML_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext")


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details to stderr."),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )
    # the HTML libraries log about the page they parse without naming it ("WARNING discarding data: None");
    # onrecord's own error for that page names it and says what to do, so theirs show only with --verbose
    for library in HTML_LIBRARIES:
        logging.getLogger(library).setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(app=app, eval_app=eval_app, train_app=train_app)


def main() -> None:
    _register()
    try:
        app()
    except OnrecordError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
