"""Parquet files of input records to documents, a row group slice at a time.

Each row is a record with the fields of a JSON Lines record (``id``, ``text`` or ``html``, and
optional ``title``, ``date``, ``url``, ``site``); other columns are not read. A row is reported
by its 1-based row number, as a JSON Lines record is by its line. Reading needs pyarrow (the
``export`` extra).
"""

from __future__ import annotations

from collections.abc import Iterator

from .document import InputError, Item
from .jsonl import RECORD_FIELDS, record_document
from .limits import over_limit

_ROWS_PER_READ = 256
_CONTENT = ("text", "html")


def _content_size(row: dict) -> int:
    """The UTF-8 size of a row's text and HTML, as its JSON line would count them."""
    return sum(
        len(value.encode("utf-8", "surrogatepass"))
        for value in (row.get(name) for name in _CONTENT)
        if isinstance(value, str)
    )


def read_parquet(path: str, max_bytes: int) -> Iterator[Item]:
    """Documents and errors for the rows of the Parquet file ``path``, in order."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(
            path, None, "reading Parquet needs pyarrow: pip install 'newsgraph[export]'"
        )
        return
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        yield InputError(path, None, f"not a readable Parquet file: {' '.join(str(exc).split())}")
        return
    columns = [name for name in RECORD_FIELDS if name in parquet.schema_arrow.names]
    if not any(name in columns for name in _CONTENT):
        yield InputError(path, None, "no 'text' or 'html' column")
        return
    number = 0
    with parquet:
        try:
            for batch in parquet.iter_batches(batch_size=_ROWS_PER_READ, columns=columns):
                for row in batch.to_pylist():
                    number += 1
                    size = _content_size(row)
                    if size > max_bytes:
                        yield InputError(path, number, over_limit("record", max_bytes, size))
                    else:
                        yield record_document(path, number, row, "parquet")
        except (OSError, pa.ArrowException) as exc:
            yield InputError(path, number + 1, f"read error: {' '.join(str(exc).split())}")
            return
    if not number:
        yield InputError(path, None, "empty file")
