"""From an input document to its article record: cleaning, metadata, language, the record's id.

:class:`Pipeline` is what the CLI, the library front door (:func:`newsgraph.extract`) and batch
jobs call; stages that read the language layer plug in here as they land.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from .clean.dates import iso_date
from .clean.flatten import flatten_html
from .clean.html import clean_html
from .clean.language import detect_language
from .clean.page import CleanedPage
from .clean.site import url_site
from .clean.text import clean_text
from .ingest import Document, InputError
from .records import ArticleRecord, InputInfo, Meta

CleanMode = Literal["auto", "text", "html", "none"]
CLEAN_MODES: tuple[CleanMode, ...] = get_args(CleanMode)
PROCESSED_LANGUAGES = frozenset({"en"})


def article_id(raw: str) -> str:
    """Stable id of an input: a hash of its text, Unicode-normalised, blank edges ignored."""
    normalised = unicodedata.normalize("NFC", raw.replace("\r\n", "\n")).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def input_info(document: Document, url: str | None = None) -> InputInfo:
    """Where ``document`` came from, as the record says it; ``url`` is the page's own address
    when the input gave none."""
    return InputInfo(
        path=document.path,
        format=document.input_format,
        url=document.url or url,
        id=document.record_id,
        line=document.line,
    )


def clean_document(document: Document, mode: CleanMode) -> CleanedPage:
    """The body and page metadata of ``document`` under the chosen cleaning mode."""
    treat_as = document.kind if mode == "auto" else mode
    if treat_as == "html":
        return clean_html(document.raw, url=document.url)
    text = flatten_html(document.raw) if document.kind == "html" else document.raw
    if treat_as == "none":
        return CleanedPage(text=text.strip())
    return clean_text(text)


@dataclass(frozen=True)
class Pipeline:
    """Turns documents into article records; ``clean`` overrides the cleaning detection."""

    clean: CleanMode = "auto"

    def __post_init__(self) -> None:
        if self.clean not in CLEAN_MODES:
            raise ValueError(f"clean must be one of {', '.join(CLEAN_MODES)}, not {self.clean!r}")

    def process(self, document: Document) -> ArticleRecord | InputError:
        """The record of one document, or an :class:`InputError` when it holds no article.

        A failure inside a stage becomes an :class:`InputError` too: one bad page must not stop
        the batch it is in.
        """
        try:
            return self._record(document)
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            message = " ".join(str(error).split())[:200]
            return InputError(
                document.path,
                document.line,
                f"could not be processed: {type(error).__name__}: {message}",
                cause=error,
            )

    def _record(self, document: Document) -> ArticleRecord | InputError:
        cleaned = clean_document(document, self.clean)
        if not cleaned.text.strip():
            return InputError(document.path, document.line, "no article text found")
        language = detect_language(cleaned.text)
        notes = []
        if language not in PROCESSED_LANGUAGES:
            notes.append(
                f"language {language or 'unknown'}: language stages skipped (English only)"
            )
        return ArticleRecord(
            id=article_id(document.raw),
            input=input_info(document, url=cleaned.url),
            meta=Meta(
                title=document.title or cleaned.title,
                authors=cleaned.authors,
                published=iso_date(document.date) or cleaned.published,
                site=document.site or url_site(document.url) or cleaned.site,
                language=language,
            ),
            text=cleaned.text,
            removed=cleaned.removed,
            notes=notes,
        )

    def run(self, items: Iterable[Document | InputError]) -> Iterator[ArticleRecord | InputError]:
        """Process a stream of ingested items in order; errors pass through untouched."""
        for item in items:
            yield item if isinstance(item, InputError) else self.process(item)
