"""Flags: stale titles and dates that contradict a known term, on the reference article and on
sentences where nothing is wrong."""

from __future__ import annotations

import pytest

from newsgraph.annotate import Annotator
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline


def flags(text: str, published: str | None) -> list[tuple[str, str]]:
    annotator = Annotator.for_files()
    annotation = annotator.read(annotator.nlp(text), published)
    return [(flag.kind, text[flag.start : flag.end]) for flag in annotation.flags]


def test_reference_article_is_flagged_for_its_date_and_its_stale_title(seed_text: str):
    record = Pipeline().process(
        Document(raw=seed_text, kind="text", input_format="text", path="seed.txt")
    )
    found = [(flag.kind, record.text[flag.start : flag.end]) for flag in record.flags]
    assert found == [
        ("date_inconsistent", "the early weeks of President Donald Trump’s second term"),
        ("role_outdated", "Mexican Foreign Secretary Alicia Bárcena"),
    ]
    messages = " ".join(flag.message for flag in record.flags)
    assert "2025-01-20" in messages and "2024-09-30" in messages


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # Written in the early weeks of that term.
        (
            "The push comes in the early weeks of President Donald Trump's second term.",
            "2025-02-20",
        ),
        # Bárcena was Foreign Secretary then.
        ("Mexican Foreign Secretary Alicia Bárcena responded sharply on Monday.", "2024-03-04"),
        # A former president keeps his title by courtesy; a past year tells a past office.
        ("President Obama spoke at the ceremony on Tuesday.", "2021-06-15"),
        ("In 2023, Foreign Secretary Alicia Bárcena visited Washington.", "2026-01-15"),
        ("Former Foreign Secretary Alicia Bárcena spoke on Monday.", "2026-01-15"),
        # No date to compare with.
        ("Mexican Foreign Secretary Alicia Bárcena responded sharply on Monday.", None),
    ],
)
def test_nothing_is_flagged_when_the_text_agrees_with_its_date(text, published):
    assert flags(text, published) == []


def test_a_sitting_officeholder_given_a_title_they_left_is_flagged():
    assert flags("Vice President Joe Biden met the governors on Monday.", "2021-09-09") == [
        ("role_outdated", "Vice President Joe Biden")
    ]
