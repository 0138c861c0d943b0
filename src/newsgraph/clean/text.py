"""Boilerplate removal for text that was scraped from a page and already flattened.

The steps, each general rather than tuned to one site:
1. split the text into lines (:mod:`.layout` first rejoins hard-wrapped text and splits run-on
   text into sentences);
2. mark chrome lines by the patterns of ``data/boilerplate.toml``; a text with (almost) none is
   already clean and keeps all its other lines; otherwise lines repeated in the page are chrome too;
3. read bylines, a date line and a headline into the metadata;
4. on a scraped page, keep the highest-scoring run of lines (:mod:`.body`), cut at the comments;
5. drop sentences carrying emails or phone numbers from the kept lines.
Every line left out is listed in ``removed`` with its reason. A short text (a sentence or a few
lines, as event-data sentence collections have) is returned as it is.
"""

from __future__ import annotations

import re
from collections import Counter

from ..records import RemovedReason, RemovedText
from .body import BodySpan, best_body_span, line_score
from .byline import byline_authors, split_byline_authors
from .dates import DateMention, date_line, dated_line, publication_date
from .layout import restore_lines
from .lines import Line, reads_as_english, split_lines
from .links import mark_links, unmark
from .page import CleanedPage
from .patterns import boilerplate_patterns, has_email, has_phone
from .site import site_from_text
from .title import headline

