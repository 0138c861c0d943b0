"""The store a request reads, opened for that request: a SQLite connection belongs to the
thread that opened it, and FastAPI answers requests on a pool of threads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from ..store import ArticleStore, StoreError
from ..store.backends import open_article_store
from .settings import ServerSettings


def settings_of(request: Request) -> ServerSettings:
    return request.app.state.settings


def reader(request: Request) -> Iterator[ArticleStore]:
    """A read-only store for one request; a store that cannot be read is a 503 with the
    reason."""
    try:
        store = open_article_store(settings_of(request).db, readonly=True)
    except StoreError as error:
        raise HTTPException(status_code=503, detail=str(error)) from error
    try:
        yield store
    finally:
        store.close()


Reader = Annotated[ArticleStore, Depends(reader)]
"""A route's parameter for the store it reads."""
