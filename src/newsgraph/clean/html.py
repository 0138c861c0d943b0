"""Main text and metadata of a saved HTML page, through trafilatura.

The page is parsed once and the tree feeds every step:
1. trafilatura's metadata reader: title, author, canonical URL, site name, and the publication date
   (trafilatura asks htmldate with ``original_date=True, extensive_search=True``);
2. trafilatura's main text without comments, in its ``favor_recall`` mode, and in its default mode
   too when that body is not long (under 1000 words), keeping the longer;
3. the body's lead trimmed: lines placed above the headline on the page (site banners), the
   headline itself, a labelled field ("Summary:" and its text); a body without a single line of
   prose (a list of links) is no article;
4. the page flattened as a browser shows it: its lines missing from the body are ``removed``; its
   first byline gives the authors when trafilatura has none; and where trafilatura's body is still
   short, the body :func:`newsgraph.clean.text.clean_text` finds in it replaces trafilatura's when
   that one is not short and at least twice as long.
The title is the page's ``<h1>`` sharing most words with trafilatura's title, which often carries
the site name ("Headline | Site"). Each choice was measured on the WCXB development pages with
``bench/extraction.py``; ``bench/RESULTS.md`` has the numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from inscriptis import Inscriptis
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from ..records import RemovedText
from .byline import BYLINE_LEAD, byline_authors
from .dates import MONTH_NAMES
from .flatten import BROWSER_LAYOUT
from .lines import Line, split_lines
from .page import CleanedPage
from .patterns import boilerplate_patterns
from .site import url_site
from .text import clean_text

MAX_REMOVED = 200
SHORT_BODY_WORDS = 200
LONG_BODY_WORDS = 1000
FALLBACK_GAIN = 2
HEADLINE_AGREEMENT = 0.5
MAX_LABEL_WORDS = 2
_WORD = re.compile(r"\w+")
_MONTH = "(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_AUTHOR_LEAD = re.compile(rf"^{BYLINE_LEAD}\s*", re.IGNORECASE)
_AUTHOR_TAIL = re.compile(
    rf"\s+(?:{_MONTH}(?=\s|$)|(?:last\s+)?updated\b|published\b|posted\b|on\b|\d).*$", re.IGNORECASE
)
_BARE_MONTH = re.compile(rf"^{_MONTH}$", re.IGNORECASE)


def word_set(text: str | None) -> set[str]:
    """The lower-cased words of ``text``."""
    return {word.lower() for word in _WORD.findall(text or "")}


def agreement(first: str | None, second: str | None) -> float:
    """Jaccard overlap of the two strings' lower-cased words."""
    a, b = word_set(first), word_set(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def h1_matching_title(tree: HtmlElement, meta_title: str | None) -> str | None:
    """The ``<h1>`` sharing most words with the metadata title, else that title."""
    headings = [" ".join(h1.text_content().split()) for h1 in tree.iter("h1")]
    headings = [heading for heading in headings if heading]
    if not headings:
        return meta_title
    return max(headings, key=lambda heading: agreement(heading, meta_title))


def main_lines(tree: HtmlElement, url: str | None, recall: bool) -> list[Line]:
    """trafilatura's main text of the page without comments, as lines; ``recall`` for its
    ``favor_recall`` mode, else its default (balanced) mode."""
    document = bare_extraction(tree, url=url, include_comments=False, favor_recall=recall)
    if document is None or not document.text:
        return []
    return split_lines(unicodedata.normalize("NFC", document.text))


def word_count(lines: Iterable[Line]) -> int:
    """The number of words in ``lines``."""
    return sum(line.word_count for line in lines)


def line_key(text: str | None) -> str:
    """``text`` folded as :attr:`Line.key` folds a line, to find it among the page's lines."""
    lines = split_lines(text or "")
    return lines[0].key if lines else ""


def trim_lead(
    body: list[Line], page: list[Line], title: str | None, meta_title: str | None
) -> list[Line]:
    """``body`` without its leading chrome: banners above the headline, the headline, and a
    labelled field ("Summary:" and the line it labels).

    Lines above the headline are only trusted as chrome when the headline agrees with the metadata
    title, so that a stray ``<h1>`` (a logo, a footer heading) does not cut real text.
    """
    title_keys = {line_key(title), line_key(meta_title)} - {""}
    above: set[str] = set()
    if agreement(title, meta_title) >= HEADLINE_AGREEMENT:
        heading_at = next((index for index, line in enumerate(page) if line.key in title_keys), 0)
        above = {line.key for line in page[:heading_at]}
    start = 0
    while start < len(body):
        line = body[start]
        if is_field_label(line):
            start += 2
        elif line.key in above or line.key in title_keys:
            start += 1
        else:
            break
    return body[start:]


def is_field_label(line: Line) -> bool:
    """A page field's label on a line of its own ("Summary:"), not a sentence ("He said:")."""
    return (
        line.content.endswith(":")
        and 0 < line.word_count <= MAX_LABEL_WORDS
        and line.stopword_ratio == 0
    )


def author_names(author: str | None) -> list[str]:
    """trafilatura's ``"A; B"`` author string as names, without "By" and trailing dates."""
    names: list[str] = []
    for name in (author or "").split(";"):
        name = _AUTHOR_TAIL.sub("", _AUTHOR_LEAD.sub("", name.strip())).strip(" ,|-")
        if name and not _BARE_MONTH.match(name) and name not in names:
            names.append(name)
    return names


def page_byline(page: Iterable[Line]) -> list[str]:
    """The names of the first byline on the flattened page."""
    for line in page:
        names = byline_authors(line.content)
        if names:
            return names
    return []


def removed_lines(page: list[Line], body: str) -> list[RemovedText]:
    """The page's lines that are not in ``body``, once each, at most :data:`MAX_REMOVED`.

    A line is in the body when a body line has the same words, or, for a line of five words or
    more, when its words run inside the body (the flattening may break paragraphs differently).
    """
    patterns = boilerplate_patterns()
    body_lines = split_lines(body)
    body_keys = {line.key for line in body_lines}
    body_run = " " + " ".join(line.key for line in body_lines) + " "
    seen: set[str] = set()
    removed: list[RemovedText] = []
    for line in page:
        key = line.key
        if not key or key in seen or key in body_keys:
            continue
        seen.add(key)
        if line.word_count >= 5 and f" {key} " in body_run:
            continue
        reason = patterns.reason_for(line.content, line.word_count)
        reason = reason or ("navigation" if line.word_count <= 4 else "other")
        removed.append(RemovedText(text=line.content, reason=reason))
        if len(removed) >= MAX_REMOVED:
            break
    return removed


def page_site(page_url: str | None, site_name: str | None) -> str | None:
    """The bare domain of the page: from its URL, else from an ``og:site_name`` that is a domain."""
    site = url_site(page_url)
    if site is None and site_name and "." in site_name and " " not in site_name.strip():
        site = url_site(site_name.strip())
    return site


def article_text(
    tree: HtmlElement,
    url: str | None,
    page_text: str,
    page: list[Line],
    title: str | None,
    meta_title: str | None,
) -> str:
    """The article body: trafilatura's in recall mode, or in balanced mode when that one is longer
    and recall mode's is not long, its lead trimmed; clean_text's body of the flattened page when
    trafilatura's is short and that one is not, and at least :data:`FALLBACK_GAIN` times longer
    (trafilatura kept a fragment). Empty when no body has a line of prose.

    ``title`` is the page's headline, ``meta_title`` trafilatura's title (see :func:`trim_lead`).
    """
    body: list[Line] = []
    for recall in (True, False):
        lines = trim_lead(main_lines(tree, url, recall), page, title, meta_title)
        if word_count(lines) > word_count(body):
            body = lines
        if word_count(body) >= LONG_BODY_WORDS:
            break
    if not any(line.is_prose(english=False) for line in body):
        body = []
    words = word_count(body)
    if words < SHORT_BODY_WORDS:
        fallback = clean_text(page_text).text
        fallback_words = word_count(split_lines(fallback))
        if fallback_words >= max(SHORT_BODY_WORDS, FALLBACK_GAIN * words):
            return fallback
    return "\n\n".join(line.text for line in body)


def clean_html(html: str, url: str | None = None) -> CleanedPage:
    """The main text, left-out text and metadata of the HTML page ``html`` fetched from ``url``.

    ``text`` is empty when neither trafilatura nor the flattened-text cleaner finds an article body.
    """
    tree = load_html(html)
    if tree is None:
        return CleanedPage(text="", site=url_site(url), url=url)
    metadata = extract_metadata(tree, default_url=url)
    page_url = metadata.url or url
    page_text = Inscriptis(tree, BROWSER_LAYOUT).get_text()
    page = split_lines(page_text)
    title = h1_matching_title(tree, metadata.title)
    text = article_text(tree, page_url, page_text, page, title, metadata.title)
    return CleanedPage(
        text=text,
        removed=removed_lines(page, text),
        title=title,
        authors=author_names(metadata.author) or page_byline(page),
        published=metadata.date,
        site=page_site(page_url, metadata.sitename),
        url=page_url,
    )
