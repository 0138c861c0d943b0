"""Main text and metadata of a saved HTML page, through trafilatura.

The page is parsed once; the tree feeds trafilatura's metadata reader (title, authors, canonical
URL, and the publication date through htmldate), trafilatura's main-text extraction, and the
browser-like flattening that lists what was left out of the body in ``removed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from ..records import RemovedText
from .lines import split_lines
from .patterns import boilerplate_patterns
from .site import url_site

MAX_REMOVED = 200
_PAGE_LAYOUT = ParserConfig(css=CSS_PROFILES["strict"], display_images=False, display_links=False)


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


def main_text(tree: HtmlElement, url: Optional[str]) -> str:
    """trafilatura's main text of the page without comments, paragraphs separated by blank lines."""
    document = bare_extraction(tree, url=url, include_comments=False)
    if document is None or not document.text:
        return ""
    return "\n\n".join(line.strip() for line in document.text.splitlines() if line.strip())


def removed_lines(tree: HtmlElement, body: str) -> list[RemovedText]:
    """The lines of the flattened page that are not in ``body``, once each, with their reasons."""
    patterns = boilerplate_patterns()
    body_key = " " + " ".join(line.key for line in split_lines(body)) + " "
    seen: set[str] = set()
    removed: list[RemovedText] = []
    for line in split_lines(Inscriptis(tree, _PAGE_LAYOUT).get_text()):
        key = line.key
        if not key or key in seen or f" {key} " in body_key:
            continue
        seen.add(key)
        reason = patterns.reason_for(line.content, line.word_count)
        removed.append(
            RemovedText(text=line.text, reason=reason or ("navigation" if line.word_count <= 4 else "other"))
        )
        if len(removed) >= MAX_REMOVED:
            break
    return removed


def split_authors(author: Optional[str]) -> list[str]:
    """trafilatura's ``"A; B"`` author string as a list of names."""
    return [name.strip() for name in (author or "").split(";") if name.strip()]


def page_site(page_url: Optional[str], site_name: Optional[str]) -> Optional[str]:
    """The bare domain of the page: from its URL, else from an ``og:site_name`` that is a domain."""
    site = url_site(page_url)
    if site is None and site_name and "." in site_name and " " not in site_name.strip():
        site = url_site(site_name.strip())
    return site


def clean_html(html: str, url: Optional[str] = None) -> CleanHtml:
    """The main text, left-out text and metadata of the HTML page ``html`` fetched from ``url``."""
    tree = load_html(html)
    if tree is None:
        return CleanHtml(text="", site=url_site(url), url=url)
    metadata = extract_metadata(tree, default_url=url)
    body = main_text(tree, url or metadata.url)
    page_url = metadata.url or url
    return CleanHtml(
        text=body,
        removed=removed_lines(tree, body),
        title=metadata.title,
        authors=split_authors(metadata.author),
        published=metadata.date,
        site=page_site(page_url, metadata.sitename),
        url=page_url,
    )
