"""Reader for the WCXB development pages in ``shared/data/html/wcxb-dev``.

Each page comes with its gold main text, title, author and date. The text cleaner is evaluated on
pages flattened by :mod:`newsgraph.clean.flatten`: the page's whole visible text, boilerplate
included.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class GoldPage:
    id: str
    url: str
    html_path: Path
    title: str | None
    author: str | None
    published: str | None
    main_content: str
    must_include: list[str] = field(default_factory=list)
    must_exclude: list[str] = field(default_factory=list)

    def html(self) -> str:
        return gzip.decompress(self.html_path.read_bytes()).decode("utf-8", errors="replace")


def read_gold_pages(root: Path, limit: int | None = None) -> Iterator[GoldPage]:
    """Yield the gold pages under ``root`` (the ``wcxb-dev`` folder), in id order."""
    with (root / "ground-truth.jsonl").open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                return
            row = json.loads(line)
            yield GoldPage(
                id=row["id"],
                url=row["url"],
                html_path=root / "html" / f"{row['id']}.html.gz",
                title=row.get("title") or None,
                author=row.get("author") or None,
                published=row.get("publish_date") or None,
                main_content=row["main_content"],
                must_include=row.get("with") or [],
                must_exclude=row.get("without") or [],
            )
