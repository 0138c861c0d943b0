"""Flags: stale titles, dates that contradict a known term, central claims with no source and
numbers given two ways, on the reference article, the Wikinews sample and one-edit variants of
them, and on sentences where nothing is wrong."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsgraph.annotate import Annotator
from newsgraph.flags.lexicon import load_editing_lexicon
from newsgraph.flags.values import allowed
from newsgraph.ingest import Document, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord, Count


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


# ---------------------------------------------------------------------------------------------
# unsourced_claim and number_inconsistent, on the Wikinews 2019 sample (CC BY 2.5, read from the
# shared data at test time: "From Wikinews, the free news source you can write!") and on
# one-edit variants of its paragraphs and of the reference article.

WIKINEWS = "data/articles/wikinews/wikinews-2019.jsonl"
EDITING_KINDS = ("unsourced_claim", "number_inconsistent")


@pytest.fixture(scope="module")
def wikinews_documents(shared: Path) -> dict[str, Document]:
    return {
        item.record_id: item
        for item in read_inputs([str(shared / WIKINEWS)])
        if isinstance(item, Document)
    }


@pytest.fixture(scope="module")
def wikinews_records(wikinews_documents: dict[str, Document]) -> dict[str, ArticleRecord]:
    """All 171 articles through the pipeline, once (about a minute and a half)."""
    records = Pipeline().run(wikinews_documents.values())
    return {record.input.id: record for record in records if isinstance(record, ArticleRecord)}


def editing_flags(record: ArticleRecord) -> list[tuple[str, str]]:
    return [
        (flag.kind, record.text[flag.start : flag.end])
        for flag in record.flags
        if flag.kind in EDITING_KINDS
    ]


def edited(document: Document, old: str, new: str) -> ArticleRecord:
    """The record of ``document`` with one phrase of it changed."""
    assert document.raw.count(old) == 1, old
    record = Pipeline().process(replace(document, raw=document.raw.replace(old, new)))
    assert isinstance(record, ArticleRecord)
    return record


# Wikinews articles whose new-kind flags were read and judged right (a careful editor would ask
# "says who?" of these tolls: the article never says who counted them).
REVIEWED_RIGHT = {
    ("wn-3e34b8675e0e", "unsourced_claim"),  # "At least seven, including four children, died."
    ("wn-f2b89fb3941a", "unsourced_claim"),  # "The blaze killed three, … and injured sixteen, …"
    (
        "wn-94050a6dccf1",
        "unsourced_claim",
    ),  # "… an IT worker went on a stabbing spree, killing four."
}


def test_the_wikinews_sample_raises_few_editing_flags_and_no_wrong_ones(wikinews_records):
    raised = [
        (article_id, kind)
        for article_id, record in wikinews_records.items()
        for kind, _ in editing_flags(record)
    ]
    unreviewed = [flag for flag in raised if flag not in REVIEWED_RIGHT]
    assert len(wikinews_records) == 171
    assert len(unreviewed) <= 1, (
        f"measured: 3 flags raised on the 171 articles, all 3 right (0 wrong); now {len(raised)} "
        f"raised, unreviewed: {unreviewed}"
    )


def test_a_central_toll_no_one_is_said_to_have_counted_is_flagged(wikinews_records):
    assert editing_flags(wikinews_records["wn-3e34b8675e0e"]) == [
        ("unsourced_claim", "At least seven, including four children, died.")
    ]
    catalonia = wikinews_records["wn-f2b89fb3941a"]
    assert editing_flags(catalonia) == [
        (
            "unsourced_claim",
            "The blaze killed three, including a 92-year-old woman, and injured sixteen, "
            "including a baby.",
        )
    ]
    assert "“sixteen”" in catalonia.flags[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # Attributed in the sentence, or left to someone vaguely: no longer the article's word.
        ("including four children, died.", "including four children, died, police said."),
        ("At least seven, including four children, died.", "At least seven reportedly died."),
    ],
)
def test_the_same_toll_attributed_or_hedged_is_not_flagged(wikinews_documents, old, new):
    assert editing_flags(edited(wikinews_documents["wn-3e34b8675e0e"], old, new)) == []


def test_responsibility_for_an_attack_stated_as_fact_is_flagged(
    wikinews_records, wikinews_documents
):
    # Wikinews leaves it to reports; without "reportedly" the article lays it on the Taliban.
    assert editing_flags(wikinews_records["wn-49dc5391ce8c"]) == []
    record = edited(wikinews_documents["wn-49dc5391ce8c"], "reportedly conducted", "conducted")
    assert editing_flags(record) == [
        ("unsourced_claim", "Dozens died in the attack, conducted by the Taliban.")
    ]
    assert "Taliban" in record.flags[0].message


def test_a_governments_pressure_stated_without_its_anonymous_sources_is_flagged(seed_text):
    attribution = (
        ", according to multiple senior American officials speaking on condition of anonymity."
    )
    record = Pipeline().process(
        Document(
            raw=seed_text.replace(attribution, "."),
            kind="text",
            input_format="text",
            path="seed.txt",
        )
    )
    assert editing_flags(record) == [
        (
            "unsourced_claim",
            "The United States is intensifying diplomatic and economic pressure on Mexico to grant "
            "permission for U.S. military operations targeting fentanyl production labs inside "
            "Mexican territory.",
        )
    ]
    assert "United States" in record.flags[0].message


@pytest.mark.parametrize(
    "text",
    [
        # Scene setting, and public acts from Wikinews ledes (CC BY 2.5): no one need be cited.
        "The meeting took place in Washington on Tuesday.",
        "On Wednesday in the US state of Alabama, Governor Kay Ivey signed the Alabama Human Life "
        "Protection Act, officially outlawing nearly all circumstances of abortion in the state.",
        "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, "
        "with officials saying this is for security reasons.",
        # A court's record, and a history the article's date puts in the past.
        "Bruce McArthur, from Toronto, Canada, on Tuesday admitted his guilt in eight murders.",
        "All 189 on the aircraft died when the flight came down last October.",
    ],
)
def test_scene_setting_public_acts_and_the_record_are_not_flagged(text):
    assert [kind for kind, _ in flags(text, "2019-01-29")] == []


WHITE_HOUSE = "data/articles/whitehouse/{}.jsonl.gz"


def white_house(shared: Path, corpus: str, record_id: str) -> Document:
    return next(
        item
        for item in read_inputs([str(shared / WHITE_HOUSE.format(corpus))])
        if isinstance(item, Document) and item.record_id == record_id
    )


def test_a_statement_speaks_for_its_author(shared):
    """ "At least eleven journalists have been killed in Ukraine" is the President's own word in
    his statement; under a news headline its first person still tells a statement."""
    statement = white_house(shared, "world-sample", "wh-f8582420419c")
    for document in (statement, replace(statement, title="Journalists killed in Ukraine")):
        record = Pipeline().process(document)
        assert "At least eleven journalists have been killed" in record.text
        assert editing_flags(record) == []


def number_flags(document: Document, old: str | None = None, new: str = "") -> list[str]:
    """The counts flagged as given two ways in ``document``, with one phrase changed."""
    if old is not None:
        assert document.raw.count(old) == 1, old
        document = replace(document, raw=document.raw.replace(old, new))
    record = Pipeline().process(document)
    return [
        record.text[flag.start : flag.end]
        for flag in record.flags
        if flag.kind == "number_inconsistent"
    ]


@pytest.fixture(scope="module")
def bodies(shared: Path) -> Document:
    """President Trump's remarks of 2025-02-26 on Gaza: "four bodies came in today", three times."""
    remarks = white_house(shared, "usmx", "wh-02b00e31e472")
    start = remarks.raw.index("Q    On Gaza.")
    return replace(remarks, raw=remarks.raw[start : remarks.raw.index("And I will say", start)])


