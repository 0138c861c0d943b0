"""The scraped-text cleaner on the reference article, clean texts, and flattened WCXB pages."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from newsgraph.clean.patterns import EMAIL, PHONE
from newsgraph.clean.text import clean_text
from newsgraph.eval.clean import evaluate_wcxb
from newsgraph.eval.scoring import word_tokens

SEED_TITLE = "U.S. Escalates Pressure on Mexico to Allow Military Action Against Fentanyl Labs, Officials Say"


def article_paragraphs(seed: str) -> list[str]:
    """The nine paragraphs of the reference article as the page has them (chrome excluded)."""
    chrome = re.compile(r"^(Subscribe|By |Send tips|\d+ thoughts|Leave a Reply|Your email)")
    return [p.strip() for p in seed.split("\n") if p.strip() and not chrome.match(p.strip())]


def test_reference_article_metadata(seed_text):
    cleaned = clean_text(seed_text)
    assert cleaned.title == SEED_TITLE
    assert cleaned.authors == ["Ogungbayi Beedee Adeyemi"]
    assert cleaned.site == "ddnewsonline.com"


def test_reference_article_keeps_nine_paragraphs_and_no_chrome(seed_text):
    cleaned = clean_text(seed_text)
    paragraphs = article_paragraphs(seed_text)
    assert len(paragraphs) == 9
    assert cleaned.text.split("\n\n") == paragraphs
    for chrome in (
        "Subscribe",
        "support@",
        "08168555497",
        "Send tips",
        "thoughts on",
        "Leave a Reply",
        "will not be published",
        "By Ogungbayi",
    ):
        assert chrome not in cleaned.text


def test_reference_article_lists_removed_chrome_with_reasons(seed_text):
    removed = [(item.reason, item.text) for item in clean_text(seed_text).removed]
    reasons = [reason for reason, _ in removed]
    assert reasons.count("promo") == 3
    assert ("byline", "By Ogungbayi Beedee Adeyemi") in removed
    assert ("contact", "Send tips to: adeyemi@ddnewsonline.com | 08168555497") in removed
    assert reasons.count("comments") == 3


def test_short_clean_sentence_is_kept_as_it_is():
    sentence = "Police arrested 12 protesters outside the parliament in Tbilisi on Sunday."
    assert clean_text(sentence).text == sentence
    assert clean_text("Subscribe to our newsletter.").text == "Subscribe to our newsletter."


def test_clean_texts_lose_almost_nothing(shared):
    """Already clean texts (Wikinews, White House) keep their words: no chrome to remove."""
    path = shared / "data/articles/whitehouse/usmx.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines][:300]
    wikinews = shared / "data/articles/wikinews/wikinews-2019.jsonl"
    records += [json.loads(line) for line in wikinews.read_text(encoding="utf-8").splitlines()]
    kept = total = 0
    for record in records:
        kept += sum(word_tokens(clean_text(record["text"]).text).values())
        total += sum(word_tokens(record["text"]).values())
    assert kept / total >= 0.99, f"kept {kept / total:.4f} of the words (measured 0.9994)"


def test_wikinews_dateline_becomes_published_date(shared):
    first = json.loads((shared / "data/articles/wikinews/wikinews-2019.jsonl").open().readline())
    cleaned = clean_text(first["text"])
    assert cleaned.published == first["date"] == "2019-01-04"
    assert not cleaned.text.startswith("Friday")


def test_non_english_page_is_not_emptied(shared):
    with gzip.open(shared / "data/articles/whitehouse/usmx.jsonl.gz", "rt", encoding="utf-8") as f:
        french = next(json.loads(line) for line in f if "Déclaration de Los Angeles" in line)
    cleaned = clean_text(french["text"])
    assert len(cleaned.text) > 0.95 * len(french["text"].strip())


def test_scraped_page_sample_finds_body_title_author_and_date(samples):
    cleaned = clean_text((samples / "whitehouse-digital-transition-scraped.txt").read_text())
    assert cleaned.title == "The Obama Administration Digital Transition: Moving Forward"
    assert cleaned.authors == ["Kori Schulman"]
    assert cleaned.published == "2017-01-17"
    assert cleaned.text.startswith("Here's the latest on how you can continue to follow")
    for menu in ("Jump to main content", "Briefing Room", "Presidential Actions", "Privacy Policy"):
        assert menu not in cleaned.text


def test_hard_wrapped_text_is_rejoined_and_kept(seed_text):
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in article_paragraphs(seed_text))
    cleaned = clean_text(wrapped)
    assert cleaned.text.split("\n\n") == [
        " ".join(p.split()) for p in article_paragraphs(seed_text)
    ]


def test_contact_sentences_leave_long_lines(seed_text):
    page = seed_text.replace(
        "This development has reignited",
        "Readers can reach the desk at news@example.org or 202-555-0143 with tips. This development "
        "has reignited",
    )
    cleaned = clean_text(page)
    assert not EMAIL.search(cleaned.text) and not PHONE.search(cleaned.text)
    assert "This development has reignited tensions" in cleaned.text


PAGES = 150
MEASURED_F1 = {"copy-paste": 0.926, "with link markup": 0.923}


@pytest.fixture(scope="module")
def wcxb_scores(shared):
    evaluation = evaluate_wcxb(shared / "data/html/wcxb-dev", limit=PAGES)
    return {method.name: method for method in evaluation.methods}


@pytest.mark.parametrize("flattening", sorted(MEASURED_F1))
def test_wcxb_flattened_pages_word_f1_floor(wcxb_scores, flattening):
    """Word F1 of the cleaner on flattened WCXB pages, against the page's gold main text."""
    raw = wcxb_scores[f"{flattening}, no cleaning"]
    cleaned = wcxb_scores[f"{flattening}, newsgraph clean"]
    measured = MEASURED_F1[flattening]
    assert cleaned.f1 >= measured - 0.015, (
        f"F1 {cleaned.f1:.3f} on {PAGES} pages {flattening} (measured {measured})"
    )
    assert cleaned.f1 > raw.f1 + 0.1, f"no cleaning {raw.f1:.3f} vs cleaned {cleaned.f1:.3f}"
