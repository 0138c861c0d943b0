"""How many items ``read_inputs`` will yield, counted ahead without decoding anything, for a
progress bar: one per text or HTML file, one per non-blank line of a JSON Lines file."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable

from .document import STDIN, InputError
from .walk import walk


def _lines(path: str) -> int:
    opener = gzip.open if path.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            return sum(1 for line in stream if line.strip())
    except (OSError, EOFError):
        return 1


def _file_items(path: str) -> int:
    return _lines(path) if path.lower().endswith((".jsonl", ".jsonl.gz")) else 1


def estimate_items(paths: Iterable[str]) -> int | None:
    """The number of items in ``paths``; None when one of them is standard input."""
    total = 0
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            return None
        if os.path.isdir(path):
            total += sum(
                1 if isinstance(found, InputError) else _file_items(found) for found in walk(path)
            )
        else:
            total += _file_items(path)
    return total
