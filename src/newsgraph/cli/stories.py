"""Story clusters: ``stories`` (near-duplicate articles grouped as one story) and ``story``."""

from __future__ import annotations

import click

from .group import main
from .options import db_option, format_option, rows_limit_option
from .output import open_store, print_rows, run_query, stdout, store_errors_reported


@main.command()
@db_option
@click.option(
    "--min-versions",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Only stories with at least N versions (2: the near-duplicates).",
)
@click.option("--since", help="First published on or after this ISO date.")
@click.option("--until", help="First published on or before this ISO date.")
@rows_limit_option
@format_option
def stories(
    db_path: str,
    min_versions: int,
    since: str | None,
    until: str | None,
    limit: int,
    output_format: str,
) -> None:
    """Stories in the store: articles that are versions of one another (syndicated copies,
    updates) counted once, with their versions and sites, newest first."""
    from ..store.stories import StoryFilter, find_stories

    query = StoryFilter(min_versions=min_versions, since=since, until=until, limit=limit)
    print_rows(run_query(db_path, find_stories, query), output_format, "stories")


@main.command()
@click.argument("story_id")
@db_option
@format_option
def story(story_id: str, db_path: str, output_format: str) -> None:
    """The versions of one story: STORY_ID is a story number, or else the id (or a unique
    prefix of at least 4 characters) of one of its articles."""
    from ..store.stories import story_of_article, story_versions

    with open_store(db_path, readonly=True) as store, store_errors_reported():
        number = int(story_id) if story_id.isdigit() else None
        if number is None or not store.query(story_versions, number):
            record = store.get(story_id)
            number = store.query(story_of_article, record.id) if record else None
        versions = store.query(story_versions, number) if number is not None else []
    if not versions:
        raise click.ClickException(f"no story {story_id!r} in {db_path}")
    if output_format == "table":
        sites = len({version.site for version in versions if version.site})
        stdout.print(
            f"story {number}: {len(versions)} version{'s' * (len(versions) != 1)} on {sites} "
            f"site{'s' * (sites != 1)}, first published {versions[0].published or 'undated'}",
            markup=False,
        )
    print_rows(versions, output_format, f"versions of story {number}")
