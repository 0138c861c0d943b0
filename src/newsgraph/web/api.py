"""The JSON API: the store's query functions over HTTP, every listing paged.

The query functions take a limit and answer newest (or largest) first; a page at ``offset`` is
read as the first ``offset + limit`` rows and cut, so offsets are capped at
:data:`MAX_OFFSET`. Dates are ISO dates of any precision (``2025``, ``2025-06``,
``2025-06-03``); a period whose start is after its end is a 400.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Response, status

from ..analysis.brief import ArticleBrief, article_brief
from ..records import ArticleRecord, Count, Event, Quote, Source
from ..store import ArticleSummary, StoreError
from ..store.catalog import (
    ActorFilter,
    ActorOrder,
    ActorPair,
    ActorProfile,
    ActorRow,
    CountryEvents,
    PlaceFilter,
    PlaceOrder,
    PlaceRow,
    actor_network,
    actor_profile,
    country_event_counts,
    find_actors,
    find_places,
)
from ..store.queries import (
    CorpusEventRow,
    CountFilter,
    CountRow,
    EventFilter,
    EventRow,
    QuoteFilter,
    QuoteRow,
    SearchRow,
    SourceFilter,
    SourceRow,
    find_counts,
    find_event_reports,
    find_events,
    find_quotes,
    find_sources,
    search_articles,
)
from ..store.relations import DyadReport, dyads, sparkline, timeline
from ..store.stories import StoryFilter, StoryRow, find_stories, story_of_article, story_versions
from .apimodels import ErrorMessage, Page, Story, Timeline
from .deps import Reader, RequestStore

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500
MAX_OFFSET = 5000
MAX_TEXT = 200
"""The longest text a filter takes."""

Row = TypeVar("Row")

_NOT_FOUND = {status.HTTP_404_NOT_FOUND: {"model": ErrorMessage, "description": "Not found."}}
_BAD_PERIOD = {
    status.HTTP_400_BAD_REQUEST: {
        "model": ErrorMessage,
        "description": "A filter that makes no sense: a period that ends before it starts, "
        "a day not on the calendar.",
    }
}


@cache
def _event_types() -> tuple[str, ...]:
    from ..events.lexicon import load_lexicon

    return tuple(load_lexicon().types)


EventType = Literal[_event_types()]
Modality = Event.model_fields["modality"].annotation
SourceType = Source.model_fields["type"].annotation
QuoteKind = Quote.model_fields["kind"].annotation
CountType = Count.model_fields["count_type"].annotation

# Years 1900 to 2099: a period and the one before it stay on the calendar.
_ISO_DATE = r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_CODE = r"^[A-Za-z]{3}$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows on the page.")]
Offset = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description="Rows skipped before the page's first.")
]
Since = Annotated[
    str | None,
    Query(pattern=_ISO_DATE, description="From this ISO date (2025, 2025-06, 2025-06-03)."),
]
Until = Annotated[
    str | None,
    Query(pattern=_ISO_DATE, description="Up to this ISO date, included (2025 keeps all 2025)."),
]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
ActorValue = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_TEXT,
        description="A country code (MEX), a code with a PLOVER sector (MEXGOV), or a part of "
        "a name (case-insensitive).",
    ),
]
Country = Annotated[
    str | None, Query(pattern=_CODE, description="ISO 3166-1 alpha-3 country code, or IGO.")
]


def _period(since: str | None, until: str | None) -> None:
    """Refuse a day that is not on the calendar or a period ending before it starts (400)."""
    for name, value in (("since", since), ("until", until)):
        if value and len(value) == 10:
            try:
                date.fromisoformat(value)
            except ValueError as error:
                raise HTTPException(
                    status.HTTP_400_BAD_REQUEST, f"{name} {value} is not a day of the calendar"
                ) from error
    if since and until:
        common = min(len(since), len(until))
        if since[:common] > until[:common]:
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST, f"since {since} is after until {until}"
            )


def _found(value: Row | None, message: str) -> Row:
    if value is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, message)
    return value


def _get(store: RequestStore, article_id: str) -> ArticleRecord | None:
    """The stored article with this id or unique id prefix; 400 when a prefix matches
    several."""
    try:
        return store.get(article_id)
    except StoreError as error:
        if "matches several" in str(error):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error
        raise


def _record(store: RequestStore, article_id: str) -> ArticleRecord:
    """The stored article with this id or unique id prefix; 404 when there is none."""
    return _found(_get(store, article_id), f"no article {article_id}")


ArticleId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        description="An article id, or a unique prefix of at least 4 characters.",
    ),
]


@router.get("/articles", summary="List articles", response_model=Page[ArticleSummary])
def list_articles(store: Reader, limit: Limit = 50, offset: Offset = 0) -> Page[ArticleSummary]:
    """The stored articles, newest published first (undated last), then by title."""
    rows = store.list(limit=limit + 1, offset=offset)
    return Page[ArticleSummary](
        items=rows[:limit],
        limit=limit,
        offset=offset,
        next_offset=offset + limit if len(rows) > limit else None,
    )


@router.get("/articles/search", summary="Search articles", response_model=Page[SearchRow])
def search(
    store: Reader,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT,
            description="Words the title or text holds (all of them).",
        ),
    ],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page[SearchRow]:
    """Articles whose title or text hold every word of ``q``, best match first, each with a
    snippet around the words."""
    rows = store.query(search_articles, q, offset + limit + 1)
    return Page[SearchRow].of(rows, limit, offset)


@router.get(
    "/articles/{article_id}",
    summary="One article's record",
    response_model=ArticleRecord,
    responses=_NOT_FOUND,
)
def get_article(store: Reader, article_id: ArticleId) -> Response:
    """The whole ``newsgraph.article/1`` record, as ``newsgraph show --json`` prints it."""
    record = _record(store, article_id)
    return Response(record.model_dump_json(by_alias=True), media_type="application/json")


@router.get(
    "/articles/{article_id}/brief",
    summary="One article's brief",
    response_model=ArticleBrief,
    responses=_NOT_FOUND,
)
def get_brief(store: Reader, article_id: ArticleId) -> ArticleBrief:
    """The article in short, as ``newsgraph brief`` prints it: who did what to whom with the
    sentence saying so, quotes with their speakers, sources by type, counts, flags and the
    sourcing profile."""
    return article_brief(_record(store, article_id))


@router.get(
    "/events",
    summary="Events",
    response_model=Page[CorpusEventRow] | Page[EventRow],
    responses=_BAD_PERIOD,
)
def events(
    store: Reader,
    actor: ActorValue = None,
    recipient: ActorValue = None,
    type: Annotated[EventType | None, Query(description="PLOVER event type.")] = None,
    modality: Annotated[
        Modality | None, Query(description="How the article presents the event.")
    ] = None,
    since: Since = None,
    until: Until = None,
    place: Annotated[
        str | None,
        Query(min_length=1, max_length=MAX_TEXT, description="A country code or place name."),
    ] = None,
    source_type: Annotated[
        SourceType | None, Query(description="The type of the source reporting it.")
    ] = None,
    corpus_event: Annotated[
        int | None, Query(ge=1, description="Only this corpus event (or its reports).")
    ] = None,
    reports: Annotated[
        bool,
        Query(description="List every report (each event of each article), not corpus events."),
    ] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[CorpusEventRow] | Page[EventRow]:
    """Events newest first, filtered as ``newsgraph events`` filters them: one row per
    real-world event (corpus event) with how many reports, articles, sites and stories carry
    it, or with ``reports=true`` one row per report."""
    _period(since, until)
    query = EventFilter(
        actor=actor,
        recipient=recipient,
        type=type,
        modality=modality,
        since=since,
        until=until,
        place=place,
        source_type=source_type,
        corpus_event=corpus_event,
        limit=offset + limit + 1,
    )
    if reports:
        return Page[EventRow].of(store.query(find_event_reports, query), limit, offset)
    return Page[CorpusEventRow].of(store.query(find_events, query), limit, offset)


@router.get("/quotes", summary="Quotes", response_model=Page[QuoteRow])
def quotes(
    store: Reader,
    speaker: ActorValue = None,
    search: Annotated[
        str | None,
        Query(min_length=1, max_length=MAX_TEXT, description="Words the quote holds (all)."),
    ] = None,
    kind: Annotated[
        QuoteKind | None, Query(description="Direct (in quotation marks) or indirect.")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuoteRow]:
    """Quotes with their speakers, newest articles first."""
    query = QuoteFilter(speaker=speaker, search=search, kind=kind, limit=offset + limit + 1)
    return Page[QuoteRow].of(store.query(find_quotes, query), limit, offset)


@router.get("/sources", summary="Sources", response_model=Page[SourceRow])
def sources(
    store: Reader,
    type: Annotated[SourceType | None, Query(description="The type of source.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[SourceRow]:
    """Sources, newest articles first, with how many of their article's events and counts rest
    on each."""
    query = SourceFilter(type=type, limit=offset + limit + 1)
    return Page[SourceRow].of(store.query(find_sources, query), limit, offset)


@router.get("/counts", summary="Counts", response_model=Page[CountRow], responses=_BAD_PERIOD)
def counts(
    store: Reader,
    type: Annotated[CountType | None, Query(description="What is counted.")] = None,
    place: Annotated[
        str | None,
        Query(min_length=1, max_length=MAX_TEXT, description="A country code or place name."),
    ] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[CountRow]:
    """Counts (deaths, arrests, money …) with their source and place, largest first."""
    _period(since, until)
    query = CountFilter(type=type, place=place, since=since, until=until, limit=offset + limit + 1)
    return Page[CountRow].of(store.query(find_counts, query), limit, offset)


@router.get("/places", summary="Places", response_model=Page[PlaceRow])
def places(
    store: Reader,
    country: Country = None,
    name: Annotated[
        str | None, Query(min_length=1, max_length=MAX_TEXT, description="A part of the name.")
    ] = None,
    sort: Annotated[PlaceOrder, Query(description="What to rank by.")] = "events",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[PlaceRow]:
    """Places named in the newest articles (the catalog's window), each name in a country
    once, with the corpus events placed there and the articles naming them."""
    query = PlaceFilter(country=country, name=name, sort=sort, limit=offset + limit + 1)
    return Page[PlaceRow].of(store.query(find_places, query), limit, offset)


@router.get(
    "/places/countries",
    summary="Events by country",
    response_model=list[CountryEvents],
    responses=_BAD_PERIOD,
)
def countries(store: Reader, since: Since = None, until: Until = None) -> list[CountryEvents]:
    """The number of corpus events placed in each country, most first: the map's data."""
    _period(since, until)
    return store.query(country_event_counts, since, until)


@router.get("/actors", summary="Actors", response_model=Page[ActorRow])
def actors(
    store: Reader,
    country: Country = None,
    sector: Annotated[
        str | None, Query(pattern=_CODE, description="PLOVER sector code (GOV, MIL, COP …).")
    ] = None,
    name: Annotated[
        str | None, Query(min_length=1, max_length=MAX_TEXT, description="A part of the name.")
    ] = None,
    sort: Annotated[ActorOrder, Query(description="What to rank by.")] = "articles",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ActorRow]:
    """Actors named in the newest articles (the catalog's window), by name, country and
    sector, with the articles naming them, the corpus events they are a side of and the
    quotes they speak."""
    query = ActorFilter(
        country=country, sector=sector, name=name, sort=sort, limit=offset + limit + 1
    )
    return Page[ActorRow].of(store.query(find_actors, query), limit, offset)


@router.get(
    "/actors/network",
    summary="Network of countries",
    response_model=list[ActorPair],
    responses=_BAD_PERIOD,
)
def network(
    store: Reader,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Pairs at most.")] = 100,
) -> list[ActorPair]:
    """The country pairs with the most corpus events between them (both directions), with the
    sums of their cooperative and conflictual PLOVER scores; by default over the quarter up to
    the latest article."""
    _period(since, until)
    return store.query(actor_network, since, until, limit)


@router.get(
    "/actors/{name}",
    summary="One actor's profile",
    response_model=ActorProfile,
    responses=_NOT_FOUND,
)
def actor(
    store: Reader,
    name: Annotated[str, Path(min_length=1, max_length=MAX_TEXT, description="Its whole name.")],
) -> ActorProfile:
    """The actor over the whole store: its country and sector, the articles naming it, the
    corpus events it is a side of, its latest quotes and latest events."""
    return _found(store.query(actor_profile, name), f"no actor {name}")


@router.get(
    "/timeline",
    summary="Timeline of two actors",
    response_model=Timeline,
    responses=_BAD_PERIOD,
)
def get_timeline(
    store: Reader,
    a: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT,
            description="One actor: a country code, a code with sector, or a name.",
        ),
    ],
    b: Annotated[str, Query(min_length=1, max_length=MAX_TEXT, description="The other actor.")],
    by: Annotated[Literal["month", "week"], Query(description="The period.")] = "month",
    since: Since = None,
    until: Until = None,
) -> Timeline:
    """Events between ``a`` and ``b`` by period, both directions, oldest first, with the sum of
    their PLOVER scores as a cooperation-conflict index and that index as a sparkline."""
    _period(since, until)
    rows = store.query(timeline, a, b, by, since, until)
    scores = [row.score for row in rows]
    return Timeline(
        a=a,
        b=b,
        by=by,
        rows=rows,
        sparkline=sparkline(scores),
        low=min(scores, default=None),
        high=max(scores, default=None),
    )


