"""The web pages over a real store (the reference article, Wikinews articles, White House
readouts on U.S.-Mexico relations): the article text highlighted from its records' offsets
with valid nesting whatever the overlaps, the Bárcena quote with its speaker, the anonymous
source marked, events filters and their evidence links, the USA–MEX timeline's chart data,
actors, map, search, errors as pages, JSON twins, security headers, and no asset from
elsewhere."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from fastapi.testclient import TestClient

from newsgraph.events.lexicon import load_lexicon
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore
from newsgraph.web import ServerSettings, create_app
from newsgraph.web.article_view import web_link
from newsgraph.web.geo import country_outlines
from newsgraph.web.highlight import Mark, article_marks, paragraphs, segments
from newsgraph.web.rendering import script_json

WIKINEWS_ARTICLES = 4
USMX_TITLES = (
    "Readout of President Joe Biden Call with President Andrés Manuel López Obrador",
    "U.S.-Mexico Joint Declaration",
    "U.S.- Mexico High-Level Security Dialogue",
)
PAGES = (
    "/",
    "/events",
    "/events?view=reports",
    "/timeline",
    "/timeline?a=USA&b=MEX",
    "/actors",
    "/map",
    "/search?q=fentanyl",
)


@pytest.fixture(scope="module")
def documents(shared: Path, seed_text: str) -> list[Document]:
    wikinews = (shared / "data/articles/wikinews/wikinews-2019.jsonl").read_text("utf-8")
    chosen = [json.loads(line) for line in wikinews.splitlines()[:WIKINEWS_ARTICLES]]
    with gzip.open(shared / "data/articles/whitehouse/usmx.jsonl.gz", "rt") as lines:
        readouts = [
            record
            for record in map(json.loads, lines)
            if record["date"].startswith("2021") and record["title"].startswith(USMX_TITLES)
        ]
    return [
        Document(raw=seed_text, kind="text", input_format="text", path="seed.txt"),
        *(
            Document(
                raw=record["text"],
                kind="text",
                input_format="jsonl",
                path=name,
                line=line,
                title=record["title"],
                date=record["date"],
                url=record["url"],
            )
            for name, records in (("wikinews-2019.jsonl", chosen), ("usmx.jsonl.gz", readouts))
            for line, record in enumerate(records, start=1)
        ),
    ]


@pytest.fixture(scope="module")
def records(documents: list[Document]) -> list[ArticleRecord]:
    found = list(Pipeline().run(documents))
    assert all(isinstance(record, ArticleRecord) for record in found), found
    return found


@pytest.fixture(scope="module")
def seed(records: list[ArticleRecord]) -> ArticleRecord:
    return records[0]


@pytest.fixture(scope="module")
def client(records: list[ArticleRecord], tmp_path_factory) -> TestClient:
    path = tmp_path_factory.mktemp("web") / "pages.db"
    with ArticleStore(path) as store:
        for record in records:
            store.put(record)
    return TestClient(create_app(ServerSettings(db=str(path))))


def page(client: TestClient, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, (url, response.text[-600:])
    assert response.headers["content-type"].startswith("text/html")
    return response, lxml.html.fromstring(response.text)


def chart_spec(tree, name: str) -> dict:
    (script,) = tree.xpath(f'//script[@id="chart-{name}-spec"]')
    assert script.get("type") == "application/json"
    return json.loads(script.text)


# The segment builder, on real records


def test_segments_cover_the_text_and_carry_every_overlapping_mark(seed: ArticleRecord):
    marks = article_marks(seed)
    pieces = segments(seed.text, marks)
    assert "".join(piece.text for piece in pieces) == seed.text
    assert all(left.end == right.start for left, right in zip(pieces, pieces[1:], strict=False))
    for piece in pieces:
        assert piece.text == seed.text[piece.start : piece.end]
        covering = {
            (mark.kind, mark.key, mark.start)
            for mark in marks
            if mark.start <= piece.start and piece.end <= mark.end
        }
        assert {(mark.kind, mark.key, mark.start) for mark in piece.marks} == covering
        # No mark starts or ends inside a segment: each one is whole segments.
        assert not any(
            piece.start < offset < piece.end for m in marks for offset in (m.start, m.end)
        )
        widths = [mark.end - mark.start for mark in piece.marks]
        assert widths == sorted(widths, reverse=True), "widest mark first"
    barcena = next(quote for quote in seed.quotes if quote.speaker_text == "Alicia Bárcena")
    inside = [piece for piece in pieces if barcena.start <= piece.start < barcena.end]
    assert len(inside) > 1, "the quote is cut where the event sentence and place overlap it"
    # The quote runs on past the end of the event's sentence: the spans cross.
    in_event = ["event" in {mark.kind for mark in piece.marks} for piece in inside]
    assert in_event[0] and not in_event[-1]
    assert {mark.kind for mark in inside[0].marks} == {"event", "quote", "place"}
    assert all("quote" in {mark.kind for mark in piece.marks} for piece in inside)


def test_each_mark_opens_once_and_paragraphs_drop_only_the_breaks(seed: ArticleRecord):
    marks = article_marks(seed)
    laid_out = paragraphs(seed.text, marks)
    assert len(laid_out) == seed.text.count("\n\n") + 1
    text = "".join(piece.text for paragraph in laid_out for piece in paragraph.segments)
    assert text == re.sub(r"\n[ \t]*\n\s*", "", seed.text)
    opened = [anchor for p in laid_out for piece in p.segments for anchor in piece.opens]
    assert sorted(opened) == sorted({mark.anchor for mark in marks})
    for mark in marks:
        first = next(
            piece
            for paragraph in laid_out
            for piece in paragraph.segments
            if piece.start <= mark.start < piece.end or piece.start == mark.start
        )
        assert first.starts


def test_segments_of_nested_crossing_and_clipped_marks(seed: ArticleRecord):
    """An event sentence holding a source, a quote crossing the sentence's end, and a mark
    running past the text: cut at every boundary, clipped to the text."""
    event = seed.events[0].evidence
    source = next(source for source in seed.sources if source.type == "anonymous")
    assert event.start <= source.start < source.end <= event.end
    text = seed.text[: event.end + 20]
    marks = [
        Mark("event", "e", event.start, event.end),
        Mark("source", "s", source.start, source.end, "anonymous"),
        Mark("quote", "q", source.end - 5, event.end + 10),
        Mark("flag", "f", event.end + 15, event.end + 500),
        Mark("count", "empty", 3, 3),
    ]
    pieces = segments(text, marks)
    cuts = [piece.start for piece in pieces] + [pieces[-1].end]
    assert cuts == sorted(
        {0, event.start, source.start, source.end - 5, source.end, event.end}
        | {event.end + 10, event.end + 15, len(text)}
    )
    by_start = {piece.start: [mark.key for mark in piece.marks] for piece in pieces}
    assert by_start[source.end - 5] == ["e", "s", "q"]
    assert by_start[source.end] == ["e", "q"]
    assert by_start[event.end] == ["q"]
    assert by_start[event.end + 15] == ["f"] and pieces[-1].end == len(text)
    assert "count-empty" not in {anchor for piece in pieces for anchor in piece.opens}


# The article page


def test_article_page_marks_the_barcena_quote_with_her_name(client, seed):
    response, tree = page(client, f"/articles/{seed.id}")
    quote = next(quote for quote in seed.quotes if quote.speaker_text == "Alicia Bárcena")
    anchor = f"quote-{quote.id}"
    pieces = tree.xpath('//article[@id="article-text"]//span[contains(@class, "m-quote")]')
    quoted = "".join(
        piece.text_content() for piece in pieces if anchor in piece.get("data-marks").split()
    )
    assert quoted == quote.text
    first = next(piece for piece in pieces if anchor in piece.get("data-marks").split())
    assert first.get("tabindex") == "0" and first.get("role") == "button"
    assert f"record-{anchor}" in first.get("aria-describedby").split()
    assert tree.xpath(f'//span[@class="anchor"][@id="{anchor}"]')
    (card,) = tree.xpath(f'//li[@id="record-{anchor}"]')
    facts = dict(zip(card.xpath(".//dt/text()"), card.xpath(".//dd"), strict=True))
    assert facts["Speaker"].text_content() == "Alicia Bárcena (MEX GOV)"
    assert facts["Speaker"].xpath(".//a/@href") == ["/actors/Alicia%20B%C3%A1rcena"]
    assert facts["Cue"].text_content() == "responded"
    assert facts["Kind"].text_content() == "direct"
    assert "Mexico will never accept foreign troops" in card.xpath(".//blockquote")[0].text


def test_article_page_marks_the_anonymous_source(client, seed):
    _, tree = page(client, f"/articles/{seed.id}")
    source = next(source for source in seed.sources if source.type == "anonymous")
    anonymous = tree.xpath(
        '//article[@id="article-text"]//span[contains(@class, "m-source-anonymous")]'
    )
    assert "".join(span.text_content() for span in anonymous) == source.text
    assert source.text == "multiple senior American officials speaking on condition of anonymity"
    (card,) = tree.xpath(f'//li[@id="record-source-{source.id}"]')
    assert card.xpath("./h3")[0].text == "Source: anonymous"
    facts = dict(
        zip(
            card.xpath(".//dt/text()"),
            [value.text_content() for value in card.xpath(".//dd")],
            strict=True,
        )
    )
    assert facts["Reason for anonymity"] == "given"
    assert facts["Claims resting on it"] == "1"


def test_article_page_shows_metadata_flags_sourcing_and_removed_text(client, seed):
    _, tree = page(client, f"/articles/{seed.id}")
    assert tree.xpath("//h1")[0].text == seed.meta.title
    meta = dict(
        zip(
            tree.xpath('//dl[@class="meta"]/dt/text()'),
            tree.xpath('//dl[@class="meta"]/dd'),
            strict=True,
        )
    )
    assert meta["Author"].text_content() == "Ogungbayi Beedee Adeyemi"
    assert meta["Published"].text_content() == "2026-01-15"
    text = tree.xpath('//article[@id="article-text"]')[0]
    assert [p.text_content() for p in text.xpath("./p")] == re.split(r"\n[ \t]*\n\s*", seed.text)
    assert not text.xpath(".//span//span"), "segments never nest"
    flags = tree.xpath('//li[contains(@class, "card-flag")]')
    assert len(flags) == len(seed.flags) == 2
    assert [flag.xpath(".//dd")[1].text for flag in flags] == [flag.message for flag in seed.flags]
    sourcing = dict(
        (row.xpath("./td")[0].text, int(row.xpath("./td")[1].text))
        for row in tree.xpath('//table[@class="sourcing"]/tbody/tr')
    )
    assert sourcing == {
        "in the article's own voice": seed.sourcing.unsourced,
        **{
            label: seed.sourcing.by_type[kind]
            for kind, label in (
                ("anonymous", "anonymous"),
                ("document", "document"),
                ("media", "media"),
                ("named_person", "named person"),
            )
        },
    }
    (removed,) = tree.xpath("//details[@class='removed']")
    assert removed.get("open") is None
    assert len(removed.xpath(".//li")) == len(seed.removed)
    legend = [item.text_content() for item in tree.xpath('//section[@class="legend"]//li')]
    assert any(entry.startswith("Quote") and "(5)" in entry for entry in legend)


def test_article_url_is_a_link_only_for_web_addresses(client, records):
    readout = next(record for record in records if record.input.path == "usmx.jsonl.gz")
    _, tree = page(client, f"/articles/{readout.id}")
    assert tree.xpath('//dd[@class="url"]/a/@href') == [readout.input.url]
    assert web_link("https://example.org/a") == "https://example.org/a"
    assert web_link("javascript:window.__pwned=1") is None
    assert web_link(" JaVaScRiPt:alert(1)") is None
    assert web_link("data:text/html,<script>") is None
    assert web_link("http:/relative") is None


def test_missing_article_and_actor_are_404_pages(client):
    _, tree = page(client, "/articles/0123456789abcdef", 404)
    assert "No article with id" in tree.xpath('//p[@class="error-message"]')[0].text
    _, tree = page(client, "/actors/Nobody%20Named%20This", 404)
    assert "Nobody Named This" in tree.xpath('//p[@class="error-message"]')[0].text


# Events, timeline, actors, map, search


def test_events_filters_and_evidence_links(client, seed):
    _, tree = page(client, "/events?actor=USA&recipient=MEX&since=2026")
    rows = tree.xpath("//table[contains(@class, 'events')]/tbody/tr")
    types = {row.xpath("./td")[1].text_content() for row in rows}
    assert types == {"REQUEST", "THREATEN"}
    links = tree.xpath("//a[@class='evidence-link']/@href")
    assert links and all(link.startswith(f"/articles/{seed.id}#event-e") for link in links)
    event_ids = {link.split("#event-")[1] for link in links}
    assert event_ids <= {event.id for event in seed.events}
    _, reports = page(client, "/events?view=reports&source_type=anonymous")
    (row,) = reports.xpath("//table[contains(@class, 'events')]/tbody/tr")
    assert row.xpath("./td")[1].text_content() == "REQUEST"
    assert "anonymous" in row.xpath("./td")[6].text_content()
    _, sinaloa = page(client, "/events?place=Sinaloa&type=threaten")
    (row,) = sinaloa.xpath("//table[contains(@class, 'events')]/tbody/tr")
    assert row.xpath("./td")[4].text_content() == "Sinaloa"
    assert sinaloa.xpath('//select[@name="type"]/option[@selected]/@value') == ["THREATEN"]
    _, none = page(client, "/events?since=2030")
    assert "No events match" in none.text_content()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/events?since=2026-02&until=2026-01", "after until"),
        ("/events?since=2026-13", "not a date on the calendar"),
        ("/events?until=yesterday", "not an ISO date"),
        ("/events?type=BOMB", "is not one of"),
        ("/events?modality=certain", "is not one of"),
        ("/events?page=0", "page"),
        ("/timeline?a=USA&b=MEX&by=year", "is not one of"),
        ("/timeline?a=USA", "give both actors"),
        ("/actors?country=United", "three-letter code"),
        ("/map?since=2022&until=2021", "after until"),
    ],
)
def test_bad_filter_values_are_400_pages(client, url, words):
    response, tree = page(client, url, 400)
    assert words in tree.xpath('//p[@class="error-message"]')[0].text
    assert "content-security-policy" in response.headers


def test_timeline_page_charts_and_tables_the_usa_mex_events(client):
    _, tree = page(client, "/timeline?a=USA&b=MEX&by=month")
    rows = {
        row.xpath("./th")[0].text: [cell.text for cell in row.xpath("./td")]
        for row in tree.xpath("//table[@class='timeline']/tbody/tr")
    }
    assert next(iter(rows)).startswith("2021-") and list(rows)[-1] == "2026-01"
    assert "THREATEN" in rows["2026-01"][2] and float(rows["2026-01"][3]) < 0
    bars = chart_spec(tree, "events")
    assert bars["mark"]["type"] == "bar"
    values = bars["data"]["values"]
    january = {value["type"]: value["events"] for value in values if value["period"] == "2026-01"}
    assert january["THREATEN"] >= 1 and january["REQUEST"] >= 1
    assert sum(january.values()) == int(rows["2026-01"][0]) + int(rows["2026-01"][1])
    domain = bars["encoding"]["color"]["scale"]["domain"]
    scores = {name: kind.score for name, kind in load_lexicon().types.items()}
    assert [scores[name] for name in domain] == sorted(map(scores.get, domain), reverse=True)
    assert scores[domain[0]] > 0 > scores[domain[-1]], "cooperation first, conflict last"
    index = chart_spec(tree, "index")
    points = {value["period"]: value["index"] for value in index["data"]["values"]}
    assert list(points) == list(rows) and points["2026-01"] == float(rows["2026-01"][3])
    scripts = tree.xpath("//script/@src")
    assert "/static/vendor/vega.min.js" in scripts and "/static/js/charts.js" in scripts


def test_timeline_picker_lists_the_dyads(client):
    _, tree = page(client, "/timeline?since=2021&until=2021")
    links = tree.xpath("//div[@class='dyads']//a/@href")
    assert "/timeline?a=MEX&b=USA" in links
    assert not tree.xpath("//script[@src='/static/vendor/vega.min.js']"), "no chart, no Vega"


def test_actors_network_list_and_actor_page(client):
    _, tree = page(client, "/actors?since=2021&until=2026")
    network = chart_spec(tree, "network")
    nodes = {node["code"] for node in network["data"][0]["values"]}
    assert {"USA", "MEX"} <= nodes
    assert network["marks"][0]["transform"][0]["type"] == "force"
    names = tree.xpath("//table[contains(@class, 'stack')]/tbody/tr/td[1]/a/text()")
    assert "Claudia Sheinbaum" in names
    _, usa = page(client, "/actors?country=usa")
    assert set(
        usa.xpath("//table[contains(@class, 'stack')]/tbody/tr/td[@data-label='Country']/text()")
    ) == {"USA"}
    _, actor = page(client, "/actors/Alicia%20B%C3%A1rcena")
    assert actor.xpath("//h1")[0].text == "Alicia Bárcena"
    quotes = actor.xpath("//ol[@class='results']/li/blockquote/text()")
    assert any("sovereign nation" in quote for quote in quotes)


def test_map_page_shades_countries_and_lists_places(client):
    _, tree = page(client, "/map")
    spec = chart_spec(tree, "map")
    countries_layer, points_layer = spec["layer"]
    assert countries_layer["data"]["url"] == "/map/countries.json"
    counts = {
        row["country"]: row["events"]
        for row in countries_layer["transform"][0]["from"]["data"]["values"]
    }
    assert counts["MEX"] >= 1
    assert any(point["name"] == "Sinaloa" for point in points_layer["data"]["values"])
    table = tree.xpath("//section[@aria-labelledby='map-countries']//tbody/tr/td[2]/text()")
    assert sum(map(int, table)) == sum(counts.values())
    outlines = client.get("/map/countries.json").json()
    ids = {geometry["id"] for geometry in outlines["objects"]["countries"]["geometries"]}
    assert {"MEX", "USA", "XKX", "FJI"} <= ids


def test_country_outlines_use_alpha3_codes():
    geometries = country_outlines()["objects"]["countries"]["geometries"]
    named = {geometry["properties"]["name"]: geometry["id"] for geometry in geometries}
    assert named["Mexico"] == "MEX" and named["Kosovo"] == "XKX" and named["Fiji"] == "FJI"
    assert named["Somaliland"] is None


def test_search_finds_articles_and_quotes(client, seed):
    _, tree = page(client, "/search?q=sovereign+nation")
    quotes = tree.xpath("//section[@aria-labelledby='found-quotes']//li")
    assert quotes and "Alicia Bárcena" in quotes[0].text_content()
    assert quotes[0].xpath(".//a/@href")[-1].startswith(f"/articles/{seed.id}#quote-q")
    articles = tree.xpath("//section[@aria-labelledby='found-articles']//li/a/@href")
    assert f"/articles/{seed.id}" in articles
    _, empty = page(client, "/search")
    assert not empty.xpath("//section")


def test_home_pages_through_the_articles(client, records):
    _, tree = page(client, "/")
    titles = tree.xpath("//table[contains(@class, 'stack')]/tbody/tr/td[1]/a/text()")
    assert len(titles) == len(records)
    assert titles[0] == records[0].meta.title, "newest published first"
    _, past = page(client, "/?page=2")
    assert "No articles on page 2" in past.text_content()
    assert not past.xpath("//table")


# Every page: its JSON twin, its headers, its scripts and assets


@pytest.mark.parametrize("url", PAGES)
def test_every_page_links_its_json_twin(client, url):
    _, tree = page(client, url)
    (twin,) = tree.xpath("//link[@rel='alternate'][@type='application/json']/@href")
    assert twin.startswith("/api/")
    assert tree.xpath(f"//a[@class='json-twin'][@href='{twin}']")
    response = client.get(twin)
    assert response.status_code == 200, (twin, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")


def test_article_json_twin_is_the_record(client, seed):
    _, tree = page(client, f"/articles/{seed.id}")
    (twin,) = tree.xpath("//link[@rel='alternate']/@href")
    assert client.get(twin).json()["id"] == seed.id


@pytest.mark.parametrize("url", PAGES)
def test_pages_carry_security_headers_and_no_inline_script(client, url):
    response, tree = page(client, url)
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in response.headers["content-security-policy"]
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    for script in tree.xpath("//script"):
        assert script.get("src") or script.get("type") == "application/json"
    handlers = [
        (element.tag, name)
        for element in tree.iter()
        for name in element.attrib
        if isinstance(element.tag, str) and name.lower().startswith("on")
    ]
    assert handlers == []


def test_no_asset_comes_from_elsewhere(client, seed):
    assets = set()
    for url in (*PAGES, f"/articles/{seed.id}"):
        _, tree = page(client, url)
        assets |= set(tree.xpath("//script/@src | //link/@href | //img/@src | //iframe/@src"))
        assert not tree.xpath("//link[@rel='stylesheet'][not(starts-with(@href, '/static/'))]")
    assert assets, "the pages load assets"
    for asset in assets:
        parts = urlsplit(asset)
        assert not parts.scheme and not parts.netloc, asset
        if asset.startswith("/static/"):
            response = client.get(asset)
            assert response.status_code == 200, asset
    css = client.get("/static/style.css").text
    assert "@import" not in css and not re.search(r"url\(\s*['\"]?(https?:)?//", css)
    for script in ("/static/js/marks.js", "/static/js/charts.js"):
        assert not re.search(r"https?://", client.get(script).text), script


def test_script_json_cannot_leave_its_script_element():
    payload = {"title": "</script><script>window.__pwned=1</script> & <!-- \u2028"}
    text = str(script_json(payload))
    assert not set(text) & {"<", ">", "&", "\u2028"}
    assert json.loads(text) == payload
