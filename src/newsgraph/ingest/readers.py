"""``read_inputs``: paths (files, directories, ``-`` for standard input) to documents, lazily.

A text or HTML file is one document; a JSON Lines file (plain or gzipped) is one per line, a
Parquet file one per row, a WARC file one per page or text record. Every problem becomes an
:class:`InputError` in the stream and the next input is read, so one bad file or record never
stops a batch.
"""

from __future__ import annotations

import gzip
import itertools
import os
import sys
from collections.abc import Iterable, Iterator

from .decode import NotText, decode
from .document import STDIN, Document, InputError, Item, os_error
from .jsonl import Line, read_lines, read_records
from .limits import DEFAULT_MAX_BYTES, over_limit
from .parquet import read_parquet
from .sniff import looks_like_html, starts_json_object
from .walk import walk
from .warc import WARC_SUFFIXES, read_warc


def text_document(path: str, data: bytes, input_format: str | None, kind: str | None) -> Item:
    """One document from the whole content of a file; ``None`` format or kind: sniff it."""
    try:
        text = decode(data)
    except NotText as exc:
        return InputError(path, None, str(exc))
    if not text.strip():
        return InputError(path, None, "empty file")
    kind = kind or ("html" if looks_like_html(text) else "text")
    return Document(raw=text, kind=kind, input_format=input_format or kind, path=path)


def _read_jsonl(path: str, max_bytes: int) -> Iterator[Item]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        stream = opener(path, "rb")
    except OSError as exc:
        yield os_error(path, exc)
        return
    with stream:
        yield from read_records(path, read_lines(stream, max_bytes), max_bytes)


def _read_whole(path: str, max_bytes: int) -> Item:
    lower = path.lower()
    if lower.endswith((".html", ".htm")):
        input_format, kind = "html", "html"
    elif lower.endswith(".txt"):
        input_format, kind = "text", None
    else:
        input_format, kind = None, None
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return InputError(path, None, over_limit("file", max_bytes, size))
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        return os_error(path, exc)
    if len(data) > max_bytes:
        return InputError(path, None, over_limit("file", max_bytes))
    return text_document(path, data, input_format, kind)


def _read_file(path: str, max_bytes: int) -> Iterator[Item]:
    lower = path.lower()
    if lower.endswith((".jsonl", ".jsonl.gz")):
        yield from _read_jsonl(path, max_bytes)
    elif lower.endswith(WARC_SUFFIXES):
        yield from read_warc(path, max_bytes)
    elif lower.endswith(".parquet"):
        yield from read_parquet(path, max_bytes)
    else:
        yield _read_whole(path, max_bytes)


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    """Standard input: JSON Lines if its first non-blank line opens an object, else one text."""
    stream = sys.stdin.buffer
    lines = read_lines(stream, max_bytes)
    head: list[Line] = []
    head_bytes = 0
    for line in lines:
        head.append(line)
        head_bytes += len(line.raw)
        if line.raw.strip() or head_bytes > max_bytes:
            break
    if head and starts_json_object(head[-1].raw):
        yield from read_records(STDIN, itertools.chain(head, lines), max_bytes)
        return
    data = b"".join(line.raw for line in head)
    if len(data) <= max_bytes:
        data += stream.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        yield InputError(STDIN, None, over_limit("input", max_bytes))
    else:
        yield text_document(STDIN, data, None, None)


def read_inputs(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Documents and errors from ``paths``, in order, one at a time.

    ``"-"`` is standard input; a directory stands for the supported files under it
    (:func:`newsgraph.ingest.walk.walk`). A file named explicitly is read whatever its suffix:
    ``.jsonl``/``.jsonl.gz`` as JSON Lines, ``.warc``/``.warc.gz`` as WARC, ``.parquet`` as
    Parquet records, ``.html``/``.htm`` as HTML, anything else as text or HTML by its content. A
    text/HTML file or a record larger than ``max_bytes`` is an error, found without reading it
    whole.
    """
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            yield from _read_stdin(max_bytes)
        elif os.path.isdir(path):
            for found in walk(path):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from _read_file(found, max_bytes)
        else:
            yield from _read_file(path, max_bytes)
