"""``newsgraph serve``: the HTTP API and the web pages over a store."""

from __future__ import annotations

import os

import click

from ..web.settings import MAX_REQUEST_BYTES, TOKEN_VARIABLE, ServerSettings
from .group import main
from .options import db_option


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    default=None,
    help=f"Allow POST /api/articles with this bearer token (or set {TOKEN_VARIABLE}); "
    "without one the server is read-only.",
)
@click.option(
    "--max-request-mb",
    default=MAX_REQUEST_BYTES // (1024 * 1024),
    show_default=True,
    type=click.IntRange(1, 1024),
    help="Largest request body accepted, in MiB.",
)
def serve(db_path: str, host: str, port: int, token: str | None, max_request_mb: int) -> None:
    """Serve the HTTP API (/api, docs at /api/docs) and the web pages over the database."""
    import uvicorn

    from ..web import create_app

    settings = ServerSettings(
        db=db_path,
        token=token or os.environ.get(TOKEN_VARIABLE) or None,
        max_request_bytes=max_request_mb * 1024 * 1024,
    )
    mode = "read-write (token set)" if settings.token else "read-only"
    click.echo(
        f"newsgraph on http://{host}:{port}/ ({mode}), database {db_path}; "
        f"API docs at http://{host}:{port}/api/docs",
        err=True,
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
