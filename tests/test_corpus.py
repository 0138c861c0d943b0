"""Story clusters and corpus events on real text: syndicated copies and updates join their
original's story, distinct Wikinews stories stay apart, the same deed told by two articles is one
corpus event with two reports, and copies add reports but not stories; incremental, idempotent,
and filled in for stores made before these tables."""

from __future__ import annotations

import gzip
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore, StoreOutcome
from newsgraph.store.queries import EventFilter, find_event_reports, find_events
from newsgraph.store.stories import StoryFilter, find_stories, story_versions

SEED_BYLINE = "By Ogungbayi Beedee Adeyemi"
SEED_LAST_PARAGRAPH = "This development has reignited tensions"
# Our own words, not a copy of any article: the seed's first deed (the United States asking
# Mexico to let its forces strike fentanyl labs) as another outlet might report it.
REWORDED = """The United States has asked Mexico to allow American troops to strike fentanyl \
laboratories inside Mexican territory, officials in Washington said on Thursday.

Mexican officials did not immediately comment on the request, which follows weeks of talks \
between the two governments about the drug trade."""
UPDATE = "Update: this article was updated on January 16 with the time of the officials' remarks."
# White House, 2021: the press secretary announcing the Biden-López Obrador meeting of March 1,
# and the fact sheet published on the day.
MEETING = ("wh-a8adda08409c", "wh-647b3ae31133")
BRIDGED = "U.S. House issues subpoena to secretary of state as special envoy to Ukraine resigns"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def text_document(raw: str, path: str, **meta) -> Document:
    return Document(raw=raw, kind="text", input_format="text", path=path, **meta)


def paragraphs(raw: str) -> list[str]:
    return [part for part in raw.split("\n\n") if part.strip()]


@pytest.fixture(scope="module")
def seed(pipeline: Pipeline, seed_text: str) -> ArticleRecord:
    return pipeline.process(text_document(seed_text, "seed.txt"))


@pytest.fixture(scope="module")
def syndicated(pipeline: Pipeline, seed_text: str) -> ArticleRecord:
    """The seed on another site: another byline and title, its last paragraph trimmed."""
    kept = [part for part in paragraphs(seed_text) if not part.startswith(SEED_LAST_PARAGRAPH)]
    raw = "\n\n".join(kept).replace(SEED_BYLINE, "By Border Wire staff")
    title = "Washington presses Mexico to allow strikes on fentanyl labs"
    return pipeline.process(text_document(raw, "wire.txt", title=title, site="borderwire.example"))


@pytest.fixture(scope="module")
def updated(pipeline: Pipeline, seed_text: str) -> ArticleRecord:
    """The seed on its own site with a paragraph added."""
    return pipeline.process(text_document(f"{seed_text}\n\n{UPDATE}\n", "seed-updated.txt"))


@pytest.fixture(scope="module")
def reworded(pipeline: Pipeline) -> ArticleRecord:
    return pipeline.process(
        text_document(
            REWORDED,
            "reworded.txt",
            site="borderwire.example",
            date="2026-01-15",
            title="U.S. asks Mexico to allow strikes on fentanyl labs",
        )
    )


def put_all(db: Path, *records: ArticleRecord) -> list[StoreOutcome]:
    with ArticleStore(db) as store:
        return [store.put(record) for record in records]


def run(db: Path, find, *arguments):
    with ArticleStore.open_readonly(db) as store:
        return store.query(find, *arguments)


def corpus_event_of(db: Path, article_id: str, event_id: str):
    """The corpus event (a find_events row) of one report."""
    (report,) = [
        row
        for row in run(db, find_event_reports, EventFilter(limit=10_000))
        if (row.article_id, row.event_id) == (article_id, event_id)
    ]
    (event,) = run(db, find_events, EventFilter(corpus_event=report.corpus_event))
    return event


def snapshot(db: Path) -> tuple[frozenset, frozenset]:
    """The stories as sets of article ids, and the corpus events as their sets of reports with
    their counts and facets: what must not depend on story or corpus-event numbering."""
    conn = sqlite3.connect(db)
    try:
        stories: dict[int, set] = {}
        for article_id, story_id in conn.execute("SELECT article_id, story_id FROM story_articles"):
            stories.setdefault(story_id, set()).add(article_id)
        events: dict[int, set] = {}
        for article_id, event_id, corpus_event in conn.execute(
            "SELECT article_id, event_id, corpus_event_id FROM event_reports"
        ):
            events.setdefault(corpus_event, set()).add((article_id, event_id))
        counts = dict(
            (row[0], row[1:])
            for row in conn.execute(
                "SELECT id, reports, articles, sites, stories, first_reported FROM corpus_events"
            )
        )
        facets: dict[int, set] = {}
        for facet, value, corpus_event in conn.execute("SELECT * FROM corpus_event_facets"):
            facets.setdefault(corpus_event, set()).add((facet, value))
    finally:
        conn.close()
    assert set(counts) == set(events) == set(facets), "every corpus event has reports"
    return (
        frozenset(frozenset(members) for members in stories.values()),
        frozenset(
            (frozenset(reports), counts[key], frozenset(facets[key]))
            for key, reports in events.items()
        ),
    )


