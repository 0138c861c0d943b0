"""``POST /api/articles``: articles sent as text, HTML or JSON Lines, read and stored the way
``newsgraph ingest`` stores files (documents, the pipeline, the store's writer), by a client
holding the server's token.

The body is refused (413) past the server's limit, whether its length is declared or not: it
is never read further than the limit. One pipeline serves the application, made on first use,
and one request at a time runs it (spaCy is not thread-safe) and writes (SQLite has one
writer).
"""

from __future__ import annotations

import hmac
import io
import threading
from collections.abc import Iterable
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from ..ingest import DEFAULT_MAX_BYTES, Document, InputError
from ..ingest.jsonl import read_lines, read_records
from ..ingest.limits import over_limit
from ..ingest.readers import text_document
from ..pipeline import Pipeline
from ..store.backends import open_article_store
from ..store.load import ItemOutcome, ingest_items
from .apimodels import ErrorMessage, IngestedRecord, IngestReport
from .deps import settings_of

router = APIRouter(prefix="/api", tags=["writing"])

POSTED = "POST /api/articles"
"""The input path the records of a POST are stored with."""

# Content types and the container they are read as.
CONTENT_TYPES = {
    "text/plain": "text",
    "text/html": "html",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
}


class ArticleWriter:
    """The application's pipeline, made on first use, and the lock that lets one request at a
    time run it and write to the store at ``db``."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None

    def ingest(self, items: Iterable[Document | InputError]) -> list[IngestedRecord]:
        """Store the articles of ``items``: what became of each, in order."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline()
            outcomes: list[ItemOutcome] = []
            with open_article_store(self.db) as store:
                ingest_items(
                    store, items, self._pipeline, on_error=_kept, on_outcome=outcomes.append
                )
        return [
            IngestedRecord(
                line=outcome.line,
                id=outcome.article_id,
                outcome="duplicate" if outcome.outcome == "present" else outcome.outcome,
                reason=outcome.error.message if outcome.error else None,
            )
            for outcome in sorted(outcomes, key=lambda outcome: outcome.position)
        ]


def _kept(error: InputError) -> None:
    """Failures are answered in the response, record by record, not printed."""


def require_token(request: Request) -> None:
    """Let the request write only when the server has a token and the request carries it as
    ``Authorization: Bearer <token>``."""
    token = settings_of(request).token
    if token is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            "read-only server: start newsgraph serve with --token (or NEWSGRAPH_TOKEN) to "
            "allow writing",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "missing or wrong token: send Authorization: Bearer <the server's token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it is known to be longer than ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "Content-Length is not a number")
        if int(declared) > limit:
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE, over_limit("request body", limit, int(declared))
            )
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE, over_limit("request body", limit)
            )
    return bytes(body)


def _content_type(request: Request) -> str:
    """How the body is to be read: ``text``, ``html`` or ``jsonl``; 415 for any other type."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in CONTENT_TYPES:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"Content-Type {media or '(none)'} is not read; send one of "
            + ", ".join(CONTENT_TYPES),
        )
    return CONTENT_TYPES[media]


def _items(body: bytes, kind: str, url: str | None) -> list[Document | InputError]:
    """The documents (or errors) of a body read as ``kind``."""
    if kind == "jsonl":
        lines = read_lines(io.BytesIO(body), DEFAULT_MAX_BYTES)
        return list(read_records(POSTED, lines, DEFAULT_MAX_BYTES))
    if len(body) > DEFAULT_MAX_BYTES:
        return [InputError(POSTED, None, over_limit("page", DEFAULT_MAX_BYTES, len(body)))]
    item = text_document(POSTED, body, kind, "html" if kind == "html" else None)
    return [replace(item, url=url) if isinstance(item, Document) else item]


_WRITE_RESPONSES = {
    status.HTTP_201_CREATED: {"model": IngestReport, "description": "Something was stored."},
    status.HTTP_400_BAD_REQUEST: {
        "model": IngestReport,
        "description": "No record could be read as an article (each with its reason), or a "
        "malformed request.",
    },
    status.HTTP_401_UNAUTHORIZED: {"model": ErrorMessage, "description": "No or wrong token."},
    status.HTTP_403_FORBIDDEN: {"model": ErrorMessage, "description": "Read-only server."},
    status.HTTP_413_CONTENT_TOO_LARGE: {
        "model": ErrorMessage,
        "description": "Body over the server's limit (--max-request-mb).",
    },
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: {
        "model": ErrorMessage,
        "description": "A Content-Type that is not read.",
    },
}


@router.post(
    "/articles",
    summary="Store articles",
    response_model=IngestReport,
    responses=_WRITE_RESPONSES,
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
                "application/jsonl": {"schema": {"type": "string"}},
            },
        }
    },
)
async def post_articles(
    request: Request,
    url: Annotated[
        str | None,
        Query(
            max_length=2000,
            description="The address of the page, for a single text or HTML page.",
        ),
    ] = None,
) -> JSONResponse:
    """Read the body as one article (``text/plain``, ``text/html``) or one per line
    (``application/x-ndjson`` or ``application/jsonl``: objects with ``text`` or ``html`` and
    optional ``id``, ``title``, ``date``, ``url``, ``site``), and store each, as ``newsgraph
    ingest`` does: an article already stored (the same text) is a duplicate, stored once.

    Needs ``Authorization: Bearer <token>`` on a server started with a token. Answers 201
    when something was stored, 200 when every record was a duplicate, 400 when none could be
    read; each record's outcome is listed."""
    settings = settings_of(request)
    kind = _content_type(request)
    if url is not None and kind == "jsonl":
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            "url is for a single text or HTML page; give each JSON Lines record its own url",
        )
    body = await _body(request, settings.max_request_bytes)
    writer: ArticleWriter = request.app.state.writer
    report = IngestReport.of(await run_in_threadpool(writer.ingest, _items(body, kind, url)))
    if report.stored:
        code = status.HTTP_201_CREATED
    elif report.duplicate:
        code = status.HTTP_200_OK
    else:
        code = status.HTTP_400_BAD_REQUEST
    return JSONResponse(report.model_dump(), status_code=code)
