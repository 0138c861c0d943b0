"""The small readers the cleaners are built from: bylines, dates, sites, contact details."""

from __future__ import annotations

import pytest

from newsgraph.clean.byline import byline_authors, split_byline_authors
from newsgraph.clean.dates import date_line, find_date, iso_date
from newsgraph.clean.lines import split_lines
from newsgraph.clean.patterns import boilerplate_patterns, has_email, has_phone
from newsgraph.clean.site import site_from_text, url_site


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Ogungbayi Beedee Adeyemi", ["Ogungbayi Beedee Adeyemi"]),
        (
            "Written by Danielle DeSiato, Donna Enzmann, and Natalie Nguyen",
            ["Danielle DeSiato", "Donna Enzmann", "Natalie Nguyen"],
        ),
        ("By Maria de la Cruz and John Smith | Reuters", ["Maria de la Cruz", "John Smith"]),
        ("January 17, 2017 at 6:08 PM ET by Kori Schulman", ["Kori Schulman"]),
        ("ByJane Doe", ["Jane Doe"]),
        ("By Sunday, more than 200 people had been evacuated", None),
        ("By March 2020 the virus had spread", None),
        ("Byron Smith went home", None),
        ("by the way, nothing here", None),
    ],
)
def test_byline_authors(line, authors):
    assert byline_authors(line) == authors


def test_byline_broken_over_two_lines():
    assert split_byline_authors("Written By", "Stephen Jesudunsin") == ["Stephen Jesudunsin"]
    assert split_byline_authors("Home", "Jane Doe") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Friday, January 4, 2019", "2019-01-04"),
        ("Posted 2 February 2024, updated March 5, 2024", "2024-02-02"),
        ("published 2026-01-15 in print", "2026-01-15"),
        ("February 30, 2024", None),
        ("in 2019 and 2020", None),
    ],
)
def test_find_date(text, found):
    assert find_date(text) == found


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2019-01-04T10:00:00Z", "2019-01-04"),
        ("2026-01", "2026-01"),
        ("Jan 4, 2019", "2019-01-04"),
        ("2019-13-45", None),
        ("1546560000", None),
        ("20190104", None),
        ("", None),
    ],
)
def test_iso_date(value, iso):
    assert iso_date(value) == iso


def test_date_line_is_only_a_date():
    assert date_line("Updated: January 17, 2017 at 6:08 PM ET") == "2017-01-17"
    assert date_line("The talks of January 17, 2017 failed.") is None


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.ddnewsonline.com/2026/01/story", "ddnewsonline.com"),
        ("https://user:pw@example.com/", "example.com"),
        ("EXAMPLE.com.:443", "example.com"),
        ("http://[bad", None),
        (None, None),
    ],
)
def test_url_site(url, site):
    assert url_site(url) == site


def test_site_from_text_ignores_mail_and_social_hosts():
    text = "Follow us at https://twitter.com/x. Tips: desk@gmail.com or news@www.example.org"
    assert site_from_text(text) == "example.org"


@pytest.mark.parametrize(
    ("text", "email", "phone"),
    [
        ("Send tips to: adeyemi@ddnewsonline.com | 08168555497", True, True),
        ("Call +1 202 456 1111 or (555) 123-4567", False, True),
        ("The fund holds 2500000000 euros and 70,000 deaths were counted in 2025.", False, False),
        ("Class of 2024-2025 White House Fellows", False, False),
    ],
)
def test_contact_details(text, email, phone):
    assert (has_email(text), has_phone(text)) == (email, phone)


def test_adversarial_lines_do_not_backtrack_forever():
    """Each of these took seconds to hours before the patterns were made linear."""
    patterns = boilerplate_patterns()
    share_bar = "Share " + "Tweet " * 40 + "Home."
    assert patterns.reason_for(share_bar, 42) is None
    assert byline_authors("By Jo" + " and Al" * 40 + " !") is None
    assert not has_email("a" * 60_000)
    assert split_lines("(/" * 5_000)[0].word_count == 0
