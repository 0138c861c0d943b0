"""HTML pages flattened to text, as a browser lays them out (inscriptis renders the CSS boxes).

Used by ``--clean text|none`` on HTML input, and by the evaluation, which flattens the WCXB pages
the way a reader's copy-and-paste or a markdown-writing scraper would hand them over.
"""

from __future__ import annotations

from inscriptis import get_text
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig

BROWSER_LAYOUT = ParserConfig(  # shared with clean.html, which lays out an already parsed tree
    css=CSS_PROFILES["strict"], display_images=False, display_links=False
)
_LAYOUT_WITH_LINKS = ParserConfig(
    css=CSS_PROFILES["strict"], display_images=True, display_links=True
)


def flatten_html(html: str) -> str:
    """The page's visible text laid out as a browser renders it, one block per line."""
    return get_text(html, BROWSER_LAYOUT)


def flatten_html_with_links(html: str) -> str:
    """As :func:`flatten_html`, with links as ``[label](address)`` and images as ``[alt]``."""
    return get_text(html, _LAYOUT_WITH_LINKS)
