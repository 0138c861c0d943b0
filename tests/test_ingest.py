"""Tests of ``newsgraph.ingest``: every input format, and every way an input can be bad."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tracemalloc
from types import SimpleNamespace

import pytest

from conftest import SHARED
from newsgraph.ingest import (
    Document,
    InputError,
    read_inputs,
)

DATA = SHARED / "data"
SEED = DATA / "articles/seed/us-mexico-fentanyl-labs.txt"
WIKINEWS = DATA / "articles/wikinews/wikinews-2019.jsonl"
WHITEHOUSE_GZ = DATA / "articles/whitehouse/usmx.jsonl.gz"
HTML_DIR = DATA / "html/whitehouse"
HTML_PAGES = sorted(HTML_DIR.glob("*.html"))

SPANISH = (
    "Alicia Bárcena, secretaria de Relaciones Exteriores, habló con Enrique Peña Nieto en "
    "México sobre la política de seguridad y el tráfico de fentanilo.\r\n"
)


def read(*paths, **kwargs) -> list:
    return list(read_inputs([str(path) for path in paths], **kwargs))


def only(items: list):
    assert len(items) == 1, items
    return items[0]


def wikinews_lines() -> list[str]:
    return WIKINEWS.read_text(encoding="utf-8").splitlines()


def set_stdin(monkeypatch, data: bytes) -> io.BytesIO:
    buffer = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=buffer))
    return buffer


def test_text_file():
    doc = only(read(SEED))
    assert isinstance(doc, Document)
    assert (doc.kind, doc.input_format) == ("text", "text")
    assert doc.path == str(SEED) and doc.line is None and doc.where == str(SEED)
    assert doc.raw.startswith("The United States is intensifying diplomatic")
    assert doc.raw == SEED.read_text(encoding="utf-8")


def test_html_files():
    assert len(HTML_PAGES) == 4
    docs = read(*HTML_PAGES)
    assert [doc.path for doc in docs] == [str(page) for page in HTML_PAGES]
    for doc in docs:
        assert (doc.kind, doc.input_format) == ("html", "html")
        assert doc.raw.startswith("<!DOCTYPE html>")
        assert "\r" not in doc.raw


def test_txt_holding_a_page_is_html(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_bytes(HTML_PAGES[0].read_bytes())
    doc = only(read(page))
    assert (doc.kind, doc.input_format) == ("html", "text")


def test_html_fragment_in_txt_is_html_by_tag_share(tmp_path):
    fragment = tmp_path / "fragment.txt"
    fragment.write_text(
        '<div class="story"><p>Troops <em>moved</em> north.</p><p>Ten died.</p></div>'
    )
    assert only(read(fragment)).kind == "html"


def test_text_mentioning_a_tag_stays_text(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(SEED.read_text(encoding="utf-8") + "\nThe page used a <b> tag once.\n")
    assert only(read(note)).kind == "text"


def test_unsupported_suffix_given_explicitly_is_sniffed(tmp_path):
    text = tmp_path / "article.md"
    text.write_text(SPANISH, encoding="utf-8")
    page = tmp_path / "page.xhtml"
    page.write_bytes(HTML_PAGES[1].read_bytes())
    docs = read(text, page)
    assert [(doc.kind, doc.input_format) for doc in docs] == [("text", "text"), ("html", "html")]


def test_jsonl_wikinews():
    docs = read(WIKINEWS)
    assert len(docs) == 171
    assert all(isinstance(doc, Document) for doc in docs)
    assert [doc.line for doc in docs] == list(range(1, 172))
    first = json.loads(wikinews_lines()[0])
    doc = docs[0]
    assert (doc.kind, doc.input_format) == ("text", "jsonl")
    assert doc.record_id == first["id"] == "wn-a652aad19b93"
    assert (doc.title, doc.date, doc.url) == (first["title"], first["date"], first["url"])
    assert doc.site is None
    assert doc.raw == first["text"].replace("\r\n", "\n")
    assert doc.where == f"{WIKINEWS}:1"


def test_jsonl_gz_whitehouse():
    docs = read(WHITEHOUSE_GZ)
    assert len(docs) == 650
    assert all(isinstance(doc, Document) and doc.input_format == "jsonl" for doc in docs)
    assert docs[-1].line == 650
    assert len({doc.record_id for doc in docs}) == 650
    assert docs[0].title == "Press Briefing by Press Secretary Jen Psaki, January 20, 2021"


def test_jsonl_streams_in_constant_memory():
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs([str(WHITEHOUSE_GZ)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 650
    # The file holds 15 MB of JSON; only about one record at a time may be held.
    assert peak < 3 * 1024 * 1024


def test_jsonl_fields(tmp_path):
    records = [
        {"id": 42, "html": "<p>Page</p>", "site": "example.org", "date": 2019},
        {"id": "b", "html": "<p>Both</p>", "text": "Both"},
        {"text": "No id\r\nhere", "title": ["not", "a", "string"], "url": ""},
    ]
    path = tmp_path / "fields.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n")
    first, second, third = read(path)
    assert (first.kind, first.record_id, first.site, first.date) == (
        "html",
        "42",
        "example.org",
        "2019",
    )
    assert (second.kind, second.raw) == ("html", "<p>Both</p>")
    assert (third.kind, third.record_id, third.title, third.url, third.raw) == (
        "text",
        None,
        None,
        None,
        "No id\nhere",
    )


def test_malformed_json_line_in_the_middle(tmp_path):
    lines = wikinews_lines()
    path = tmp_path / "broken.jsonl"
    broken = '{"id": "x" "text": "missing comma"}'
    path.write_text("\n".join(lines[:3] + [broken] + lines[3:5]) + "\n", encoding="utf-8")
    items = read(path)
    assert [item.line for item in items] == [1, 2, 3, 4, 5, 6]
    assert [type(item) for item in items] == [Document] * 3 + [InputError] + [Document] * 2
    assert items[3].message == "invalid JSON: Expecting ',' delimiter at column 12"
    assert items[4].record_id == json.loads(lines[3])["id"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "line is not a JSON object (got list)"),
        ('{"id": 1, "title": "T"}', "line has neither 'text' nor 'html'"),
        ('{"id": 1, "text": 7}', "'text' is not a string (got int)"),
        ('{"id": 1, "html": {"a": 1}}', "'html' is not a string (got dict)"),
        ('{"id": 1, "text": "  \\n "}', "empty text"),
    ],
)
def test_bad_jsonl_record(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(f'{{"id": 0, "text": "fine"}}\n{line}\n{{"id": 2, "text": "fine"}}\n')
    items = read(path)
    assert [type(item) for item in items] == [Document, InputError, Document]
    assert (items[1].line, items[1].message) == (2, message)
    assert items[2].line == 3


def test_blank_jsonl_lines_are_skipped_but_counted(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text('\n{"id": 1, "text": "a"}\n   \n\n{"id": 2, "text": "b"}\n')
    assert [item.line for item in read(path)] == [2, 5]


def test_jsonl_line_in_another_encoding(tmp_path):
    path = tmp_path / "latin.jsonl"
    record = json.dumps({"id": "es", "text": SPANISH}, ensure_ascii=False)
    path.write_bytes(b'{"id": "en", "text": "plain"}\n' + record.encode("cp1252") + b"\n")
    first, second = read(path)
    assert first.raw == "plain"
    assert "Bárcena" in second.raw and "Peña Nieto" in second.raw and "México" in second.raw


def test_jsonl_record_over_the_limit(tmp_path):
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "word " * 700})
    assert len(big) == 3525
    path.write_text(f'{{"id": 1, "text": "a"}}\n{big}\n{{"id": 3, "text": "c"}}\n')
    items = read(path, max_bytes=1024)
    assert [type(item) for item in items] == [Document, InputError, Document]
    assert items[1].line == 2
    assert items[1].message == "record over the 1 KB size limit (3.4 KB)"
    assert items[2].raw == "c"


def test_record_size_excludes_the_line_end(tmp_path):
    record = b'{"id": 1, "text": "' + b"x" * 100 + b'"}'
    path = tmp_path / "exact.jsonl"
    path.write_bytes(record + b"\r\n" + record + b"x\r\n")
    fits, too_big = read(path, max_bytes=len(record))
    assert fits.raw == "x" * 100
    assert too_big.message == f"record over the {len(record)} B size limit ({len(record) + 1} B)"


def test_truncated_jsonl_gz(tmp_path):
    data = WHITEHOUSE_GZ.read_bytes()
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    *docs, error = items
    assert 100 < len(docs) < 650
    assert [doc.line for doc in docs] == list(range(1, len(docs) + 1))
    assert all(isinstance(doc, Document) for doc in docs)
    assert isinstance(error, InputError)
    assert error.line == len(docs) + 1
    assert error.message == "truncated gzip stream (compressed data ends early)"


def test_jsonl_gz_that_is_not_gzip(tmp_path):
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(WIKINEWS.read_bytes()[:5000])
    error = only(read(path))
    assert error.line == 1
    assert error.message.startswith("corrupt gzip stream: Not a gzipped file")


def test_empty_jsonl_file(tmp_path):
    path = tmp_path / "empty.jsonl.gz"
    with gzip.open(path, "wt") as stream:
        stream.write("\n\n")
    error = only(read(path))
    assert (error.line, error.message) == (None, "empty file")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert only(read(path)) == InputError(str(path), None, "empty file")


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048),
        b"Looks like text\x00\x01\x02 but holds NUL bytes",
        (b"word " * 4 + bytes(range(1, 6))) * 100,
    ],
    ids=["random", "png", "nul", "control"],
)
def test_binary_file(tmp_path, content):
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    assert only(read(path)) == InputError(str(path), None, "binary content (not text)")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encoded_text(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(SPANISH.encode(encoding))
    doc = only(read(path))
    assert doc.raw == SPANISH.replace("\r\n", "\n")


def test_legacy_encoded_article_with_curly_quotes(tmp_path):
    text = SPANISH + SEED.read_text(encoding="utf-8")
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("cp1252"))
    raw = only(read(path)).raw
    assert "Alicia Bárcena" in raw and "Peña Nieto" in raw
    assert "Donald Trump’s second term" in raw


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SPANISH.encode("utf-16"))
    assert only(read(path)).raw == SPANISH.replace("\r\n", "\n")


def test_utf8_bom_and_newlines(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line\r\nSecond line\rThird line\n")
    assert only(read(path)).raw == "First line\nSecond line\nThird line\n"


def test_file_over_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3000)
    assert only(read(path, max_bytes=1024)).message == "file over the 1 KB size limit (2.9 KB)"
    assert only(read(path, max_bytes=3000)).raw == "x" * 3000


def test_size_message_that_would_round_to_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2049)
    message = only(read(path, max_bytes=2048)).message
    assert message == "file over the 2,048-byte size limit (2,049 bytes)"


def test_nonexistent_path_does_not_stop_the_batch(tmp_path):
    missing = tmp_path / "missing.txt"
    missing_jsonl = tmp_path / "missing.jsonl"
    error, doc, error_jsonl = read(missing, SEED, missing_jsonl)
    assert error == InputError(str(missing), None, "no such file or directory")
    assert doc.path == str(SEED)
    assert error_jsonl.message == "no such file or directory"


def test_directory_walk(tmp_path):
    (tmp_path / "b.txt").write_text("Text b.")
    (tmp_path / "a.HTML").write_bytes(HTML_PAGES[0].read_bytes())
    (tmp_path / "notes.csv").write_text("skipped,because,suffix")
    (tmp_path / ".hidden.txt").write_text("skipped, hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("skipped, hidden directory")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.jsonl.gz").write_bytes(gzip.compress(b'{"id": 1, "text": "gz"}\n'))
    (sub / "c.jsonl").write_text('{"id": 1, "text": "one"}\n{"id": 2, "text": "two"}\n')
    (sub / "e.htm").write_text("")
    items = read(tmp_path)
    assert [item.where for item in items] == [
        f"{tmp_path}/a.HTML",
        f"{tmp_path}/b.txt",
        f"{tmp_path}/sub/c.jsonl:1",
        f"{tmp_path}/sub/c.jsonl:2",
        f"{tmp_path}/sub/d.jsonl.gz:1",
        f"{tmp_path}/sub/e.htm",
    ]
    assert isinstance(items[-1], InputError) and items[-1].message == "empty file"
    assert items[4].raw == "gz"


def test_directory_of_real_pages():
    docs = read(HTML_DIR)
    assert [doc.path for doc in docs] == [str(page) for page in HTML_PAGES]


def test_stdin_jsonl(monkeypatch):
    lines = wikinews_lines()[:3]
    set_stdin(monkeypatch, ("\n" + "\n".join(lines) + "\n").encode("utf-8"))
    docs = read("-")
    assert [(doc.where, doc.input_format) for doc in docs] == [
        ("-:2", "jsonl"),
        ("-:3", "jsonl"),
        ("-:4", "jsonl"),
    ]
    assert docs[2].record_id == json.loads(lines[2])["id"]


def test_stdin_jsonl_is_streamed(monkeypatch):
    data = WIKINEWS.read_bytes()
    buffer = set_stdin(monkeypatch, data)
    first = next(read_inputs(["-"]))
    assert first.line == 1
    assert buffer.tell() < len(data) // 10


def test_stdin_text_and_html(monkeypatch):
    set_stdin(monkeypatch, b"\n\n" + SEED.read_bytes())
    text = only(read("-"))
    assert (text.path, text.kind, text.input_format) == ("-", "text", "text")
    assert text.raw == "\n\n" + SEED.read_text(encoding="utf-8")
    set_stdin(monkeypatch, HTML_PAGES[2].read_bytes())
    page = only(read("-"))
    assert (page.kind, page.input_format) == ("html", "html")


def test_stdin_over_the_limit_and_empty(monkeypatch):
    set_stdin(monkeypatch, SEED.read_bytes())
    assert only(read("-", max_bytes=1024)) == InputError(
        "-", None, "input over the 1 KB size limit"
    )
    set_stdin(monkeypatch, b"")
    assert only(read("-")) == InputError("-", None, "empty file")


def test_input_error_str():
    assert str(InputError("a.jsonl", 4, "invalid JSON: Expecting value at column 1")) == (
        "a.jsonl:4: invalid JSON: Expecting value at column 1"
    )
    assert str(InputError("x.txt", None, "empty file")) == "x.txt: empty file"
    assert str(InputError("x.txt", None, "two\nlines")) == "x.txt: two lines"


def test_document_where():
    assert Document(raw="r", kind="text", input_format="text", path="p.txt").where == "p.txt"
    doc = Document(raw="r", kind="text", input_format="jsonl", path="p.jsonl", line=3)
    assert doc.where == "p.jsonl:3"
