"""What cleaning gives back, whichever cleaner ran: the body and what was learned of the page."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import RemovedText


@dataclass
class CleanedPage:
    """The article body of a page or scraped text, what was left out of it, and its metadata.

    ``url`` is the page's own address when the page names one (canonical link or ``og:url``);
    ``site`` is the bare domain the page belongs to.
    """

    text: str
    removed: list[RemovedText] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site: str | None = None
    url: str | None = None
