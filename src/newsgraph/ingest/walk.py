"""Directory walks: the supported input files under a directory, in sorted order."""

from __future__ import annotations

import os
from collections.abc import Iterator

from .document import InputError, os_error

SUPPORTED_SUFFIXES = (
    ".txt",
    ".html",
    ".htm",
    ".jsonl",
    ".jsonl.gz",
    ".warc",
    ".warc.gz",
    ".parquet",
)


def is_supported(path: str) -> bool:
    """True if ``path`` ends with one of :data:`SUPPORTED_SUFFIXES` (in any case)."""
    return path.lower().endswith(SUPPORTED_SUFFIXES)


def walk(directory: str) -> Iterator[str | InputError]:
    """Paths of the supported files under ``directory``, recursively, sorted by name.

    Hidden files and directories (name starting with ".") are skipped, and symbolic links to
    directories are not followed. A directory that cannot be listed yields an :class:`InputError`.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield os_error(directory, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from walk(path)
        elif entry.is_file() and is_supported(entry.name):
            yield path
