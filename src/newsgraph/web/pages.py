"""The HTML pages: server-rendered (Jinja) from the same query functions as the API, each
linking its JSON twin under ``/api``."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from ..store import StoreError
from ..store.catalog import (
    ActorFilter,
    PlaceFilter,
    actor_network,
    actor_profile,
    country_event_counts,
    find_actors,
    find_places,
)
from ..store.queries import QuoteFilter, find_event_reports, find_events, find_quotes
from ..store.queries import search_articles as find_articles
from ..store.relations import dyads, timeline
from .article_view import article_view
from .cards import actor_href
from .charts import MapPoint, map_chart, network_chart, timeline_charts
from .deps import Reader
from .forms import (
    EVENT_VIEWS,
    MODALITIES,
    PAGE_SIZE,
    PERIODS,
    SOURCE_TYPES,
    BadRequest,
    EventsForm,
    Paging,
    TimelineForm,
    code_field,
    date_range,
    event_types,
    page_link,
    page_number,
    page_of,
    rows_needed,
    text_field,
)
from .geo import country_names, country_outlines
from .rendering import PageRoute, render, templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)
templates.env.globals.update(page_link=page_link, actor_href=actor_href)

SEARCH_LIMIT = 50
"""The most articles, and the most quotes, a search page lists."""
NETWORK_PAIRS = 60
"""The most country pairs the network draws."""
MAP_PLACES = 100
"""The most places the map lists."""
OUTLINES_URL = "/map/countries.json"


def _page(
    request: Request, template: str, title: str, section: str | None, api_url: str | None, **context
) -> Response:
    """``template`` with what the layout needs: the title, the navigation entry it belongs to
    and the URL of its JSON twin."""
    return render(
        request,
        template,
        {"title": title, "section": section, "api_url": api_url, **context},
    )


def _api_url(path: str, params: dict[str, Any]) -> str:
    """``path`` with the given parameters that have a value."""
    kept = {name: value for name, value in params.items() if value not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


def _api_page(paging: Paging) -> dict[str, int | None]:
    """The API's paging parameters for the same page of a listing."""
    return {"limit": paging.size, "offset": paging.offset or None}


@router.get("/")
def home(request: Request, store: Reader) -> Response:
    page = page_number(request.query_params)
    rows = store.list(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    paging = Paging(page, len(rows) > PAGE_SIZE)
    return _page(
        request,
        "home.html",
        "Articles",
        "Articles",
        _api_url("/api/articles", _api_page(paging)),
        articles=rows[:PAGE_SIZE],
        total=store.count(),
        paging=paging,
        params=request.query_params,
    )


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, store: Reader) -> Response:
    try:
        record = store.get(article_id)
    except StoreError as error:
        raise BadRequest(str(error)) from error
    if record is None:
        raise HTTPException(404, f"No article with id {article_id!r} in this store.")
    return _page(
        request,
        "article.html",
        record.meta.title or "(untitled article)",
        "Articles",
        f"/api/articles/{quote(record.id, safe='')}",
        view=article_view(record),
    )


@router.get("/events")
def events(request: Request, store: Reader) -> Response:
    form = EventsForm.read(request.query_params)
    find = find_event_reports if form.view == "reports" else find_events
    rows, paging = page_of(store.query(find, form.event_filter()), form.page)
    return _page(
        request,
        "events.html",
        "Event reports" if form.view == "reports" else "Events",
        "Events",
        _api_url(
            "/api/events",
            {
                **form.filters(),
                "reports": "true" if form.view == "reports" else None,
                **_api_page(paging),
            },
        ),
        form=form,
        rows=rows,
        paging=paging,
        params=request.query_params,
        event_types=event_types(),
        modalities=MODALITIES,
        source_types=SOURCE_TYPES,
        views=EVENT_VIEWS,
    )


