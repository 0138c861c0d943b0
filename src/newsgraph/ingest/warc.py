"""WARC files (plain or gzipped record by record) to documents, one record at a time.

A ``response`` record whose HTTP payload is an HTML page becomes an HTML document; a
``resource`` or ``conversion`` record of HTML or plain text (a page's extracted text) becomes a
document of that kind. The record's target URI is the document's URL and its ``WARC-Record-ID``
the record id. Records are addressed by their byte offset in the file (``path:offset``, what a
CDX index and ``warcio extract`` use), so a record that is not an article (not HTML, an error
status, empty, truncated) is reported with its offset and the next one is read. Request,
metadata, revisit and warcinfo records carry no article and are passed over in silence.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from .decode import NotText, decode, normalize_newlines
from .document import Document, InputError, Item, os_error
from .limits import over_limit
from .sniff import looks_like_html

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_CONTENT_RECORDS = frozenset({"response", "resource", "conversion"})
# The bytes past the last record looked at to tell trailing blank lines from a broken record.
_TAIL_PROBE = 4096


def _media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` of a Content-Type header value, lower-cased."""
    if not content_type:
        return None, None
    media, *parameters = (piece.strip() for piece in content_type.split(";"))
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower() or None
    return media.lower() or None, charset


def _payload_type(record: ArcWarcRecord) -> str | None:
    """The Content-Type of the record's payload: the HTTP header of a response, the WARC
    header of a resource or conversion record."""
    if record.rec_type == "response":
        return record.http_headers.get_header("Content-Type") if record.http_headers else None
    return record.rec_headers.get_header("Content-Type")


def _unreadable(record: ArcWarcRecord, media: str | None) -> str | None:
    """Why the record holds no page or text to read, or None when it does."""
    if record.rec_type == "response":
        status = record.http_headers.get_statuscode() if record.http_headers else None
        if status and not status.startswith("2"):
            return f"HTTP status {status}, not a page"
    if media is None or media in _HTML_TYPES:
        return None
    if record.rec_type != "response" and media in _TEXT_TYPES:
        return None
    return f"{record.rec_type} is {media}, not HTML or text"


def _text(data: bytes, charset: str | None) -> str:
    """The payload as text: in its declared charset when that decodes it, else guessed."""
    if charset:
        try:
            return normalize_newlines(data.decode(charset))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _document(
    path: str,
    offset: int,
    record: ArcWarcRecord,
    data: bytes,
    media: str | None,
    charset: str | None,
) -> Item:
    try:
        text = _text(data, charset)
    except NotText as exc:
        return InputError(path, offset, str(exc))
    if not text.strip():
        return InputError(path, offset, f"empty {record.rec_type} record")
    if media in _TEXT_TYPES:
        kind = "text"
    elif media in _HTML_TYPES:
        kind = "html"
    else:
        kind = "html" if looks_like_html(text) else "text"
    return Document(
        raw=text,
        kind=kind,
        input_format="warc",
        path=path,
        line=offset,
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        url=record.rec_headers.get_header("WARC-Target-URI"),
        fallback_date=record.rec_headers.get_header("WARC-Date"),
    )


def _record_item(
    path: str, records: ArchiveIterator, record: ArcWarcRecord, max_bytes: int
) -> Item | None:
    """The document or error for the current record; None for a record with no article."""
    if record.rec_type not in _CONTENT_RECORDS:
        return None
    media, charset = _media_type(_payload_type(record))
    reason = _unreadable(record, media)
    data = b"" if reason else record.content_stream().read(max_bytes + 1)
    # The offset is known once the record has been read to its end (warcio reads the rest).
    offset = records.get_record_offset()
    missing = record.raw_stream.limit
    if missing:
        return InputError(path, offset, f"truncated record ({missing:,} bytes missing)")
    if reason:
        return InputError(path, offset, reason)
    if len(data) > max_bytes:
        return InputError(path, offset, over_limit("record", max_bytes))
    return _document(path, offset, record, data, media, charset)


def _unread_tail(stream: BinaryIO, end: int) -> bool:
    """True if anything but blank lines follows byte ``end`` of ``stream``."""
    stream.seek(end)
    return bool(stream.read(_TAIL_PROBE).strip())


def read_warc(path: str, max_bytes: int) -> Iterator[Item]:
    """Documents and errors for the records of the WARC file ``path``, in order.

    warcio stops without a word at a gzip member cut short, so the end of the last record read
    is checked against the end of the file: bytes left over are reported as a broken record.
    """
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed by the with block below
    except OSError as exc:
        yield os_error(path, exc)
        return
    with stream:
        end = 0
        records = ArchiveIterator(stream)
        try:
            for record in records:
                item = _record_item(path, records, record, max_bytes)
                end = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    yield item
        except ArchiveLoadFailed as exc:
            message = " ".join(str(exc).split())[:160]
            yield InputError(path, end or None, f"not a WARC file: {message}")
            return
        except (EOFError, zlib.error, OSError) as exc:
            yield InputError(path, end, f"broken record: {type(exc).__name__}: {exc}")
            return
        if os.fstat(stream.fileno()).st_size > end and _unread_tail(stream, end):
            yield InputError(path, end, "truncated or corrupt record (gzip member cut short)")
        elif not end:
            yield InputError(path, None, "empty file")
