"""The rows a batch carries between an engine and the batch function, as Arrow tables.

An input row is one ingested item (a document, or an input that could not be read) with its
place in the run: the input path it came from (``source``), the batch it belongs to and its
position among that path's items, and its input id (``path`` or ``path:line``, ``path:row``,
``path:offset``). A result row is the same item after the pipeline: the article record as JSON,
or the reason it failed, and the worker that did it, so failures travel as rows and never stop
a batch. The schemas are fixed so that batches of any engine concatenate and compare.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from ..ingest import Document, InputError
from ..records import ArticleRecord
from .worker import Worker

_PLACE = [
    ("source", pa.string()),
    ("batch", pa.string()),
    ("batch_rows", pa.int32()),
    ("position", pa.int64()),
    ("input_id", pa.string()),
]
_DOCUMENT = [
    ("raw", pa.string()),
    ("kind", pa.string()),
    ("format", pa.string()),
    ("path", pa.string()),
    ("line", pa.int64()),
    ("record_id", pa.string()),
    ("url", pa.string()),
    ("title", pa.string()),
    ("date", pa.string()),
    ("site", pa.string()),
]
INPUT_SCHEMA = pa.schema([*_PLACE, *_DOCUMENT, ("error", pa.string())])
RESULT_SCHEMA = pa.schema(
    [
        *_PLACE,
        ("article_id", pa.string()),
        ("record", pa.string()),
        ("error", pa.string()),
        ("worker", pa.string()),
        ("worker_peak_rss", pa.int64()),
    ]
)


def batch_key(source_index: int, position: int) -> str:
    """The name of the batch that starts at ``position`` of input path ``source_index``: it
    sorts in input order."""
    return f"{source_index:05d}-{position:09d}"


def _item_fields(item: Document | InputError) -> dict:
    if isinstance(item, InputError):
        return {"path": item.path, "line": item.line, "error": item.message}
    return {
        "raw": item.raw,
        "kind": item.kind,
        "format": item.input_format,
        "path": item.path,
        "line": item.line,
        "record_id": item.record_id,
        "url": item.url,
        "title": item.title,
        "date": item.date,
        "site": item.site,
    }


def input_table(
    source: str, batch: str, positions: list[int], items: list[Document | InputError]
) -> pa.Table:
    """The input rows of one batch of items read from ``source``."""
    rows = [
        {
            "source": source,
            "batch": batch,
            "batch_rows": len(items),
            "position": position,
            "input_id": item.where,
            **_item_fields(item),
        }
        for position, item in zip(positions, items, strict=True)
    ]
    return pa.Table.from_pylist(rows, schema=INPUT_SCHEMA)


def table_items(table: pa.Table) -> list[Document | InputError]:
    """The items of a batch's input rows, in order."""
    items: list[Document | InputError] = []
    for row in table.select(INPUT_SCHEMA.names).to_pylist():
        if row["error"] is not None:
            items.append(InputError(row["path"], row["line"], row["error"]))
            continue
        items.append(
            Document(
                raw=row["raw"],
                kind=row["kind"],
                input_format=row["format"],
                path=row["path"],
                line=row["line"],
                record_id=row["record_id"],
                url=row["url"],
                title=row["title"],
                date=row["date"],
                site=row["site"],
            )
        )
    return items


def _outcome(result: ArticleRecord | InputError) -> dict:
    if isinstance(result, InputError):
        return {"error": result.message}
    return {"article_id": result.id, "record": result.to_json()}


def result_table(
    inputs: pa.Table, results: list[ArticleRecord | InputError], worker: Worker
) -> pa.Table:
    """The result rows of a batch: ``inputs``' places beside what the pipeline made of each."""
    places = inputs.select([name for name, _ in _PLACE]).to_pylist()
    rows = [
        {**place, **_outcome(result), "worker": worker.name, "worker_peak_rss": worker.peak_rss}
        for place, result in zip(places, results, strict=True)
    ]
    return pa.Table.from_pylist(rows, schema=RESULT_SCHEMA)


@dataclass(frozen=True)
class ResultRow:
    """One input's outcome, as a part file keeps it: its record JSON, or why it failed."""

    source: str
    batch: str
    position: int
    input_id: str
    article_id: str | None
    record: str | None
    error: str | None
    worker: str
    worker_peak_rss: int


def result_rows(table: pa.Table) -> list[ResultRow]:
    """The rows of a result table, in its order."""
    names = [name for name in RESULT_SCHEMA.names if name != "batch_rows"]
    return [ResultRow(**row) for row in table.select(names).to_pylist()]
