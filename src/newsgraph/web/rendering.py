"""How a page becomes a response: the Jinja templates (autoescaped, all of them), data for
scripts serialized so it cannot leave its ``<script>`` element, the security headers every page
carries, and errors shown as pages."""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import jinja2
from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from .forms import BadRequest

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
"""Scripts, styles and data from this site only, no inline script or style: the charts run
Vega with its expression interpreter, which needs no ``unsafe-eval``."""

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> Markup:
    """``value`` as JSON for a ``<script type="application/json">`` element, read back with
    ``JSON.parse(element.textContent)``. Safe to mark safe: the text has no ``<``, ``>`` or
    ``&``, so nothing in it can close the element or start a tag, and a script element does not
    decode HTML entities (autoescaping would corrupt the JSON instead of protecting it)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)


templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
)
templates.env.filters["script_json"] = script_json


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """The page ``template`` filled with ``context``."""
    return templates.TemplateResponse(request, template, context, status_code=status_code)


_ERROR_TITLES = {
    400: "Bad request",
    404: "Not found",
    503: "Store unavailable",
}


def error_page(request: Request, status_code: int, message: str) -> Response:
    """A page saying what went wrong, with the status code."""
    title = _ERROR_TITLES.get(status_code, "Error")
    return render(
        request,
        "error.html",
        {
            "title": title,
            "status": status_code,
            "message": message,
            "section": None,
            "api_url": None,
        },
        status_code,
    )


class PageRoute(APIRoute):
    """The route of a page: a :class:`BadRequest` becomes a 400 page and an HTTPException a
    page with its status (not the API's JSON), and every response gets
    :data:`SECURITY_HEADERS`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                response = await handler(request)
            except BadRequest as error:
                response = error_page(request, 400, str(error))
            except HTTPException as error:
                response = error_page(request, error.status_code, str(error.detail))
            response.headers.update(SECURITY_HEADERS)
            return response

        return handle
