"""The application: the API under ``/api``, the pages at the root, the vendored assets under
``/static``; the OpenAPI description at ``/api/openapi.json`` and its interactive docs at
``/api/docs``, served from the package (no CDN)."""

from __future__ import annotations

from importlib.metadata import version

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from . import api, pages
from .settings import ServerSettings


def create_app(settings: ServerSettings) -> FastAPI:
    """The newsgraph application reading (and, with a token, writing) ``settings.db``."""
    app = FastAPI(
        title="newsgraph",
        version=version("newsgraph"),
        description="News as structured, sourced, queryable knowledge: articles, PLOVER "
        "events, quotes with their speakers, sources, counts, places, actors, timelines and "
        "story clusters.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.mount("/static", StaticFiles(packages=[("newsgraph.web", "static")]), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
