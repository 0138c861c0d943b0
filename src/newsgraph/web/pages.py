"""The HTML pages: server-rendered (Jinja) from the same query functions as the API."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .deps import Reader

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Reader) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "home.html", {"articles": store.list(limit=50), "total": store.count()}
    )
