"""WARC input: a WARC built here from the shared HTML pages and Wikinews texts is read record by
record, bad records are reported at their offsets, and it goes through ``ingest`` and ``batch``."""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.cli import main
from newsgraph.ingest import Document, InputError, read_inputs
from newsgraph.store import ArticleStore

WCXB_PAGES = ("0001", "0003")
WIKINEWS_TEXTS = 2
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@dataclass(frozen=True)
class Page:
    """A page or text the test WARC holds, with what its record should give."""

    url: str
    content: bytes
    kind: str
    title: str | None = None
    published: str | None = None


@pytest.fixture(scope="module")
def pages(shared: Path) -> list[Page]:
    html = shared / "data/html"
    found = [
        Page(
            item["url"],
            (html / "whitehouse" / item["file"]).read_bytes(),
            "html",
            item["title"],
            item.get("date_published", "")[:10] or None,
        )
        for item in json.loads((html / "whitehouse/metadata.json").read_text("utf-8"))
    ]
    truth = {
        item["id"]: item
        for item in map(json.loads, (html / "wcxb-dev/ground-truth.jsonl").open(encoding="utf-8"))
    }
    for name in WCXB_PAGES:
        content = gzip.decompress((html / f"wcxb-dev/html/{name}.html.gz").read_bytes())
        found.append(Page(truth[name]["url"], content, "html"))
    lines = (shared / "data/articles/wikinews/wikinews-2019.jsonl").read_text("utf-8")
    for line in lines.splitlines()[:WIKINEWS_TEXTS]:
        item = json.loads(line)
        found.append(Page(item["url"], item["text"].encode("utf-8"), "text"))
    return found


def write_warc(path: Path, pages: list[Page]) -> None:
    """A crawl of ``pages``: each page's request and response, each text as a conversion
    record, and three responses that hold no article (an image, a 404, an empty page)."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsgraph"}))

        def response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)

        for page in pages:
            if page.kind == "html":
                request = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example")], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(page.url, "request", http_headers=request)
                )
                response(page.url, page.content, "text/html; charset=utf-8")
        response("https://example.org/logo.png", PNG, "image/png")
        response(
            "https://example.org/missing",
            b"<html><body>Not found</body></html>",
            "text/html",
            "404 Not Found",
        )
        response("https://example.org/blank", b"", "text/html")
        for page in pages:
            if page.kind == "text":
                record = writer.create_warc_record(
                    page.url,
                    "conversion",
                    payload=io.BytesIO(page.content),
                    warc_content_type="text/plain",
                )
                writer.write_record(record)


@pytest.fixture(scope="module")
def warc(tmp_path_factory, pages: list[Page]) -> Path:
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    write_warc(path, pages)
    return path


def target_at(path: Path, offset: int) -> str:
    """The target URI of the record at ``offset``, read by warcio from that offset alone."""
    with path.open("rb") as stream:
        stream.seek(offset)
        return next(iter(ArchiveIterator(stream))).rec_headers.get_header("WARC-Target-URI")


def test_records_become_documents_addressed_by_offset(warc: Path, pages: list[Page]):
    items = list(read_inputs([str(warc)]))
    documents = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if isinstance(item, InputError)]
    assert [document.url for document in documents] == [page.url for page in pages]
    assert [document.kind for document in documents] == [page.kind for page in pages]
    assert {document.input_format for document in documents} == {"warc"}
    text = next(page for page in pages if page.kind == "text")
    assert next(d for d in documents if d.url == text.url).raw == text.content.decode("utf-8")
    for document in documents:
        assert document.record_id.startswith("<urn:uuid:")
        assert target_at(warc, document.line) == document.url
    assert [(error.message, target_at(warc, error.line)) for error in errors] == [
        ("response is image/png, not HTML or text", "https://example.org/logo.png"),
        ("HTTP status 404, not a page", "https://example.org/missing"),
        ("empty response record", "https://example.org/blank"),
    ]
    assert str(errors[0]) == f"{warc}:{errors[0].line}: response is image/png, not HTML or text"


def test_an_uncompressed_warc_reads_the_same(tmp_path: Path, warc: Path, pages: list[Page]):
    plain = tmp_path / "crawl.warc"
    write_warc(plain, pages)
    read = [
        (item.url, item.raw) for item in read_inputs([str(plain)]) if isinstance(item, Document)
    ]
    assert read == [
        (item.url, item.raw) for item in read_inputs([str(warc)]) if isinstance(item, Document)
    ]


def test_a_gzip_member_cut_short_is_reported_and_the_records_before_it_kept(
    tmp_path: Path, warc: Path, pages: list[Page]
):
    documents = [item for item in read_inputs([str(warc)]) if isinstance(item, Document)]
    last = documents[-1]
    data = warc.read_bytes()
    for cut, message in (
        (last.line + 40, "truncated or corrupt record"),
        (-20, "truncated record"),
    ):
        broken = tmp_path / "broken.warc.gz"
        broken.write_bytes(data[:cut])
        items = list(read_inputs([str(broken)]))
        assert [item.url for item in items if isinstance(item, Document)] == [
            page.url for page in pages[:-1]
        ]
        assert isinstance(items[-1], InputError)
        assert items[-1].line == last.line and items[-1].message.startswith(message)


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path: Path):
    bogus = tmp_path / "notes.warc"
    bogus.write_text("just some notes\n")
    (error,) = read_inputs([str(bogus)])
    assert isinstance(error, InputError) and error.message.startswith("not a WARC file")


def test_ingest_and_batch_read_a_warc_end_to_end(tmp_path: Path, warc: Path, pages: list[Page]):
    runner = CliRunner()
    db = tmp_path / "warc.db"
    result = runner.invoke(main, ["ingest", str(warc), "--db", str(db)])
    assert result.exit_code == 1, result.output  # the three records that hold no article
    assert f"read {len(pages) + 3}, stored {len(pages)}" in result.output
    with ArticleStore.open_readonly(db) as store:
        stored = {record.input.url: record for record in map(store.get, store_ids(store))}
    assert set(stored) == {page.url for page in pages}
    for page in pages:
        record = stored[page.url]
        assert record.input.format == "warc" and record.input.path == str(warc)
        if page.title:
            assert record.meta.title == page.title
        if page.published:
            assert record.meta.published == page.published
    assert any(record.events for record in stored.values())

    out = tmp_path / "run"
    result = runner.invoke(main, ["batch", str(warc), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert (summary["read"], summary["extracted"], summary["failed"]) == (
        len(pages) + 3,
        len(pages),
        3,
    )
    assert [failure["reason"] for failure in summary["failures"]] == [
        "response is image/png, not HTML or text",
        "HTTP status 404, not a page",
        "empty response record",
    ]
    import pyarrow.parquet as pq

    articles = pq.read_table(out / "tables/articles.parquet").to_pylist()
    assert {row["article_id"]: row["url"] for row in articles} == {
        record.id: url for url, record in stored.items()
    }


def store_ids(store: ArticleStore) -> list[str]:
    return [summary.id for summary in store.list(limit=100)]
