"""A timeline between two actors drawn as a PNG with matplotlib (the ``[charts]`` extra):
events per period in each direction above, the cooperation-conflict index below."""

from __future__ import annotations

from pathlib import Path

from ..store.relations import TimelineRow

COOPERATION = "#2e7d32"
CONFLICT = "#c62828"


def draw_timeline(rows: list[TimelineRow], first: str, second: str, path: Path) -> None:
    """Write the chart of ``rows`` (oldest first) to ``path``; the format follows its suffix."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    periods = [row.period for row in rows]
    positions = range(len(rows))
    figure, (events, index) = pyplot.subplots(
        2, 1, sharex=True, figsize=(max(6.0, len(rows) * 0.22), 5.5), height_ratios=(3, 2)
    )
    try:
        forward = [row.a_to_b for row in rows]
        events.bar(positions, forward, color="#1565c0", label=f"{first} → {second}")
        events.bar(
            positions,
            [row.b_to_a for row in rows],
            bottom=forward,
            color="#f9a825",
            label=f"{second} → {first}",
        )
        events.set_ylabel("events")
        events.legend(loc="upper left", frameon=False)
        events.set_title(f"{first} and {second}: events and cooperation-conflict index")
        scores = [row.score for row in rows]
        index.bar(
            positions,
            scores,
            color=[COOPERATION if score >= 0 else CONFLICT for score in scores],
        )
        index.axhline(0, color="#555555", linewidth=0.8)
        index.set_ylabel("sum of PLOVER scores")
        step = max(1, len(rows) // 16)
        index.set_xticks(list(positions)[::step], periods[::step], rotation=60, ha="right")
        figure.tight_layout()
        figure.savefig(path, dpi=110)
    finally:
        pyplot.close(figure)
