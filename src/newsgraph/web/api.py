"""The JSON API: the store's query functions over HTTP."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ..store.models import ArticleSummary
from .deps import Reader

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/articles", response_model=list[ArticleSummary])
def list_articles(
    store: Reader,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[ArticleSummary]:
    """The stored articles, newest stored first."""
    return store.list(limit=limit, offset=offset)
