"""What a server is started with."""

from __future__ import annotations

from dataclasses import dataclass

TOKEN_VARIABLE = "NEWSGRAPH_TOKEN"
"""The environment variable a write token can be given in instead of ``--token``."""

MAX_REQUEST_BYTES = 20 * 1024 * 1024
"""The largest request body a server takes by default: a batch of articles, not a corpus."""


@dataclass(frozen=True)
class ServerSettings:
    """The store a server reads (a SQLite path or a ``postgresql://`` URL), the token that
    allows writing (None: the server is read-only), and the largest request body it reads."""

    db: str
    token: str | None = None
    max_request_bytes: int = MAX_REQUEST_BYTES