def test_syndicated_copy_and_update_join_the_original_story(
    tmp_path: Path, seed: ArticleRecord, syndicated: ArticleRecord, updated: ArticleRecord
):
    db = tmp_path / "stories.db"
    put_all(db, seed, syndicated, updated)
    (story,) = run(db, find_stories, StoryFilter(min_versions=2))
    assert (story.versions, story.sites) == (3, "borderwire.example, ddnewsonline.com")
    assert (story.article_id, story.first_published) == (seed.id, "2026-01-15")
    versions = run(db, story_versions, story.story)
    assert [version.article_id for version in versions] == [seed.id, syndicated.id, updated.id]
    assert versions[0].matched_article_id is None
    assert {version.matched_article_id for version in versions[1:]} <= {seed.id, syndicated.id}
    assert all(0.7 <= version.similarity <= 1.0 for version in versions[1:])
    assert len(run(db, find_stories, StoryFilter())) == 1
    # The copies repeat the seed's events: each is one event, reported three times, by three
    # articles on two sites, and one story.
    for event in seed.events:
        row = corpus_event_of(db, seed.id, event.id)
        assert (row.reports, row.articles, row.sites, row.stories) == (3, 3, 2, 1), event


def test_the_same_deed_in_two_stories_is_one_corpus_event_and_copies_add_no_story(
    tmp_path: Path,
    seed: ArticleRecord,
    reworded: ArticleRecord,
    syndicated: ArticleRecord,
    updated: ArticleRecord,
):
    (request,) = [event for event in seed.events if event.type == "REQUEST"]
    (told_again,) = [
        event
        for event in reworded.events
        if event.type == "REQUEST" and event.modality == "asserted"
    ]
    db = tmp_path / "corroboration.db"
    put_all(db, seed, reworded)
    first = corpus_event_of(db, seed.id, request.id)
    assert corpus_event_of(db, reworded.id, told_again.id) == first
    assert (first.reports, first.articles, first.sites, first.stories) == (2, 2, 2, 2)
    assert (first.actors, first.recipients, first.date) == ("United States", "Mexico", "2026-01-15")
    assert (first.article_id, first.event_id) == (seed.id, request.id)
    reports = run(db, find_event_reports, EventFilter(corpus_event=first.corpus_event))
    assert {(row.article_id, row.event_id) for row in reports} == {
        (seed.id, request.id),
        (reworded.id, told_again.id),
    }
    # The reworded article's denial ("did not comment") is not the request and stays apart.
    denials = [event for event in reworded.events if event.modality == "negated"]
    for event in denials:
        assert corpus_event_of(db, reworded.id, event.id).reports == 1

    put_all(db, syndicated, updated)
    again = corpus_event_of(db, seed.id, request.id)
    assert again.corpus_event == first.corpus_event
    assert (again.reports, again.articles, again.sites, again.stories) == (4, 4, 2, 2)


def test_two_white_house_texts_about_one_meeting_corroborate_it(
    tmp_path: Path, pipeline: Pipeline, shared: Path
):
    """The press secretary's announcement (February 26) and the fact sheet of the day (March
    1) both report Biden meeting López Obrador on March 1, 2021."""
    rows = {}
    with gzip.open(
        shared / "data/articles/whitehouse/usmx.jsonl.gz", "rt", encoding="utf-8"
    ) as lines:
        for line in lines:
            row = json.loads(line)
            if row["id"] in MEETING:
                rows[row["id"]] = row
    records = [
        pipeline.process(
            Document(
                raw=rows[key]["text"],
                kind="text",
                input_format="jsonl",
                path="usmx.jsonl.gz",
                record_id=key,
                url=rows[key]["url"],
                title=rows[key]["title"],
                date=rows[key]["date"],
            )
        )
        for key in MEETING
    ]
    db = tmp_path / "meeting.db"
    put_all(db, *records)
    query = EventFilter(actor="USAGOV", recipient="MEXGOV", since="2021-03-01", until="2021-03-01")
    (meeting,) = [row for row in run(db, find_events, query) if row.stories > 1]
    assert (meeting.reports, meeting.articles, meeting.sites, meeting.stories) == (2, 2, 1, 2)
    assert meeting.first_reported == "2021-02-26"
    assert meeting.article_id == records[0].id
    assert "López Obrador" in meeting.recipients
    assert len(run(db, find_stories, StoryFilter(min_versions=2))) == 0


