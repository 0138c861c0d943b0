"""The two things ingestion yields: a :class:`Document` to process, or an :class:`InputError`.

Both say where they came from (file path, and the line for JSON Lines) so a batch can report a bad
record and carry on with the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..records import InputFormat

STDIN = "-"


def _where(path: str, line: int | None) -> str:
    return path if line is None else f"{path}:{line}"


@dataclass(frozen=True)
class Document:
    """One input article: its decoded content and what the input said about it.

    ``kind`` is what the content is (a ``.txt`` file holding a page is ``"html"``);
    ``input_format`` is the container it came in, as :class:`newsgraph.records.InputInfo` records it.
    """

    raw: str
    kind: Literal["text", "html"]
    input_format: InputFormat
    path: str
    line: int | None = None
    record_id: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    site: str | None = None
    fallback_date: str | None = None
    """A date to use when neither the input nor the page gives one: a WARC record's crawl date."""

    @property
    def where(self) -> str:
        """``path``, or ``path:line`` for a JSON Lines record."""
        return _where(self.path, self.line)


@dataclass(frozen=True)
class InputError:
    """An input that could not be read as an article, and why."""

    path: str
    line: int | None
    message: str
    cause: BaseException | None = field(default=None, compare=False, repr=False)
    """The exception behind the error, when a stage failed (for library callers' tracebacks)."""

    @property
    def where(self) -> str:
        """``path``, or ``path:line`` for a JSON Lines record."""
        return _where(self.path, self.line)

    def __str__(self) -> str:
        """``path[:line]: message``, always on one line."""
        return f"{self.where}: {' '.join(self.message.splitlines())}"


Item = Document | InputError
"""What ingestion yields for each input or record."""


def os_error(path: str, exc: OSError) -> InputError:
    """The error for a file or directory the system would not open: ``"no such file or directory"``."""
    return InputError(path, None, (exc.strerror or str(exc)).lower())
