"""Main text and metadata of a saved HTML page, through trafilatura.

The page is parsed once and the tree feeds every step:
1. trafilatura's metadata reader: title, author, canonical URL, site name, and the publication date
   (trafilatura asks htmldate with ``original_date=True, extensive_search=True``);
2. trafilatura's main text without comments, its leading chrome trimmed: lines that come before the
   headline on the page (site banners), the headline itself and a label line such as "Summary:";
3. the page flattened as a browser shows it, which gives the text left out of the body
   (``removed``), a byline when trafilatura finds no author, and a second opinion where trafilatura
   keeps a short body (under 200 words): the body :func:`newsgraph.clean.text.clean_text` finds in
   the flattened page replaces it when that one is not short.
The headline is the page's ``<h1>`` that shares most words with trafilatura's title, which often
carries the site name ("Headline | Site"). Each choice is measured on the WCXB development pages by
``bench/extraction.py``; ``bench/RESULTS.md`` has the numbers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from ..records import RemovedText
from .byline import byline_authors
from .dates import find_date
from .lines import Line, split_lines
from .patterns import boilerplate_patterns
from .site import url_site
from .text import clean_text

MAX_REMOVED = 200
SHORT_BODY_WORDS = 200
HEADLINE_AGREEMENT = 0.5
_PAGE_LAYOUT = ParserConfig(css=CSS_PROFILES["strict"], display_images=False, display_links=False)
_WORD = re.compile(r"\w+")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_AUTHOR_LEAD = re.compile(r"^(?:(?:written|posted|reviewed)\s+by|by|author)\b:?\s*", re.IGNORECASE)
_AUTHOR_TAIL = re.compile(
    rf"\s+(?:{_MONTH}(?=\s|$)|(?:last\s+)?updated\b|published\b|posted\b|on\b|\d).*$", re.IGNORECASE
)
_BARE_MONTH = re.compile(rf"^{_MONTH}$", re.IGNORECASE)
_INNER_BY = re.compile(r"\sby\s", re.IGNORECASE)


@dataclass
class CleanHtml:
    """The article body of an HTML page, what was left out of it, and the page's metadata."""

    text: str
    removed: list[RemovedText] = field(default_factory=list)
    title: Optional[str] = None
    authors: list[str] = field(default_factory=list)
    published: Optional[str] = None
    site: Optional[str] = None
    url: Optional[str] = None


def word_set(text: Optional[str]) -> set[str]:
    return {word.lower() for word in _WORD.findall(text or "")}


def agreement(first: Optional[str], second: Optional[str]) -> float:
    """Jaccard overlap of the two strings' lower-cased words."""
    a, b = word_set(first), word_set(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def headline(tree: HtmlElement, meta_title: Optional[str]) -> Optional[str]:
    """The ``<h1>`` sharing most words with the metadata title, else that title."""
    headings = [" ".join(h1.text_content().split()) for h1 in tree.iter("h1")]
    headings = [heading for heading in headings if heading]
    if not headings:
        return meta_title
    return max(headings, key=lambda heading: agreement(heading, meta_title))


def main_lines(tree: HtmlElement, url: Optional[str]) -> list[Line]:
    """trafilatura's main text of the page (comments left out), as lines."""
    document = bare_extraction(tree, url=url, include_comments=False)
    if document is None or not document.text:
        return []
    return split_lines(unicodedata.normalize("NFC", document.text))


def line_key(text: Optional[str]) -> str:
    lines = split_lines(text or "")
    return lines[0].key if lines else ""


def trim_lead(body: list[Line], page: list[Line], title: Optional[str], meta_title: Optional[str]) -> list[Line]:
    """``body`` without its leading chrome: banners placed above the headline, the headline, a label.

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
        is_label = line.word_count <= 4 and line.content.endswith(":")
        if not (line.key in above or line.key in title_keys or is_label):
            break
        start += 1
    return body[start:]


def author_names(author: Optional[str]) -> list[str]:
    """trafilatura's ``"A; B"`` author string as names, without "By" and trailing dates."""
    names: list[str] = []
    for name in (author or "").split(";"):
        name = _AUTHOR_TAIL.sub("", _AUTHOR_LEAD.sub("", name.strip())).strip(" ,|-")
        if name and not _BARE_MONTH.match(name) and name not in names:
            names.append(name)
    return names


def dated_byline(line: str) -> Optional[list[str]]:
    """The names of a byline that follows a date: "January 17, 2017 at 6:08 PM by Jane Doe"."""
    match = _INNER_BY.search(line)
    if match is None:
        return None
    head = line[: match.start()]
    if len(head.split()) > 10 or find_date(head) is None:
        return None
    return byline_authors(line[match.start():].strip())


def page_byline(page: Iterable[Line]) -> list[str]:
    """The names of the first byline on the flattened page."""
    for line in page:
        names = byline_authors(line.content) or dated_byline(line.content)
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
        removed.append(
            RemovedText(text=line.text, reason=reason or ("navigation" if line.word_count <= 4 else "other"))
        )
        if len(removed) >= MAX_REMOVED:
            break
    return removed


def page_site(page_url: Optional[str], site_name: Optional[str]) -> Optional[str]:
    """The bare domain of the page: from its URL, else from an ``og:site_name`` that is a domain."""
    site = url_site(page_url)
    if site is None and site_name and "." in site_name and " " not in site_name.strip():
        site = url_site(site_name.strip())
    return site


def clean_html(html: str, url: Optional[str] = None) -> CleanHtml:
    """The main text, left-out text and metadata of the HTML page ``html`` fetched from ``url``.

    ``text`` is empty when neither trafilatura nor the flattened-text cleaner finds an article body.
    """
    tree = load_html(html)
    if tree is None:
        return CleanHtml(text="", site=url_site(url), url=url)
    metadata = extract_metadata(tree, default_url=url)
    page_url = metadata.url or url
    page_text = Inscriptis(tree, _PAGE_LAYOUT).get_text()
    page = split_lines(page_text)
    title = headline(tree, metadata.title)
    body = trim_lead(main_lines(tree, page_url), page, title, metadata.title)
    text = "\n\n".join(line.text for line in body)
    body_words = sum(line.word_count for line in body)
    if body_words < SHORT_BODY_WORDS:
        fallback = clean_text(page_text)
        if sum(line.word_count for line in split_lines(fallback.text)) >= SHORT_BODY_WORDS:
            text = fallback.text
    return CleanHtml(
        text=text,
        removed=removed_lines(page, text),
        title=title,
        authors=author_names(metadata.author) or page_byline(page),
        published=metadata.date,
        site=page_site(page_url, metadata.sitename),
        url=page_url,
    )