@pytest.fixture(scope="module")
def wikinews_rows(shared: Path) -> list[dict]:
    path = shared / "data/articles/wikinews/wikinews-2019.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def days_after(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def wikinews_document(row: dict, raw: str | None = None, **changes) -> Document:
    meta = {"url": row["url"], "title": row["title"], "date": row["date"], **changes}
    return Document(
        raw=row["text"] if raw is None else raw,
        kind="text",
        input_format="jsonl",
        path="wikinews-2019.jsonl",
        record_id=row["id"],
        **meta,
    )


def test_wikinews_stories_stay_apart_and_their_copies_join_them(
    tmp_path: Path, wikinews_rows: list[dict]
):
    cleaner = Pipeline(language=False)
    db = tmp_path / "wikinews.db"
    originals = [cleaner.process(wikinews_document(row)) for row in wikinews_rows]
    put_all(db, *originals)
    assert run(db, find_stories, StoryFilter(min_versions=2)) == []
    assert len(run(db, find_stories, StoryFilter(limit=1000))) == len(wikinews_rows) == 171

    shortest = min(range(len(wikinews_rows)), key=lambda n: len(originals[n].text))
    row, other = wikinews_rows[shortest], wikinews_rows[shortest + 1]
    parts = paragraphs(row["text"])
    copies = {
        "byline and title": wikinews_document(
            row,
            "By Staff Reporter, Wire Service\n\n" + row["text"],
            title="UPDATED: " + row["title"],
            url="https://wire.example/story",
        ),
        "paragraph added": wikinews_document(
            row, row["text"] + "\n\n" + paragraphs(other["text"])[1]
        ),
        "paragraph trimmed": wikinews_document(row, "\n\n".join(parts[:-2] + parts[-1:])),
        "three days later": wikinews_document(
            row, row["text"] + "\n\n" + UPDATE, date=days_after(row["date"], 3)
        ),
    }
    reissue = wikinews_document(
        row, row["text"] + "\n\n" + UPDATE, date=days_after(row["date"], 30)
    )
    put_all(db, *(cleaner.process(document) for document in [*copies.values(), reissue]))
    (story,) = run(db, find_stories, StoryFilter(min_versions=2))
    versions = run(db, story_versions, story.story)
    assert versions[0].article_id == originals[shortest].id
    assert len(versions) == 1 + len(copies), "the re-issue a month later is another story"
    assert story.sites == "en.wikinews.org, wire.example"


def overlapping_halves(parts: list[str]) -> tuple[str, str]:
    """The shortest run of first paragraphs holding 60% of the characters, and the shortest
    run of last paragraphs holding as much: they share a fifth or so of the text."""
    total = sum(map(len, parts))
    head = next(end for end in range(1, len(parts)) if sum(map(len, parts[:end])) >= 0.6 * total)
    tail = next(
        start for start in range(len(parts), 0, -1) if sum(map(len, parts[start:])) >= 0.6 * total
    )
    return "\n\n".join(parts[:head]), "\n\n".join(parts[tail:])


def test_an_article_bridging_two_stories_merges_them_and_their_events(
    tmp_path: Path, pipeline: Pipeline, wikinews_rows: list[dict]
):
    """The first and the last 60% of an article share too little to be versions of each
    other, but the whole article is a version of both: the stories merge, and so do the
    corpus events of the part they share (told by both halves, one story now)."""
    (row,) = [found for found in wikinews_rows if found["title"] == BRIDGED]
    db = tmp_path / "bridge.db"
    halves = [
        pipeline.process(wikinews_document(row, half))
        for half in overlapping_halves(paragraphs(row["text"]))
    ]
    put_all(db, *halves)
    assert len(run(db, find_stories, StoryFilter())) == 2
    told_twice = [row for row in run(db, find_events, EventFilter(limit=1000)) if row.articles == 2]
    assert {row.stories for row in told_twice} == {2}
    whole = pipeline.process(wikinews_document(row))
    put_all(db, whole)
    (story,) = run(db, find_stories, StoryFilter())
    assert story.versions == 3
    rows = run(db, find_events, EventFilter(limit=1000))
    assert {row.stories for row in rows} == {1}
    assert len([row for row in rows if row.articles == 3]) >= len(told_twice) > 1
    assert snapshot(db) == snapshot_after_reingest(tmp_path, whole, *halves)


