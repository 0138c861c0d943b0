"""Language identification of the cleaned body, with py3langid (its model ships in the package)."""

from __future__ import annotations

import py3langid

MIN_LETTERS = 12
SAMPLE_CHARS = 5000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when there are too few letters to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    language, _probability = py3langid.classify(sample)
    return language
