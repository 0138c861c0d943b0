"""The store a request reads.

FastAPI enters a route's dependencies, runs a sync route and leaves the dependencies on worker
threads that may all differ, and a SQLite connection may only be used (and closed) on the
thread that opened it: under uvicorn a connection opened by the dependency failed in the route
("SQLite objects created in a thread can only be used in that same thread"). So a request's
:class:`RequestStore` opens the store for each call, on the calling thread, and closes it
after: a read-only SQLite open costs well under a millisecond.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..records import ArticleRecord, InputInfo
from ..store import ArticleStore, ArticleSummary
from ..store.backends import open_article_store
from .settings import ServerSettings


def settings_of(request: Request) -> ServerSettings:
    return request.app.state.settings


class RequestStore:
    """The read-only store ``db`` (a SQLite path or a ``postgresql://`` URL) with the reading
    methods of :class:`~newsgraph.store.ArticleStore`, each opening it on the calling thread.
    A store that cannot be opened raises :class:`~newsgraph.store.StoreError`, which the
    application answers with a 503 and the reason."""

    def __init__(self, db: str) -> None:
        self.db = db

    def _open(self) -> ArticleStore:
        return open_article_store(self.db, readonly=True)

    def query(self, find, *arguments):
        """``find(connection, *arguments)``: one of the store's query functions."""
        with self._open() as store:
            return store.query(find, *arguments)

    def list(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        with self._open() as store:
            return store.list(limit=limit, offset=offset)

    def count(self) -> int:
        with self._open() as store:
            return store.count()

    def get(self, article_id: str) -> ArticleRecord | None:
        with self._open() as store:
            return store.get(article_id)

    def has(self, article_id: str) -> bool:
        with self._open() as store:
            return store.has(article_id)

    def inputs(self, article_id: str) -> list[InputInfo]:
        with self._open() as store:
            return store.inputs(article_id)


def reader(request: Request) -> RequestStore:
    """The read-only store of the server, for one request."""
    return RequestStore(settings_of(request).db)


Reader = Annotated[RequestStore, Depends(reader)]
"""A route's parameter for the store it reads."""
