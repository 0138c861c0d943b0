"""JSON Lines records to documents, one line at a time.

Each line is an object with ``id``, ``text`` or ``html``, and optional ``title``, ``date``, ``url``
and ``site``. A bad line becomes an :class:`InputError` with its line number and reading goes on;
a stream that breaks (a truncated or corrupt gzip file) ends the file with an error at the line
where it broke. No more than one record is held in memory, and an over-long line is skipped
without being held whole.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from typing import BinaryIO, NamedTuple

from ..records import InputFormat
from .decode import NotText, decode, normalize_newlines
from .document import Document, InputError, Item
from .limits import over_limit

_SKIP_CHUNK = 1024 * 1024
_METADATA = ("url", "title", "date", "site")
RECORD_FIELDS = ("id", "text", "html", *_METADATA)
"""The fields of an input record that newsgraph reads; any other field is ignored."""


class Line(NamedTuple):
    """One raw line: whole (newline included) if ``size`` is within the limit, else its start."""

    raw: bytes
    size: int


def read_lines(stream: BinaryIO, max_bytes: int) -> Iterator[Line]:
    """The lines of ``stream``, holding at most ``max_bytes`` + 2 bytes of one line.

    ``size`` counts the line's bytes without its line end (``\\n`` or ``\\r\\n``).
    """
    while True:
        # Room for a line of max_bytes and its "\r\n": a shorter read without "\n" is the end.
        first = stream.readline(max_bytes + 2)
        if not first:
            return
        size = len(first)
        previous, raw = b"", first
        while not raw.endswith(b"\n") and size > max_bytes:
            previous, raw = raw, stream.readline(_SKIP_CHUNK)
            if not raw:
                break
            size += len(raw)
        if raw.endswith(b"\r\n") or (raw == b"\n" and previous.endswith(b"\r")):
            size -= 2
        elif raw.endswith(b"\n"):
            size -= 1
        yield Line(first, size)


def _optional_str(value: object) -> str | None:
    """A metadata value as text: strings and numbers are kept, anything else counts as absent."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value) or None


def _content_field(record: dict) -> str:
    """``"html"`` when the record has page HTML (or only a bad ``html`` value), else ``"text"``;
    an empty ``html`` beside a real ``text`` does not hide the text."""
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        return "html"
    return "html" if html is not None and record.get("text") is None else "text"


def _content(record: dict) -> tuple[str, str] | str:
    """``(kind, content)`` of a record, or the message saying what is wrong with it."""
    field = _content_field(record)
    value = record.get(field)
    if value is None:
        return "line has neither 'text' nor 'html'"
    if not isinstance(value, str):
        return f"'{field}' is not a string (got {type(value).__name__})"
    if not value.strip():
        return "empty text"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"'{field}' holds an unpaired surrogate (invalid Unicode)"
    return field, normalize_newlines(value)


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


def parse_line(path: str, number: int, raw: bytes) -> Item:
    """The document held by one non-blank JSON line, or what is wrong with it."""
    try:
        record = json.loads(decode(raw), parse_constant=_reject_constant)
    except NotText as exc:
        return InputError(path, number, str(exc))
    except json.JSONDecodeError as exc:
        return InputError(path, number, f"invalid JSON: {exc.msg} at column {exc.colno}")
    except (ValueError, RecursionError) as exc:
        return InputError(path, number, f"invalid JSON: {' '.join(str(exc).split())[:120]}")
    if not isinstance(record, dict):
        return InputError(path, number, f"line is not a JSON object (got {type(record).__name__})")
    return record_document(path, number, record, "jsonl")


def record_document(path: str, number: int, record: dict, input_format: InputFormat) -> Item:
    """The document held by one record (a JSON Lines object or a Parquet row) with ``id``,
    ``text`` or ``html`` and the optional metadata fields, or what is wrong with it."""
    content = _content(record)
    if isinstance(content, str):
        return InputError(path, number, content)
    kind, raw_text = content
    metadata = {name: _optional_str(record.get(name)) for name in _METADATA}
    return Document(
        raw=raw_text,
        kind=kind,
        input_format=input_format,
        path=path,
        line=number,
        record_id=_optional_str(record.get("id")),
        **metadata,
    )


def _stream_error(exc: Exception) -> str:
    if isinstance(exc, EOFError):
        return "truncated gzip stream (compressed data ends early)"
    if isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        return f"corrupt gzip stream: {exc}"
    return f"read error: {getattr(exc, 'strerror', None) or exc}"


def read_records(path: str, lines: Iterable[Line], max_bytes: int) -> Iterator[Item]:
    """Documents and errors for the JSON ``lines`` of ``path``, in order; blank lines are skipped.

    A file without a single non-blank line is reported as ``"empty file"``.
    """
    number = 0
    records = 0
    try:
        for number, line in enumerate(lines, start=1):
            if line.size > max_bytes:
                yield InputError(path, number, over_limit("record", max_bytes, line.size))
            elif line.raw.strip():
                yield parse_line(path, number, line.raw)
            else:
                continue
            records += 1
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(path, number + 1, _stream_error(exc))
        return
    if not records:
        yield InputError(path, None, "empty file")
