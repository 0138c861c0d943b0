"""The ``newsgraph`` command group every command module registers with."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, structured and sourced records out."""
