"""Link markup in scraped text: ``[label](address)``, as markdown-writing scrapers and text
renderers of pages leave it.

Links are the strongest sign of page chrome (menus, teasers and share bars are all links), so the
filter keeps track of which characters were link labels: :func:`mark_links` replaces each link by
its label between two private-use characters, :func:`link_share` measures a line's share of them,
and :func:`unmark` gives the plain text back. Images (``![alt](src)``) are dropped.
"""

from __future__ import annotations

import re

LINK_START, LINK_END = "\ue000", "\ue001"
_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)"
"""A link target: an address (balanced parentheses allowed) and an optional "title"."""
_MARKDOWN_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _TARGET)
_MARKDOWN_LINK = re.compile(r"(?P<image>!?)\[(?P<label>(?:[^\[\]]|\[[^\[\]]*\])*)\]" + _TARGET)
_INSIDE_LINK = re.compile(f"{LINK_START}[^{LINK_END}]*{LINK_END}")


def _label(match: re.Match[str]) -> str:
    if match.group("image"):
        return ""
    label = " ".join(match.group("label").split())
    return f"{LINK_START}{label}{LINK_END}" if label else ""


def mark_links(text: str) -> str:
    """``text`` with every markdown link replaced by its label between link markers."""
    if "](" not in text:
        return text
    return _MARKDOWN_LINK.sub(_label, _MARKDOWN_IMAGE.sub("", text))


def unmark(text: str) -> str:
    return text.replace(LINK_START, "").replace(LINK_END, "")


def link_share(text: str) -> float:
    """Share of the non-space characters of ``text`` that are link labels."""
    if LINK_START not in text:
        return 0.0
    total = sum(not char.isspace() for char in unmark(text))
    linked = sum(
        sum(not char.isspace() for char in match.group()) - 2
        for match in _INSIDE_LINK.finditer(text)
    )
    return linked / total if total else 0.0
