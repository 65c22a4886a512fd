"""`onrecord serve`: the REST API and the web UI over a store, with uvicorn."""

from __future__ import annotations

import ipaddress
import logging
import os

import typer

from onrecord.cli.store_cmds import DB_OPT

log = logging.getLogger("onrecord")

TOKEN_ENV = "ONRECORD_TOKEN"
CORS_OPT = typer.Option(
    None,
    "--cors-origin",
    help="Let browser pages from this origin read the API (repeatable); none by default.",
)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: str = DB_OPT,
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on; loopback unless you mean it."
    ),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="Port to listen on."),
    cors_origin: list[str] | None = CORS_OPT,
) -> None:
    """Serve the web UI and the REST API over a store. Read-only unless ONRECORD_TOKEN is set,
    which turns on POST /api/articles for requests that carry it as a bearer token.

    Example: onrecord serve --db onrecord.db --port 8000   (then open http://127.0.0.1:8000)
    """
    import uvicorn

    from onrecord.api.app import create_app

    token = os.environ.get(TOKEN_ENV) or None
    app = create_app(db, token=token, read_only=token is None, cors_origins=cors_origin or ())
    mode = "writes need the ONRECORD_TOKEN bearer token" if token else "read-only"
    if not _loopback(host):
        typer.echo(f"warning: listening on {host}: other machines can reach this server ({mode})", err=True)
    counts = app.state.onrecord.store.counts()
    typer.echo(
        f"onrecord: serving {db} ({counts.articles} articles, {counts.statements} statements) "
        f"on http://{host}:{port} ({mode}); stop with Ctrl+C",
        err=True,
    )
    if not counts.articles:
        typer.echo(f"warning: the store is empty; fill it with: onrecord ingest FILES --db {db}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(*, app: typer.Typer, **_: typer.Typer) -> None:
    app.command("serve")(serve)