@router.get(
    "/dyads",
    summary="Country pairs compared with the period before",
    response_model=DyadReport,
    responses={**_BAD_PERIOD, **_NOT_FOUND},
)
def get_dyads(
    store: Reader,
    since: Annotated[
        str | None,
        Query(pattern=_ISO_DATE, description="Start of the period; one year before until."),
    ] = None,
    until: Annotated[
        str | None,
        Query(pattern=_ISO_DATE, description="End of the period, included; the latest article."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100, description="Pairs in each ranking.")] = 10,
) -> DyadReport:
    """The country pairs with the most conflict and the most cooperation in the period, with
    the change of their index against the period of the same length before."""
    _period(since, until)
    return _found(store.query(dyads, since, until, limit), "no dated events between two countries")


@router.get("/stories", summary="Stories", response_model=Page[StoryRow], responses=_BAD_PERIOD)
def stories(
    store: Reader,
    min_versions: Annotated[
        int, Query(ge=1, le=1000, description="Only stories with this many versions or more.")
    ] = 1,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[StoryRow]:
    """Stories (versions of one article: syndicated copies, updates) with their versions and
    sites, newest first."""
    _period(since, until)
    query = StoryFilter(
        min_versions=min_versions, since=since, until=until, limit=offset + limit + 1
    )
    return Page[StoryRow].of(store.query(find_stories, query), limit, offset)


@router.get(
    "/stories/{story}", summary="One story's versions", response_model=Story, responses=_NOT_FOUND
)
def story(
    store: Reader,
    story: Annotated[
        str,
        Path(
            min_length=1,
            max_length=64,
            description="A story number, or the id (or unique id prefix) of one of its articles.",
        ),
    ],
) -> Story:
    """The versions of one story, earliest published first."""
    number = int(story) if re.fullmatch(r"\d{1,18}", story) else None
    versions = store.query(story_versions, number) if number is not None else []
    if not versions:
        record = _get(store, story)
        number = store.query(story_of_article, record.id) if record else None
        versions = store.query(story_versions, number) if number is not None else []
    if not versions:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no story {story}")
    return Story(story=number, versions=versions)