SHORT_TEXT_LINES = 3
SHORT_TEXT_WORDS = 150
MIN_CHROME_LINES = 2
"""A text with fewer chrome lines than this is taken as already clean: only those lines go."""
MIN_REPEAT_WORDS = 3
LONG_REPEAT_WORDS = 25
PROSE_BEFORE_COMMENTS = 60
"""Words of prose that must come before a comment-chrome line for it to open the comments."""
_COMMENT_TITLE = re.compile(
    r"^\d+\s+(?:thoughts?|comments?|responses?|replies|reactions?)\s+(?:on|to)\s+"
    r"[“\"'‘«](?P<title>.+?)[”\"'’»]\s*:?$",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\s+\|\s+")


def is_short_text(lines: list[Line]) -> bool:
    return (
        len(lines) <= SHORT_TEXT_LINES
        and sum(line.word_count for line in lines) <= SHORT_TEXT_WORDS
    )


def chrome_reasons(lines: list[Line]) -> list[RemovedReason | None]:
    """Each line's boilerplate reason by the chrome patterns, or None."""
    patterns = boilerplate_patterns()
    return [patterns.reason_for(line.content, line.word_count) for line in lines]


def mark_repeats(lines: list[Line], reasons: list[RemovedReason | None]) -> None:
    """Mark lines repeated in the page as duplicates: every copy of a short line, later copies of
    a long one (a paragraph quoted twice keeps its first place)."""
    repeats = Counter(line.key for line in lines if line.word_count >= MIN_REPEAT_WORDS)
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if reasons[index] is None and repeats[line.key] > 1 and line.word_count >= MIN_REPEAT_WORDS:
            if line.key in seen or line.word_count < LONG_REPEAT_WORDS:
                reasons[index] = "duplicate"
        seen.add(line.key)


def read_bylines(lines: list[Line], reasons: list) -> tuple[list[str], list[DateMention]]:
    """Authors from the page's bylines, and the dates written on its short lines. Byline and
    date-only lines are marked ``byline``. A byline may be broken over two lines ("Written by" /
    "Jane Doe")."""
    authors: list[str] = []
    dates: list[DateMention] = []
    for index, line in enumerate(lines):
        if reasons[index]:
            continue
        names = None if line.is_prose() else byline_authors(line.content)
        if not names and index + 1 < len(lines) and not reasons[index + 1]:
            names = split_byline_authors(line.content, lines[index + 1].content)
            if names:
                reasons[index + 1] = "byline"
        if names:
            reasons[index] = "byline"
            authors.extend(name for name in names if name not in authors)
        elif date_line(line.content):
            reasons[index] = "byline"
        mention = dated_line(index, line.content, line.word_count)
        if mention:
            dates.append(mention)
    return authors, dates


def comment_section_start(lines: list[Line], reasons: list, english: bool) -> int | None:
    """Index of the first comment-section line that follows some article prose.

    A comment count linked next to the headline is not the comment section, hence the prose
    required before it; a long discussion must not outweigh the article it follows, hence the
    cut before the body is looked for.
    """
    prose_words = 0
    for index, line in enumerate(lines):
        if reasons[index] == "comments" and prose_words >= PROSE_BEFORE_COMMENTS:
            return index
        if reasons[index] is None and line.is_prose(english):
            prose_words += line.word_count
    return None


def body_span(lines: list[Line], reasons: list, english: bool, end: int) -> BodySpan | None:
    """The body among ``lines[:end]``: the highest-scoring run of lines."""
    return best_body_span(
        [line_score(lines[index], reasons[index] is not None, english) for index in range(end)]
    )


def page_title(lines: list[Line], reasons: list, body_first: int) -> str | None:
    """The title quoted in a comment header, else the headline line just above the body."""
    for line in lines:
        match = _COMMENT_TITLE.match(line.content)
        if match:
            return match.group("title").strip()
    return headline(lines, reasons, body_first)


def strip_contact_sentences(line: Line) -> tuple[str, list[str]]:
    """The line without its sentences that carry an email or a phone number."""
    if not (has_email(line.plain) or has_phone(line.plain)):
        return line.plain, []
    kept, dropped = [], []
    for sentence in _SENTENCE_BREAK.split(line.plain):
        (dropped if has_email(sentence) or has_phone(sentence) else kept).append(sentence)
    return " ".join(kept), dropped


def separate_body(
    lines: list[Line], reasons: list, span: BodySpan, comments: int | None
) -> tuple[list[str], list[RemovedText]]:
    """The body's paragraphs (lines of the span not marked as chrome, contact sentences taken
    out) and everything else with the reason it is not article text."""
    kept: list[str] = []
    removed: list[RemovedText] = []
    for index, line in enumerate(lines):
        reason = reasons[index]
        if reason is None and not span.first <= index <= span.last:
            if comments is not None and index >= comments:
                reason = "comments"
            else:
                reason = "navigation" if line.word_count <= 4 else "other"
        if reason is not None:
            removed.append(RemovedText(text=line.plain, reason=reason))
            continue
        body, contact = strip_contact_sentences(line)
        removed.extend(RemovedText(text=sentence, reason="contact") for sentence in contact)
        if body.strip():
            kept.append(body.strip())
    return kept, removed


def clean_text(raw: str) -> CleanedPage:
    """Find the article body of a flattened page; see the module docstring for the steps."""
    text = mark_links(restore_lines(raw))
    lines = split_lines(text)
    site = site_from_text(raw)
    if is_short_text(lines):
        return CleanedPage(text=unmark(text).strip(), site=site)

    reasons = chrome_reasons(lines)
    scraped_page = sum(reason is not None for reason in reasons) >= MIN_CHROME_LINES
    if scraped_page:
        mark_repeats(lines, reasons)
    authors, dates = read_bylines(lines, reasons)

    english = reads_as_english(lines)
    comments = comment_section_start(lines, reasons, english) if scraped_page else None
    if scraped_page:
        span = body_span(lines, reasons, english, len(lines) if comments is None else comments)
    else:
        span = BodySpan(0, len(lines) - 1)
    if span is None:  # not one line of prose: the body is empty
        span = BodySpan(len(lines), len(lines) - 1)
    kept, removed = separate_body(lines, reasons, span, comments)
    return CleanedPage(
        text="\n\n".join(kept),
        removed=removed,
        title=page_title(lines, reasons, span.first) if kept else None,
        authors=authors,
        published=publication_date(dates, span.first),
        site=site,
    )
