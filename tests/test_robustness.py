"""Whatever the bytes, reading and cleaning never crash: an article record or a one-line error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.clean.text import clean_text
from newsgraph.ingest import InputError, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord

CHROME = st.sampled_from(
    [
        "Subscribe to our newsletter",
        "Share on Facebook",
        "By Jane Doe",
        "Leave a Reply",
        "Contact: news@example.org | 202-555-0143",
        "[Home](/) [News](/news)",
        "© 2026 Example Media. All rights reserved.",
        "3 thoughts on “A headline”",
        "Friday, January 4, 2019",
    ]
)
WORDS = st.sampled_from(
    [
        "Share",
        "Tweet",
        "By",
        "and",
        "Jo",
        "Al",
        "(/",
        "@",
        "a" * 300,
        "2019",
        "0816855549",
        "|",
        ",",
    ]
)
RUNS = st.lists(WORDS, max_size=60).map(" ".join)
LINES = st.lists(st.one_of(st.text(max_size=200), CHROME, RUNS), max_size=40)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_clean_text_never_crashes_and_keeps_only_input_text(lines):
    """Runs of chrome words and long tokens are there to catch patterns that backtrack."""
    raw = "\n".join(lines)
    cleaned = clean_text(raw)
    for paragraph in cleaned.text.split("\n\n"):
        words = paragraph.split()
        assert all(word in raw for word in words)


HTML_PIECES = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<article>",
        "<script>var a=1;</script>",
        "<h1>Title</h1>",
        "<nav><a href='/'>Home</a></nav>",
        "&amp;",
        "<!--",
        "-->",
        "<table><tr><td>",
        "<br>",
        "Officials said the talks had failed after three days of negotiations in Geneva. ",
    ]
)
INPUTS = st.one_of(
    st.binary(max_size=3000),
    st.lists(HTML_PIECES, max_size=80).map(lambda pieces: "".join(pieces).encode()),
    st.lists(st.one_of(st.text(max_size=80), CHROME), max_size=30).map(
        lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")
    ),
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(INPUTS, st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_bytes_give_records_or_one_line_errors(tmp_path, content, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    for result in Pipeline().run(read_inputs([str(path)])):
        if isinstance(result, InputError):
            assert "\n" not in str(result) and str(result).startswith(str(path))
        else:
            assert isinstance(result, ArticleRecord) and result.text.strip()
