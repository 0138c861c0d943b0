"""The language layer: one spaCy English pipeline per process, run over batches of articles."""

from .model import DEFAULT_MODEL, load_nlp
from .parse import parse_texts

__all__ = ["DEFAULT_MODEL", "load_nlp", "parse_texts"]
