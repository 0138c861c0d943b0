"""newsgraph: news articles in, structured, sourced, queryable records out.

The front door is :func:`extract`; :class:`newsgraph.pipeline.Pipeline` processes streams of
ingested documents. Importing the package stays cheap: stages load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pipeline import CleanMode
    from .records import ArticleRecord

__all__ = ["extract"]


def extract(
    content: str, *, url: str | None = None, clean: CleanMode = "auto", path: str = "<string>"
) -> ArticleRecord:
    """The article record of one page or text (HTML is detected); raises ValueError without one."""
    from .ingest import Document, InputError
    from .ingest.sniff import looks_like_html
    from .pipeline import Pipeline

    kind = "html" if looks_like_html(content) else "text"
    document = Document(raw=content, kind=kind, input_format=kind, path=path, url=url)
    result = Pipeline(clean=clean).process(document)
    if isinstance(result, InputError):
        raise ValueError(str(result)) from result.cause
    return result
