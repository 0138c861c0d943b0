"""Content sniffing: is a text an HTML page, does a byte stream hold JSON Lines."""

from __future__ import annotations

import codecs
import re

HEAD_CHARS = 4096
# Share of the first HEAD_CHARS characters taken up by tags above which a text counts as HTML.
TAG_SHARE = 0.2
_PAGE_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_PAGE_TAG = re.compile(r"<(?:head|body)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<!--.*?-->", re.DOTALL)


def looks_like_html(text: str) -> bool:
    """True if ``text`` is an HTML page or fragment rather than plain text.

    It is when it starts with a doctype or ``<html>``, has ``<head>`` or ``<body>`` near the top,
    or tags make up a large share of its first few KB.
    """
    head = text[:HEAD_CHARS].lstrip()
    if not head:
        return False
    if _PAGE_START.match(head) or _PAGE_TAG.search(head):
        return True
    tag_chars = sum(len(tag) for tag in _TAG.findall(head))
    return tag_chars >= TAG_SHARE * len(head)


def starts_json_object(line: bytes) -> bool:
    """True if the raw ``line`` (after a UTF-8 BOM and whitespace) opens a JSON object."""
    return line.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")
