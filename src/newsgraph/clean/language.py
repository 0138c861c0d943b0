"""Language identification of the cleaned body, with py3langid (its model ships in the package)."""

from __future__ import annotations

import re

import py3langid

_LETTER = re.compile(r"[^\W\d_]")

MIN_LETTERS = 12
SAMPLE_CHARS = 5000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there are too few letters to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    language, _probability = py3langid.classify(sample)
    return language
