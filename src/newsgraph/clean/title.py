"""The headline of a flattened page: the line above the body that reads most like a title.

Candidates are the lines shortly before the body (and its first line). Each gets points for what
headlines share: a length of 3 to 25 words, capitalised words, no closing full stop, not being a
link, and being repeated on the page (breadcrumb and heading both carry it); points go down with
distance from the body. Lines already judged chrome, bylines and datelines are never candidates.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .lines import Line

WINDOW = 20
DISTANCE_DECAY = 0.05
_NOT_A_TITLE = re.compile(
    r"\b(min(ute)?s? read|getty|shutterstock|photo|image|credit|updated|published|posted|"
    r"advertis\w*|sponsored|report this|cite this)\b|//|\s[|›»]\s",
    re.IGNORECASE,
)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into is of on or the to vs via with".split()
)


def _capitalised_share(line: Line) -> float:
    words = [word for word in line.words if word.lower() not in _SMALL_WORDS]
    if not words:
        return 0.0
    return sum(word[0].isupper() for word in words) / len(words)


def headline_score(line: Line, distance: int, repeats: int) -> float:
    """How much ``line``, ``distance`` lines above the body, looks like the page's headline."""
    count = line.word_count
    if not 3 <= count <= 25 or _NOT_A_TITLE.search(line.content) or line.link_share > 0.5:
        return 0.0
    score = 1.0 + _capitalised_share(line)
    if line.content.endswith((".", ",", ";")):
        score -= 1.0
    if line.content.endswith(":"):
        score -= 0.5
    if 5 <= count <= 16:
        score += 0.5
    if repeats > 1:
        score += 0.5
    return score / (1.0 + DISTANCE_DECAY * distance)


def headline(lines: Sequence[Line], reasons: Sequence[str | None], body_first: int) -> str | None:
    """The most headline-like line from just above the body, or None when nothing qualifies."""
    repeats = Counter(line.key for line in lines)
    best_score, best = 0.0, None
    for index in range(max(0, body_first - WINDOW), min(len(lines), body_first + 1)):
        if reasons[index] not in (None, "duplicate"):
            continue
        line = lines[index]
        score = headline_score(line, abs(body_first - index), repeats[line.key])
        if score > best_score:
            best_score, best = score, line.content
    return best
