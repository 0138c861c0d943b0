"""Bylines in flattened text: "By Jane Doe", "Written by Jane Doe and John Roe | Reuters"."""

from __future__ import annotations

import re

_NAME = r"[^\W\d_][\w'’.-]*(?:\s+(?:de|da|van|von|del|al|bin|la|le)?\s*[^\W\d_][\w'’.-]*){0,4}"
_BYLINE = re.compile(
    rf"^(?:by|written by|words by|reporting by|story by|posted by|author:?)\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*)"
    rf"(?P<rest>\s*(?:[|,•·–—-].*|\s+(?:on|in|for)\s+.*)?)$",
    re.IGNORECASE,
)
_SPLIT_NAMES = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)
_NOT_A_NAME = frozenset({"the", "staff", "admin", "editor", "editors", "team", "reuters", "ap"})


def byline_authors(line: str) -> list[str] | None:
    """The author names of a byline, or None when ``line`` is not a byline."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    names = []
    for name in _SPLIT_NAMES.split(match.group("names")):
        name = name.strip(" .")
        parts = name.split()
        if not parts or not all(part[0].isupper() for part in parts if part.lower() not in
                                {"de", "da", "van", "von", "del", "al", "bin", "la", "le"}):
            return None
        if name.lower() not in _NOT_A_NAME:
            names.append(name)
    return names or None
