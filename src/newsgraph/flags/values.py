"""The values a count's words allow, so that two counts of one thing can be told apart from two
ways of writing the same amount.

Our own reading of news numbers: writers round, and a qualifier bounds a value on one side only.
"70,000" is read as 65,000 up to 75,000 (rounded to its last non-zero digit; "80,000" starts where
it ends), "20" as exactly 20 (small numbers are counted, not rounded), "about 73,000" as ± a share
of the value, "more than 70,000" as 70,000 or above (writers use bounds loosely), "nearly 70,000"
and "up to 70,000" as anything up to 70,000, "tens of thousands" as at least 10,000, and "between 8 and 10" as 8 to 10. Two
counts contradict each other only when no value fits both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..records import Count


@dataclass(frozen=True)
class Allowed:
    """The range of values a count allows (``high`` may be infinite); an open high end excludes
    its value, as a rounded value's does."""

    low: float
    high: float
    high_open: bool = False

    def meets(self, other: Allowed) -> bool:
        first, second = sorted((self, other), key=lambda allowed: allowed.low)
        return second.low < first.high or (second.low == first.high and not first.high_open)


def rounding(value: float, exact_below: float) -> float:
    """Half the step a written value is rounded to: 0 for small whole numbers, 5,000 for 70,000,
    0.05 billion for 3.2 billion."""
    if value <= 0 or (value < exact_below and value == int(value)):
        return 0.0
    step = 10.0 ** math.floor(math.log10(value))
    while step > 1e-9 and not math.isclose(value / step, round(value / step), abs_tol=1e-6):
        step /= 10
    return step / 2


def allowed(count: Count, approximate_share: float, exact_below: float) -> Allowed:
    """The values ``count`` allows, after its qualifier, its range and the writer's rounding."""
    if count.low is not None and count.high is not None:
        slack = max(rounding(count.low, exact_below), rounding(count.high, exact_below))
        return Allowed(count.low - slack, count.high + slack)
    if count.low is not None:
        # A vague plural ("dozens", "tens of thousands"): its lower bound, nothing above.
        return Allowed(count.low, math.inf)
    value = count.value
    # A bound includes its value: writers say "more than 20" and "nearly 20" loosely of 20.
    if count.qualifier in {">", ">="}:
        return Allowed(value, math.inf)
    if count.qualifier in {"<", "<="}:
        return Allowed(0.0, value)
    slack = rounding(value, exact_below)
    if count.qualifier == "~":
        share = value * approximate_share
        return Allowed(value - share - slack, value + share + slack)
    return Allowed(value - slack, value + slack, high_open=slack > 0)
