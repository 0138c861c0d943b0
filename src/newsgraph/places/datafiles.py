"""The team-written files of ``newsgraph/data/places/`` (each says where its facts come from)."""

from __future__ import annotations

from importlib.resources import files

DATA_FILES = ("regions.yaml", "aliases.yaml", "words.yaml")


def data_text(name: str) -> str:
    """The text of ``data/places/<name>``."""
    return files("newsgraph.data").joinpath("places", name).read_text("utf-8")
