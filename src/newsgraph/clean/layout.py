"""Giving scraped text the line structure the boilerplate filter reads.

The filter judges lines, so text whose lines are not the page's blocks is first reshaped:
hard-wrapped text (e-mail style, ~72 columns) is joined back into paragraphs, and run-on text
(a whole page collapsed onto a few lines, as some scrapers deliver it) is split into sentences.
"""

from __future__ import annotations

import re

RUN_ON_CHARS_PER_BREAK = 2000
"""Text with fewer line breaks than one per this many characters is run-on."""
_SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?…”\"])\s+(?=[\"“‘(\[]?[A-Z0-9])")


def unwrap_hard_breaks(text: str) -> str:
    """Join lines of hard-wrapped text back into paragraphs."""
    lengths = [len(line.strip()) for line in text.splitlines() if line.strip()]
    if len(lengths) < 6 or max(lengths) > 110:
        return text
    wrapped = sum(45 <= length <= 100 for length in lengths)
    if wrapped < 0.5 * len(lengths):
        return text
    paragraphs = re.split(r"\n\s*\n", text)
    return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


def break_run_on_text(text: str) -> str:
    """Put each sentence of run-on text on its own line."""
    if len(text) < RUN_ON_CHARS_PER_BREAK or text.count("\n") * RUN_ON_CHARS_PER_BREAK > len(text):
        return text
    return "\n".join(
        sentence for line in text.splitlines() for sentence in _SENTENCE_BOUNDARY.split(line)
    )


def restore_lines(text: str) -> str:
    return break_run_on_text(unwrap_hard_breaks(text))
