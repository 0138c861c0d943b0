"""The size limit on one input (a text or HTML file, or one JSON Lines record) and its message."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_UNITS = ("B", "KB", "MB", "GB", "TB")


def format_size(size: int) -> str:
    """``size`` bytes for people: ``"512 B"``, ``"5 MB"``, ``"7.2 MB"``."""
    value, unit_index = float(size), 0
    while value >= 1024 and unit_index < len(_UNITS) - 1:
        value /= 1024
        unit_index += 1
    unit = _UNITS[unit_index]
    if unit == "B":
        return f"{size} B"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def over_limit(what: str, limit: int, size: int | None = None) -> str:
    """The error message for ``what`` ("file", "record", "input") being larger than ``limit``.

    ``size`` is named when known; when it rounds to the same figure as the limit, both are
    given in bytes so the message never reads "over the 5 MB limit (5 MB)".
    """
    limit_text = format_size(limit)
    if size is None:
        return f"{what} over the {limit_text} size limit"
    size_text = format_size(size)
    if size_text == limit_text:
        limit_text, size_text = f"{limit:,}-byte", f"{size:,} bytes"
    return f"{what} over the {limit_text} size limit ({size_text})"