def snapshot_after_reingest(tmp_path: Path, *records: ArticleRecord):
    db = tmp_path / "reordered.db"
    put_all(db, *records)
    return snapshot(db)


def test_reingest_is_idempotent_and_order_does_not_change_the_groups(
    tmp_path: Path,
    seed: ArticleRecord,
    reworded: ArticleRecord,
    syndicated: ArticleRecord,
    updated: ArticleRecord,
):
    records = [seed, reworded, syndicated, updated]
    db = tmp_path / "twice.db"
    assert put_all(db, *records) == [StoreOutcome.STORED] * 4
    before = snapshot(db)
    assert put_all(db, *records) == [StoreOutcome.PRESENT] * 4
    assert snapshot(db) == before
    reversed_db = tmp_path / "reversed.db"
    put_all(reversed_db, *reversed(records))
    assert snapshot(reversed_db) == before


CORPUS_TABLES = (
    "facet_names",
    "corpus_event_facets",
    "event_reports",
    "corpus_events",
    "signature_bands",
    "article_signatures",
    "story_articles",
    "stories",
)


def test_stores_made_before_the_corpus_tables_are_filled_on_open(
    tmp_path: Path, seed: ArticleRecord, reworded: ArticleRecord, syndicated: ArticleRecord
):
    db = tmp_path / "old.db"
    put_all(db, seed, reworded, syndicated)
    before = snapshot(db)
    with sqlite3.connect(db) as conn:
        for table in CORPUS_TABLES:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 4")
    with pytest.raises(Exception, match="older than this newsgraph"):
        ArticleStore.open_readonly(db)
    ArticleStore(db).close()
    assert snapshot(db) == before
    assert run(db, find_stories, StoryFilter(min_versions=2))[0].versions == 2


def test_stores_made_before_the_pair_facet_get_it_on_open(
    tmp_path: Path, seed: ArticleRecord, reworded: ArticleRecord, syndicated: ArticleRecord
):
    db = tmp_path / "v4.db"
    put_all(db, seed, reworded, syndicated)
    before = snapshot(db)
    pairs = run(db, find_events, EventFilter(actor="USA", recipient="MEX"))
    with sqlite3.connect(db) as conn:
        held = conn.execute("SELECT COUNT(*) FROM corpus_event_facets WHERE facet = 'pair'")
        assert held.fetchone()[0] > 0
        conn.execute("DELETE FROM corpus_event_facets WHERE facet = 'pair'")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 5")
    with pytest.raises(Exception, match="older than this newsgraph"):
        ArticleStore.open_readonly(db)
    ArticleStore(db).close()
    assert snapshot(db) == before
    assert pairs and run(db, find_events, EventFilter(actor="USA", recipient="MEX")) == pairs


def test_events_command_prints_corpus_events_and_reports_on_request(
    tmp_path: Path, seed: ArticleRecord, reworded: ArticleRecord, syndicated: ArticleRecord
):
    db = tmp_path / "cli.db"
    put_all(db, seed, reworded, syndicated)
    runner = CliRunner()

    def json_rows(*arguments: str) -> list[dict]:
        result = runner.invoke(main, [*arguments, "--db", str(db), "--format", "json"])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines()]

    events = json_rows("events", "--type", "REQUEST", "--actor", "USA")
    (request,) = [row for row in events if row["stories"] == 2]
    assert (request["reports"], request["articles"], request["sites"]) == (3, 3, 2)
    reports = json_rows("events", "--type", "REQUEST", "--actor", "USA", "--reports")
    assert len(reports) == sum(row["reports"] for row in events) > len(events)
    listed = json_rows("events", "--reports", "--corpus-event", str(request["corpus_event"]))
    assert {row["article_id"] for row in listed} == {seed.id, reworded.id, syndicated.id}
    every_report = json_rows("events", "--reports", "--limit", "1000")
    assert len(every_report) == len(seed.events) + len(reworded.events) + len(syndicated.events)
    assert len(json_rows("events", "--limit", "1000")) < len(every_report)

    table = runner.invoke(main, ["events", "--db", str(db), "--type", "REQUEST", "--actor", "USA"])
    assert table.exit_code == 0 and f"events ({len(events)};" in table.output

    (story,) = json_rows("stories", "--min-versions", "2")
    assert (story["versions"], story["article_id"]) == (2, seed.id)
    shown = runner.invoke(main, ["story", syndicated.id[:8], "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert f"story {story['story']}: 2 versions on 2 sites" in shown.output
    missing = runner.invoke(main, ["story", "999999", "--db", str(db)])
    assert missing.exit_code != 0 and "no story" in missing.output
