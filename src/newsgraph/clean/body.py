"""Finding the article body among the lines of a flattened page.

No library removes boilerplate from text that is already flattened (jusText and trafilatura need
the HTML tree), so this is newsgraph's own. It follows the body-text-extraction idea of Finn et al.
(2001): give each line a score, positive for running prose and negative for the short lines that
menus, teasers and footers are made of, and keep the contiguous run of lines with the highest total.
Headings, list items and short quotes inside the article survive because the prose around them
outweighs them; blocks of chrome before and after the article fall away.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lines import Line

SHORT_LINE_COST = 2.5
CHROME_LINE_COST = 6.0
MOSTLY_LINKS = 0.5


@dataclass(frozen=True)
class BodySpan:
    """Indexes of the first and last line of the body, inclusive."""

    first: int
    last: int


def line_score(line: Line, is_chrome: bool, english: bool = True) -> float:
    """Words of prose count for the line, link text and short lines against it."""
    if is_chrome:
        return -CHROME_LINE_COST
    if line.link_share >= MOSTLY_LINKS:
        return -SHORT_LINE_COST
    if line.is_prose(english):
        return line.word_count * (1.0 - line.link_share)
    return -SHORT_LINE_COST


def best_body_span(scores: list[float]) -> BodySpan | None:
    """The contiguous run of lines with the highest total score (Kadane's algorithm)."""
    best_total, best = 0.0, None
    run_total, run_first = 0.0, 0
    for index, score in enumerate(scores):
        if run_total <= 0:
            run_total, run_first = score, index
        else:
            run_total += score
        if run_total > best_total:
            best_total, best = run_total, BodySpan(run_first, index)
    return best
