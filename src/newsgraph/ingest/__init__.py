"""Ingestion: read input files (text, HTML, JSON Lines, gzipped JSON Lines, Parquet, WARC, stdin)
into documents.

:func:`read_inputs` streams a :class:`Document` per article and an :class:`InputError` per input
that could not be read, so a batch never stops on one bad file or record.
"""

from .document import Document, InputError
from .limits import DEFAULT_MAX_BYTES
from .readers import read_inputs
from .walk import SUPPORTED_SUFFIXES

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "Document", "InputError", "read_inputs"]
