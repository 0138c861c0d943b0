"""The language layer: batches in order, long texts parsed in pieces with their offsets intact."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.language import load_nlp, parse_texts
from newsgraph.language.parse import split_text


@given(st.text(alphabet=st.sampled_from("ab .\n"), max_size=400), st.integers(4, 60))
def test_pieces_join_back_into_the_text(text: str, limit: int):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


def test_pieces_are_cut_at_paragraph_breaks():
    text = "First paragraph, about forty characters.\n\nSecond one. It has two sentences.\n\nEnd."
    assert split_text(text, 60) == [
        "First paragraph, about forty characters.\n\n",
        "Second one. It has two sentences.\n\nEnd.",
    ]
    assert split_text("One sentence is here. Another sentence follows it.", 30) == [
        "One sentence is here. ",
        "Another sentence follows it.",
    ]


def test_long_texts_keep_their_offsets_and_contexts_their_order(shared: Path):
    path = shared / "data/articles/whitehouse/world-sample.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(30), lines, strict=False)]
    long_text = "\n\n".join(texts)
    assert len(long_text) > 60_000, "needs a text longer than a parse piece"
    items = [("Short text about Mexico.", "a"), (long_text, "b"), ("", "c"), ("Lima.", "d")]
    parsed = list(parse_texts(items, load_nlp(), batch_size=4, batch_chars=30_000))
    assert [context for _, context in parsed] == ["a", "b", "c", "d"]
    doc = parsed[1][0]
    assert doc.text == long_text
    assert len(doc.ents) > 100
    for entity in doc.ents:
        assert long_text[entity.start_char : entity.end_char] == entity.text
    assert [sentence.text for sentence in doc.sents][-1] in long_text
