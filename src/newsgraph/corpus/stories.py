"""Story clusters: each stored article joins the story of its near-duplicates (syndicated copies,
updated versions), found through LSH band keys in the database and confirmed on their signatures.

Two articles are versions of one story when the estimated Jaccard similarity of their word
5-grams is at least :data:`SAME_STORY` and, when both carry a full publication date, they were
published at most :data:`MAX_DAYS_APART` days apart. Measured (word 5-grams, exact Jaccard):

* Wikinews 2019 (171 distinct stories): the most similar pair is 0.063.
* Copies of those 171 articles made by the pipeline from edited inputs: a new byline 1.0; a
  paragraph of another article added 0.60 at least (median 0.88); a paragraph trimmed 0.43 at
  least (median 0.83, estimate 0.445 at least).
* White House US-MX (650 texts): 87 pairs at 0.4 or more, of which 29 within a week: texts
  posted twice, and documents of one action issued together (a notice and its message to
  Congress, the steel and aluminium proclamations of one day). The other 58 are re-issues of a
  template months or years apart (annual renewals of a national emergency, steel proclamations
  of 2022 to 2024), which the date window keeps apart.

So 0.4 keeps every trimmed copy and leaves an order of magnitude of room above Wikinews' noise.
A new article that matches versions of two stories bridges them: the stories merge into the
older one (single linkage, as versions of versions are versions).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from .signature import TextSignature, text_signature

SAME_STORY = 0.4
MAX_DAYS_APART = 7


@dataclass(frozen=True)
class StoryAssignment:
    """The story an article joined, and the stories that merged into it because of it."""

    story_id: int
    absorbed: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Version:
    article_id: str
    story_id: int
    similarity: float


def _day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _close_in_time(first: str | None, second: str | None) -> bool:
    """Whether two publication dates allow the articles to be versions of one story; a date
    missing or known only to the month or year allows it."""
    one, other = _day(first), _day(second)
    return one is None or other is None or abs((one - other).days) <= MAX_DAYS_APART


def _matching_versions(
    conn: sqlite3.Connection, signature: TextSignature, keys: list[int], published: str | None
) -> list[_Version]:
    """Stored articles sharing a band key with ``signature`` that pass both tests, most similar
    first."""
    marks = ", ".join("?" * len(keys))
    candidates = conn.execute(
        "SELECT c.article_id, s.minhash, m.story_id, a.published "
        f"FROM (SELECT DISTINCT article_id FROM signature_bands WHERE band_key IN ({marks})) c "
        "JOIN article_signatures s ON s.article_id = c.article_id "
        "JOIN story_articles m ON m.article_id = c.article_id "
        "JOIN articles a ON a.id = c.article_id",
        keys,
    )
    found = []
    for article_id, stored, story_id, their_date in candidates:
        similarity = signature.similarity(TextSignature.from_bytes(stored))
        if similarity >= SAME_STORY and _close_in_time(published, their_date):
            found.append(_Version(article_id, story_id, similarity))
    return sorted(found, key=lambda version: (-version.similarity, version.article_id))


def _refresh(conn: sqlite3.Connection, story_id: int) -> None:
    conn.execute(
        "UPDATE stories SET versions = (SELECT COUNT(*) FROM story_articles WHERE story_id = :id), "
        "first_published = (SELECT MIN(a.published) FROM story_articles m "
        "JOIN articles a ON a.id = m.article_id WHERE m.story_id = :id) WHERE id = :id",
        {"id": story_id},
    )


def assign_story(conn: sqlite3.Connection, article_id: str) -> StoryAssignment:
    """Put the stored article ``article_id`` into its story, inside the caller's transaction:
    the story of its most similar version, a new story when it has none; stories it bridges
    merge into the oldest of them."""
    text, published = conn.execute(
        "SELECT text, published FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    signature = text_signature(text)
    keys = signature.band_keys() if signature else []
    versions = _matching_versions(conn, signature, keys, published) if signature else []
    stories = sorted({version.story_id for version in versions})
    if stories:
        story_id, absorbed = stories[0], tuple(stories[1:])
        for other in absorbed:
            conn.execute(
                "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (story_id, other)
            )
            conn.execute("DELETE FROM stories WHERE id = ?", (other,))
    else:
        story_id = conn.execute("INSERT INTO stories (versions) VALUES (0)").lastrowid
        absorbed = ()
    closest = versions[0] if versions else None
    conn.execute(
        "INSERT INTO story_articles (article_id, story_id, matched_article_id, similarity) "
        "VALUES (?, ?, ?, ?)",
        (
            article_id,
            story_id,
            closest.article_id if closest else None,
            round(closest.similarity, 3) if closest else None,
        ),
    )
    if signature:
        conn.execute(
            "INSERT INTO article_signatures (article_id, minhash) VALUES (?, ?)",
            (article_id, signature.to_bytes()),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO signature_bands (band_key, article_id) VALUES (?, ?)",
            [(key, article_id) for key in keys],
        )
    _refresh(conn, story_id)
    return StoryAssignment(story_id, absorbed)
