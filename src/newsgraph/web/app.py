"""The application: the API under ``/api``, the pages at the root, the vendored assets under
``/static``; the OpenAPI description at ``/api/openapi.json`` and its interactive docs at
``/api/docs``, served from the package (no CDN)."""

from __future__ import annotations

from importlib.metadata import version

from fastapi import FastAPI, Request, status
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from ..store import StoreError
from . import api, pages, writing
from .settings import ServerSettings

OPENAPI_URL = "/api/openapi.json"
SWAGGER_UI = "/static/swagger-ui"
"""Where the vendored Swagger UI (swagger-ui-dist, Apache-2.0) is served from."""


def _store_unavailable(request: Request, error: StoreError) -> JSONResponse:
    """A store that cannot answer (locked, gone, not newsgraph's) is a 503 with the reason."""
    return JSONResponse({"detail": str(error)}, status_code=status.HTTP_503_SERVICE_UNAVAILABLE)


def _docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title="newsgraph API",
        swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js",
        swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
        swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png",
        swagger_ui_parameters={"validatorUrl": None},
    )


def create_app(settings: ServerSettings) -> FastAPI:
    """The newsgraph application reading (and, with a token, writing) ``settings.db``."""
    app = FastAPI(
        title="newsgraph",
        version=version("newsgraph"),
        description="News as structured, sourced, queryable knowledge: articles, PLOVER "
        "events, quotes with their speakers, sources, counts, places, actors, timelines and "
        "story clusters. Every listing is paged with `limit` and `offset`; errors are "
        '`{"detail": "…"}`. Writing (`POST /api/articles`) needs the server\'s token.',
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_URL,
    )
    app.state.settings = settings
    app.state.writer = writing.ArticleWriter(settings.db)
    # Vega's bundle is 830 KB; compressed it is a fifth of that.
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.middleware("http")(_no_sniffing)
    app.add_exception_handler(StoreError, _store_unavailable)
    app.mount("/static", StaticFiles(packages=[("newsgraph.web", "static")]), name="static")
    app.add_api_route("/api/docs", _docs, include_in_schema=False, response_class=HTMLResponse)
    app.include_router(api.router)
    app.include_router(writing.router)
    app.include_router(pages.router)
    return app


async def _no_sniffing(request: Request, call_next) -> Response:
    """Every response, assets and JSON included, read only as the type it declares."""
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