def test_the_same_count_given_two_values_is_flagged(bodies):
    assert number_flags(bodies) == []
    changed = "Today, they sent in four bodies."
    assert number_flags(bodies, changed, "Today, they sent in six bodies.") == ["six"]


@pytest.mark.parametrize(
    "new",
    [
        "Today, they sent in at least four bodies.",  # a bound the other values meet
        "Today, they sent in about five bodies.",  # an approximation that reaches four
        "Last week, they sent in six bodies.",  # another time
    ],
)
def test_compatible_values_and_other_times_are_not_flagged(bodies, new):
    assert number_flags(bodies, "Today, they sent in four bodies.", new) == []


def test_an_amount_pointing_back_at_a_known_thing_with_another_value_is_flagged(shared):
    briefing = white_house(shared, "usmx", "wh-e23f25a0abaa")
    start = briefing.raw.index("Q    Jen, a couple.")
    question = replace(briefing, raw=briefing.raw[start : briefing.raw.index("MS. PSAKI:", start)])
    assert number_flags(question) == []
    assert number_flags(question, "Is the $15 minimum wage", "Is the $12 minimum wage") == ["$12"]


def count(value, qualifier="=", low=None, high=None) -> Count:
    return Count(
        id="c",
        value=value,
        qualifier=qualifier,
        count_type="KILL",
        start=0,
        end=0,
        low=low,
        high=high,
    )


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [
        (count(70000, ">"), count(73000, "~"), True),  # "more than 70,000", "about 73,000"
        (count(70000), count(73000), True),  # "70,000" is a rounded 73,000
        (count(70000), count(7000), False),
        (count(70000), count(80000, ">"), False),  # "70,000", "more than 80,000"
        (count(70000), count(80000), False),  # rounded to the same step, and apart
        (count(3.2e9), count(3.5e9), False),  # "$3.2 billion", "$3.5 billion"
        (count(20), count(23), False),  # small numbers are counted, not rounded
        (count(20, "<"), count(20), True),  # "nearly 20" is said loosely of 20
        (count(10000, "~", low=10000), count(70000), True),  # "tens of thousands"
        (count(9, "~", low=8, high=10), count(12), False),  # "between 8 and 10"
    ],
)
def test_values_agree_after_qualifiers_ranges_and_rounding(first, second, agree):
    lexicon = load_editing_lexicon()
    share, exact = lexicon.approximate_share, lexicon.exact_below
    assert allowed(first, share, exact).meets(allowed(second, share, exact)) is agree