@router.get("/timeline")
def timeline_page(request: Request, store: Reader) -> Response:
    form = TimelineForm.read(request.query_params)
    dates = {"since": form.since, "until": form.until}
    if form.a is None or form.b is None:
        return _page(
            request,
            "timeline.html",
            "Timeline",
            "Timeline",
            _api_url("/api/dyads", dates),
            form=form,
            periods=PERIODS,
            report=store.query(dyads, form.since, form.until),
            rows=[],
        )
    rows = store.query(timeline, form.a, form.b, form.by, form.since, form.until)
    return _page(
        request,
        "timeline.html",
        f"{form.a} and {form.b} by {form.by}",
        "Timeline",
        _api_url("/api/timeline", {"a": form.a, "b": form.b, "by": form.by, **dates}),
        form=form,
        periods=PERIODS,
        rows=rows,
        charts=timeline_charts(rows, form.a, form.b) if rows else None,
    )


@router.get("/search")
def search(request: Request, store: Reader) -> Response:
    q = text_field(request.query_params, "q")
    articles = store.query(find_articles, q, SEARCH_LIMIT) if q else []
    quotes = store.query(find_quotes, QuoteFilter(search=q, limit=SEARCH_LIMIT)) if q else []
    return _page(
        request,
        "search.html",
        f"Search: {q}" if q else "Search",
        "Search",
        _api_url("/api/articles/search", {"q": q}) if q else None,
        q=q,
        articles=articles,
        quotes=quotes,
        limit=SEARCH_LIMIT,
    )


@router.get("/actors")
def actors(request: Request, store: Reader) -> Response:
    params = request.query_params
    since, until = date_range(params)
    page = page_number(params)
    query = ActorFilter(
        country=code_field(params, "country"),
        sector=code_field(params, "sector"),
        name=text_field(params, "name"),
        limit=rows_needed(page),
    )
    rows, paging = page_of(store.query(find_actors, query), page)
    pairs = store.query(actor_network, since, until, NETWORK_PAIRS)
    filters = {"country": query.country, "sector": query.sector, "name": query.name}
    return _page(
        request,
        "actors.html",
        "Actors",
        "Actors",
        _api_url("/api/actors", {**filters, **_api_page(paging)}),
        filters=filters,
        dates={"since": since, "until": until},
        rows=rows,
        paging=paging,
        params=params,
        pairs=pairs,
        names=country_names(),
        network=network_chart(pairs, country_names()) if pairs else None,
        network_api=_api_url("/api/actors/network", {"since": since, "until": until}),
    )


@router.get("/actors/{name}")
def actor(request: Request, name: str, store: Reader) -> Response:
    profile = store.query(actor_profile, name)
    if profile is None:
        raise HTTPException(404, f"No article in this store names an actor {name!r}.")
    return _page(
        request,
        "actor.html",
        profile.name,
        "Actors",
        f"/api/actors/{quote(profile.name, safe='')}",
        profile=profile,
    )


@router.get("/map")
def world_map(request: Request, store: Reader) -> Response:
    params = request.query_params
    since, until = date_range(params)
    country = code_field(params, "country")
    counts = store.query(country_event_counts, since, until)
    places = store.query(find_places, PlaceFilter(country=country, limit=MAP_PLACES))
    points = [
        MapPoint(place.name, place.country, place.lat, place.lon, place.events)
        for place in places
        if place.lat is not None and place.lon is not None
    ]
    names = country_names()
    return _page(
        request,
        "map.html",
        "Map",
        "Map",
        _api_url("/api/places/countries", {"since": since, "until": until}),
        filters={"since": since, "until": until, "country": country},
        counts=counts,
        names=names,
        places=places,
        chart=map_chart(OUTLINES_URL, {row.country: row.events for row in counts}, points),
        places_api=_api_url("/api/places", {"country": country}),
    )


@router.get(OUTLINES_URL)
def outlines() -> JSONResponse:
    """The country outlines the map draws (TopoJSON, ids ISO alpha-3)."""
    return JSONResponse(country_outlines(), headers={"Cache-Control": "public, max-age=86400"})
