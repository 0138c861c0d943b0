"""From an input document to its article record: cleaning, metadata, the language stages.

:class:`Pipeline` is what the CLI, the library front door (:func:`newsgraph.extract`) and batch
jobs call. Documents are cleaned one by one, then the English ones of each batch go through
spaCy's ``nlp.pipe`` together, and the stages that read a parse (reference date, places, actors)
fill their parts of the record.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Literal, get_args

from .clean.dates import iso_date
from .clean.flatten import flatten_html
from .clean.html import clean_html
from .clean.language import detect_language
from .clean.page import CleanedPage
from .clean.site import url_site
from .clean.text import clean_text
from .ingest import Document, InputError
from .language.parse import BATCH_SIZE
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


def _failure(document: Document, error: Exception) -> InputError:
    message = " ".join(str(error).split())[:200]
    return InputError(
        document.path,
        document.line,
        f"could not be processed: {type(error).__name__}: {message}",
        cause=error,
    )


@dataclass(frozen=True)
class Pipeline:
    """Turns documents into article records.

    ``clean`` overrides the cleaning detection; ``language=False`` stops after cleaning (no
    spaCy); ``actor_files`` are the user's actor knowledge files (YAML), read over the packaged
    ones; ``batch_size`` is how many documents go through spaCy together.
    """

    clean: CleanMode = "auto"
    language: bool = True
    actor_files: tuple[Path, ...] = ()
    batch_size: int = BATCH_SIZE

    def __post_init__(self) -> None:
        if self.clean not in CLEAN_MODES:
            raise ValueError(f"clean must be one of {', '.join(CLEAN_MODES)}, not {self.clean!r}")

    def process(self, document: Document) -> ArticleRecord | InputError:
        """The record of one document, or an :class:`InputError` when it holds no article.

        A failure inside a stage becomes an :class:`InputError` too: one bad page must not stop
        the batch it is in.
        """
        return next(self.run([document]))

    def _cleaned(self, document: Document) -> ArticleRecord | InputError:
        try:
            return self._record(document)
        except Exception as error:  # noqa: BLE001 - reported per input, the batch goes on
            return _failure(document, error)

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
                published=iso_date(document.date)
                or cleaned.published
                or iso_date(document.fallback_date),
                site=document.site or url_site(document.url) or cleaned.site,
                language=language,
            ),
            text=cleaned.text,
            removed=cleaned.removed,
            notes=notes,
        )

    def run(self, items: Iterable[Document | InputError]) -> Iterator[ArticleRecord | InputError]:
        """Process a stream of ingested items in order, a batch at a time; errors pass through.

        Memory stays bounded by the batch size, whatever the length of the stream.
        """
        stream = iter(items)
        while batch := list(islice(stream, self.batch_size)):
            results = [
                item if isinstance(item, InputError) else self._cleaned(item) for item in batch
            ]
            if self.language:
                self._annotate(batch, results)
            yield from results

    def _annotate(
        self, batch: list[Document | InputError], results: list[ArticleRecord | InputError]
    ) -> None:
        """Replace each English record of ``results`` by its annotated version, in place."""
        from .annotate import Annotator

        english = [
            index
            for index, result in enumerate(results)
            if isinstance(result, ArticleRecord) and result.meta.language in PROCESSED_LANGUAGES
        ]
        if not english:
            return
        annotator = Annotator.for_files(self.actor_files)
        try:
            annotated = annotator.annotate_all([results[index] for index in english])
        except Exception:  # noqa: BLE001 - one document broke the batch: find which, alone
            annotated = [annotator.annotate_one(results[index]) for index in english]
        for index, result in zip(english, annotated, strict=True):
            document = batch[index]
            results[index] = _failure(document, result) if isinstance(result, Exception) else result
