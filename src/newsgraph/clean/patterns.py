"""The boilerplate knowledge of ``data/boilerplate.toml``, compiled once, with contact detection.

Emails and phone numbers are found by regular expressions here rather than in the data file because
they are shapes, not phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import tomllib

from ..records import RemovedReason

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w,.])(?:(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?|\(\d{2,4}\)\s?)\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{2,4}"
    r"|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|0\d{9,12})(?![\w,])"
)


_DIGITS = re.compile(r"\d{3}")


def has_email(text: str) -> bool:
    return "@" in text and EMAIL.search(text) is not None


def has_phone(text: str) -> bool:
    return _DIGITS.search(text) is not None and PHONE.search(text) is not None


@dataclass(frozen=True)
class BoilerplatePatterns:
    max_words: int
    by_reason: tuple[tuple[RemovedReason, re.Pattern[str], re.Pattern[str]], ...]
    """Per reason: its patterns anchored at the line start (tried there only) and the others."""

    def reason_for(self, line: str, word_count: int) -> RemovedReason | None:
        """The reason ``line`` is chrome, or None when it may be article text."""
        if word_count > self.max_words:
            return None
        for reason, at_start, anywhere in self.by_reason:
            if at_start.match(line) or anywhere.search(line):
                return reason
        if has_email(line) or (word_count <= 12 and has_phone(line)):
            return "contact"
        return None


def _alternatives(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regular expression matching any of ``patterns`` (none: one that never matches)."""
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns) or r"(?!)", re.IGNORECASE)


@lru_cache(maxsize=1)
def boilerplate_patterns() -> BoilerplatePatterns:
    data = tomllib.loads(files("newsgraph.data").joinpath("boilerplate.toml").read_text("utf-8"))
    by_reason = tuple(
        (
            reason,
            _alternatives(pattern[1:] for pattern in patterns if pattern.startswith("^")),
            _alternatives(pattern for pattern in patterns if not pattern.startswith("^")),
        )
        for reason, patterns in data["reasons"].items()
    )
    return BoilerplatePatterns(max_words=data["max_words"], by_reason=by_reason)
