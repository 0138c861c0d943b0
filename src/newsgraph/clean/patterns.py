"""The boilerplate knowledge of ``data/boilerplate.toml``, compiled once, with contact detection.

Emails and phone numbers are found by regular expressions here rather than in the data file because
they are shapes, not phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import tomllib

from ..records import RemovedReason

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w,.])(?:(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?|\(\d{2,4}\)\s?)\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{2,4}"
    r"|\(\d{3}\)\s?\d{3}[\s.-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|0\d{9,12}|\d{10,13})(?![\w,])"
)


@dataclass(frozen=True)
class BoilerplatePatterns:
    max_words: int
    by_reason: tuple[tuple[RemovedReason, tuple[re.Pattern[str], ...]], ...]

    def reason_for(self, line: str, word_count: int) -> RemovedReason | None:
        """The reason ``line`` is chrome, or None when it may be article text."""
        if word_count > self.max_words:
            return None
        for reason, patterns in self.by_reason:
            if any(pattern.search(line) for pattern in patterns):
                return reason
        if EMAIL.search(line) or (PHONE.search(line) and word_count <= 12):
            return "contact"
        return None


@lru_cache(maxsize=1)
def boilerplate_patterns() -> BoilerplatePatterns:
    data = tomllib.loads(files("newsgraph.data").joinpath("boilerplate.toml").read_text("utf-8"))
    by_reason = tuple(
        (reason, tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns))
        for reason, patterns in data["reasons"].items()
    )
    return BoilerplatePatterns(max_words=data["max_words"], by_reason=by_reason)
