"""The ``newsgraph`` command: a thin layer of Click commands over the library, one module per
group of commands."""

from . import articles, batch, evaluate, export, queries, reading, relations, serve, stories  # noqa: F401 (registers)
from .group import main

__all__ = ["main"]
