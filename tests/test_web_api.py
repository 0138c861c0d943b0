"""The HTTP API on a store of real articles (the reference article, a syndicated copy of it,
White House texts on U.S.-Mexico relations from 2021, Wikinews articles): every endpoint's
content, paging, the errors and their messages, writing with a token and the size limit, the
interactive docs served without a CDN, and the OpenAPI description checked by schemathesis."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import schemathesis
import uvicorn
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from newsgraph.cli import main
from newsgraph.ingest import read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore
from newsgraph.web import ServerSettings, create_app

TOKEN = "s3cret-token"
# Short 2021 readouts and statements on U.S.-Mexico relations, each with its own date.
USMX_2021 = (
    "Readout of President Joe Biden Call with President Andrés Manuel López Obrador",
    "U.S.-Mexico Joint Declaration",
    "U.S.- Mexico High-Level Security Dialogue",
)
WIKINEWS_STORED = 8


def _wikinews_lines(shared: Path) -> list[str]:
    with open(shared / "data/articles/wikinews/wikinews-2019.jsonl", encoding="utf-8") as lines:
        return [next(lines) for _ in range(WIKINEWS_STORED + 4)]


@pytest.fixture(scope="module")
def records(shared: Path, seed_text: str, tmp_path_factory) -> list[ArticleRecord]:
    folder = tmp_path_factory.mktemp("web-api-inputs")
    with gzip.open(shared / "data/articles/whitehouse/usmx.jsonl.gz", "rt") as lines:
        usmx = [
            line
            for line in lines
            if '"date": "2021' in line and json.loads(line)["title"].startswith(USMX_2021)
        ]
    inputs = folder / "inputs.jsonl"
    inputs.write_text("".join(usmx + _wikinews_lines(shared)[:WIKINEWS_STORED]), "utf-8")
    copy = folder / "copy.txt"
    copy.write_text("Republished with permission of ddnewsonline.com\n\n" + seed_text, "utf-8")
    seed = shared / "data/articles/seed/us-mexico-fentanyl-labs.txt"
    results = list(Pipeline().run(read_inputs([str(seed), str(copy), str(inputs)])))
    assert all(isinstance(result, ArticleRecord) for result in results), results
    return results


@pytest.fixture(scope="module")
def db(records: list[ArticleRecord], tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web-api") / "corpus.db"
    with ArticleStore(path) as store:
        for record in records:
            store.put(record)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(ServerSettings(db=str(db))))


@pytest.fixture(scope="module")
def seed_id(records: list[ArticleRecord]) -> str:
    return records[0].id


@pytest.fixture()
def writable(records: list[ArticleRecord], tmp_path: Path) -> tuple[TestClient, Path]:
    """A server with a token over a new store holding the reference article, and that store."""
    path = tmp_path / "writable.db"
    with ArticleStore(path) as store:
        store.put(records[0])
    settings = ServerSettings(db=str(path), token=TOKEN, max_request_bytes=64 * 1024)
    return TestClient(create_app(settings)), path


def _bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_article_is_the_record_newsgraph_show_prints(client: TestClient, db: Path, seed_id: str):
    answer = client.get(f"/api/articles/{seed_id}")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    shown = CliRunner().invoke(main, ["show", seed_id, "--json", "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert answer.json() == json.loads(shown.output)
    assert answer.json()["schema"] == "newsgraph.article/1"
    assert client.get(f"/api/articles/{seed_id[:6]}").json()["id"] == seed_id
    missing = client.get("/api/articles/abc123")
    assert missing.status_code == 404 and missing.json() == {"detail": "no article abc123"}


def test_brief_gives_the_quotes_sources_and_counts_of_the_reference_article(
    client: TestClient, seed_id: str
):
    brief = client.get(f"/api/articles/{seed_id}/brief").json()
    (barcena,) = [quote for quote in brief["quotes"] if quote["speaker"] == "Alicia Bárcena"]
    assert barcena["cue"] == "responded" and barcena["kind"] == "direct"
    assert barcena["text"].startswith("Mexico will never accept foreign troops")
    anonymous = {group["type"]: group["sources"] for group in brief["sources"]}["anonymous"]
    assert any("multiple senior American officials" in source for source in anonymous)
    assert (
        "KILL >70,000 overdose deaths · 2025 · United States · per preliminary CDC estimates"
        in [count["line"] for count in brief["counts"]]
    )
    lines = [event["line"] for event in brief["events"]]
    assert any(
        line.startswith("Mexico (MEX) —REJECT→")
        and "per Mexican Foreign Secretary Alicia Bárcena" in line
        for line in lines
    ), lines
    assert all(event["evidence"] for event in brief["events"])
    assert {flag["kind"] for flag in brief["flags"]} >= {"role_outdated", "date_inconsistent"}
    assert brief["sourcing"]["claims"] > 0
    assert client.get("/api/articles/abc123/brief").status_code == 404


def test_pages_of_a_listing_join_up_to_the_whole_listing(client: TestClient):
    whole = client.get("/api/articles", params={"limit": 100}).json()
    assert whole["next_offset"] is None and len(whole["items"]) == 13
    paged, offset = [], 0
    while offset is not None:
        page = client.get("/api/articles", params={"limit": 4, "offset": offset}).json()
        paged += page["items"]
        offset = page["next_offset"]
    assert paged == whole["items"]
    events = client.get("/api/events", params={"limit": 100}).json()["items"]
    second = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert second["items"] == events[3:6] and second["next_offset"] == 6


def test_events_are_filtered_as_the_command_line_filters_them(client: TestClient):
    pairs = client.get("/api/events", params={"actor": "USA", "recipient": "MEX"}).json()
    assert {row["type"] for row in pairs["items"]} >= {"REQUEST", "THREATEN"}
    assert all(row["reports"] >= 1 and row["corpus_event"] for row in pairs["items"])
    # The reference article and its syndicated copy tell the same events: counted once.
    copied = [row for row in pairs["items"] if row["type"] == "THREATEN"]
    assert copied and all(row["articles"] == 2 and row["stories"] == 1 for row in copied)
    reports = client.get(
        "/api/events", params={"source_type": "anonymous", "reports": "true"}
    ).json()["items"]
    assert {(row["type"], row["source_type"]) for row in reports} == {("REQUEST", "anonymous")}
    assert len(reports) == 2 and all(row["event_id"] for row in reports)
    one = reports[0]["corpus_event"]
    only = client.get("/api/events", params={"corpus_event": one}).json()["items"]
    assert [row["corpus_event"] for row in only] == [one]
    dated = client.get("/api/events", params={"since": "2021", "until": "2021-12"}).json()
    assert dated["items"] and all(row["date"].startswith("2021") for row in dated["items"])


def test_quotes_sources_counts_and_search(client: TestClient, seed_id: str):
    # The reference article and its syndicated copy quote her alike.
    quotes = client.get("/api/quotes", params={"speaker": "Bárcena"}).json()["items"]
    assert {quote["speaker"] for quote in quotes} == {"Alicia Bárcena"}
    assert seed_id in {quote["article_id"] for quote in quotes} and len(quotes) == 2
    words = client.get("/api/quotes", params={"search": "sovereign nation"}).json()["items"]
    assert [row["speaker"] for row in words] == ["Alicia Bárcena"] * 2
    anonymous = client.get("/api/sources", params={"type": "anonymous"}).json()["items"]
    assert any("multiple senior American officials" in row["text"] for row in anonymous)
    deaths = client.get("/api/counts", params={"type": "KILL", "place": "USA"}).json()["items"]
    assert (70000.0, ">", "overdose deaths") in {
        (row["value"], row["qualifier"], row["object"]) for row in deaths
    }
    found = client.get("/api/articles/search", params={"q": "foreign troops"}).json()["items"]
    assert seed_id in {row["article_id"] for row in found}
    assert all("[" in row["snippet"] for row in found)


def test_usa_mexico_timeline_by_month_with_its_sparkline(client: TestClient):
    answer = client.get(
        "/api/timeline", params={"a": "USA", "b": "MEX", "since": "2021", "until": "2021"}
    ).json()
    rows = answer["rows"]
    assert rows and all(row["period"].startswith("2021-") for row in rows)
    assert sum(row["a_to_b"] + row["b_to_a"] for row in rows) > 0
    assert len(answer["sparkline"]) == len(rows)
    assert answer["low"] == min(row["score"] for row in rows)
    weeks = client.get("/api/timeline", params={"a": "USA", "b": "MEX", "by": "week"}).json()
    assert weeks["by"] == "week" and all("-W" in row["period"] for row in weeks["rows"])
    nothing = client.get("/api/timeline", params={"a": "USA", "b": "ZZZ"}).json()
    assert nothing["rows"] == [] and nothing["sparkline"] == "" and nothing["low"] is None


def test_dyads_places_actors_and_the_network(client: TestClient):
    dyads = client.get("/api/dyads", params={"since": "2021", "until": "2021"}).json()
    assert dyads["start"] == "2021-01-01" and dyads["end"] == "2022-01-01"
    assert ("MEX", "USA") in {(row["first"], row["second"]) for row in dyads["most_cooperation"]}
    network = client.get("/api/actors/network", params={"since": "2021", "until": "2021"}).json()
    pairs = {(row["first"], row["second"]): row for row in network}
    cooperation = {(row["first"], row["second"]): row for row in dyads["most_cooperation"]}
    assert pairs[("MEX", "USA")]["events"] == cooperation[("MEX", "USA")]["events"]
    mexico = client.get("/api/places", params={"country": "MEX"}).json()["items"]
    assert "Sinaloa" in {row["name"] for row in mexico}
    assert all(row["country"] == "MEX" for row in mexico)
    countries = client.get("/api/places/countries").json()
    assert countries == sorted(countries, key=lambda row: (-row["events"], row["country"]))
    named = client.get("/api/actors", params={"name": "bárcena"}).json()["items"]
    assert [(row["name"], row["country"]) for row in named] == [("Alicia Bárcena", "MEX")]
    assert named[0]["quotes"] >= 1
    profile = client.get("/api/actors/Claudia Sheinbaum").json()
    assert profile["country"] == "MEX" and profile["articles"] == 2
    assert {"REJECT", "AGREE"} <= {event["type"] for event in profile["recent_events"]}
    missing = client.get("/api/actors/Nobody Atall")
    assert missing.status_code == 404 and missing.json() == {"detail": "no actor Nobody Atall"}


def test_stories_and_their_versions(client: TestClient, seed_id: str):
    (story,) = client.get("/api/stories", params={"min_versions": 2}).json()["items"]
    assert story["versions"] == 2 and story["article_id"] == seed_id
    by_number = client.get(f"/api/stories/{story['story']}").json()
    assert [version["article_id"] for version in by_number["versions"]][0] == seed_id
    assert client.get(f"/api/stories/{seed_id}").json() == by_number
    missing = client.get("/api/stories/99999")
    assert missing.status_code == 404 and missing.json() == {"detail": "no story 99999"}


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/events?since=2026&until=2025-12", 400, "since 2026 is after until 2025-12"),
        ("/api/counts?since=2021-03-02&until=2021-03-01", 400, "is after until"),
        ("/api/actors/network?since=2022&until=2021", 400, "since 2022 is after until 2021"),
        ("/api/events?since=2026-02-30", 400, "since 2026-02-30 is not a day of the calendar"),
        ("/api/dyads?until=0000", 422, "pattern"),
        ("/api/events?type=EXPLODE", 422, "AGREE"),
        ("/api/events?limit=0", 422, "greater than or equal to 1"),
        ("/api/places?country=Mexico", 422, "pattern"),
    ],
)
def test_bad_parameters_are_refused_with_a_message(
    client: TestClient, url: str, status: int, message: str
):
    answer = client.get(url)
    assert answer.status_code == status
    assert message in json.dumps(answer.json(), ensure_ascii=False)


def test_writing_needs_a_server_token_and_the_request_to_carry_it(
    client: TestClient, writable: tuple[TestClient, Path], seed_text: str
):
    headers = {"Content-Type": "text/plain"}
    read_only = client.post("/api/articles", content=seed_text, headers=headers)
    assert read_only.status_code == 403 and "read-only server" in read_only.json()["detail"]
    server, _ = writable
    missing = server.post("/api/articles", content=seed_text, headers=headers)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = server.post("/api/articles", content=seed_text, headers={**headers, **_bearer("guess")})
    assert wrong.status_code == 401 and "wrong token" in wrong.json()["detail"]


def test_a_body_over_the_limit_is_refused_by_length_or_while_read(
    writable: tuple[TestClient, Path],
):
    server, _ = writable
    headers = {"Content-Type": "text/plain", **_bearer()}
    declared = server.post("/api/articles", content=b"x" * (65 * 1024), headers=headers)
    assert declared.status_code == 413
    assert declared.json()["detail"] == "request body over the 64 KB size limit (65 KB)"
    assert _chunks_read_of_a_chunked_body(server.app, chunk=8192, chunks=100) == 9
    odd = server.post("/api/articles", content=b"{}", headers={**_bearer()})
    assert odd.status_code == 415 and "application/x-ndjson" in odd.json()["detail"]


def _chunks_read_of_a_chunked_body(app, chunk: int, chunks: int) -> int:
    """How many chunks of a body sent without a length the application reads before it
    answers 413 (checked as well), driven through ASGI, which hands it one chunk at a time."""
    read, sent = 0, []

    async def receive() -> dict:
        nonlocal read
        read += 1
        return {"type": "http.request", "body": b"y" * chunk, "more_body": read < chunks}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/articles",
        "raw_path": b"/api/articles",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"testserver"),
            (b"content-type", b"text/plain"),
            (b"transfer-encoding", b"chunked"),
            (b"authorization", f"Bearer {TOKEN}".encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))
    (start,) = [message for message in sent if message["type"] == "http.response.start"]
    body = b"".join(message.get("body", b"") for message in sent[1:])
    assert start["status"] == 413, body
    assert json.loads(body) == {"detail": "request body over the 64 KB size limit"}
    return read


def test_posted_text_is_stored_once_and_served(
    writable: tuple[TestClient, Path], shared: Path, seed_id: str
):
    server, _ = writable
    article = json.loads(_wikinews_lines(shared)[WIKINEWS_STORED])
    headers = {"Content-Type": "text/plain; charset=utf-8", **_bearer()}
    first = server.post(
        "/api/articles", params={"url": article["url"]}, content=article["text"], headers=headers
    )
    assert first.status_code == 201, first.text
    (stored,) = first.json()["records"]
    assert stored["outcome"] == "stored" and first.json()["stored"] == 1
    record = server.get(f"/api/articles/{stored['id']}").json()
    assert record["input"] == {
        "path": "POST /api/articles",
        "format": "text",
        "url": article["url"],
        "id": None,
        "line": None,
    }
    assert record["text"] and record["events"] is not None
    again = server.post("/api/articles", content=article["text"], headers=headers)
    assert again.status_code == 200
    assert again.json()["records"] == [
        {"line": None, "id": stored["id"], "outcome": "duplicate", "reason": None}
    ]
    seed = server.post(
        "/api/articles",
        content=(shared / "data/articles/seed/us-mexico-fentanyl-labs.txt").read_bytes(),
        headers=headers,
    )
    assert seed.json()["records"][0] == {
        "line": None,
        "id": seed_id,
        "outcome": "duplicate",
        "reason": None,
    }
    assert server.get("/api/articles").json()["items"].__len__() == 2


def test_json_lines_report_the_bad_line_and_store_the_rest(
    writable: tuple[TestClient, Path], shared: Path
):
    server, path = writable
    good = _wikinews_lines(shared)[WIKINEWS_STORED + 1 : WIKINEWS_STORED + 3]
    body = good[0] + '{"title": "no text at all"}\n' + good[1]
    answer = server.post(
        "/api/articles",
        content=body.encode(),
        headers={"Content-Type": "application/x-ndjson", **_bearer()},
    )
    assert answer.status_code == 201, answer.text
    report = answer.json()
    assert (report["stored"], report["duplicate"], report["failed"]) == (2, 0, 1)
    outcomes = [(row["line"], row["outcome"], row["reason"]) for row in report["records"]]
    assert outcomes == [
        (1, "stored", None),
        (2, "failed", "line has neither 'text' nor 'html'"),
        (3, "stored", None),
    ]
    with ArticleStore.open_readonly(path) as store:
        titles = {summary.title for summary in store.list()}
    assert {json.loads(line)["title"] for line in good} <= titles
    empty = server.post(
        "/api/articles", content=b"", headers={"Content-Type": "application/jsonl", **_bearer()}
    )
    assert empty.status_code == 400 and empty.json()["records"][0]["reason"] == "empty file"


def test_uvicorn_serves_request_after_request(db: Path, seed_id: str):
    """Through a real server, whose worker threads differ between a route's dependencies and
    the route: a store opened on one of them once failed on another."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(ServerSettings(db=str(db))), host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.05)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
            answers = [
                http.get(url)
                for url in ("/api/articles", f"/api/articles/{seed_id}", "/api/events") * 20
            ]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert [answer.status_code for answer in answers] == [200] * 60


def test_docs_are_served_from_the_package_without_a_cdn(client: TestClient):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/static/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "/api/openapi.json" in docs.text
    assert not re.search(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", docs.text), "an outside URL"
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "LICENSE"):
        assert client.get(f"/static/swagger-ui/{asset}").status_code == 200, asset


def test_assets_and_json_are_not_sniffed_and_big_assets_travel_compressed(client: TestClient):
    bundle = client.get(
        "/static/swagger-ui/swagger-ui-bundle.js", headers={"Accept-Encoding": "gzip"}
    )
    assert bundle.headers["content-encoding"] == "gzip"
    assert bundle.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/articles").headers["x-content-type-options"] == "nosniff"


def test_every_operation_is_described(client: TestClient):
    spec = client.get("/api/openapi.json").json()
    operations = [
        (path, method, operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 18
    for path, method, operation in operations:
        assert operation.get("summary") and operation.get("description"), (path, method)
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), (path, method, parameter["name"])
        assert "200" in operation["responses"] or "201" in operation["responses"]


# The schema is read at collection, before the store exists: the application is made then, and
# given its store by the fixture below (a request reads the store its application's settings
# name). schemathesis.pytest.from_fixture does not run under pytest 9.
SCHEMA_APP = create_app(ServerSettings(db="the store of the fixture below"))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", SCHEMA_APP).include(method="GET")


@pytest.fixture(scope="module")
def schema_app_store(db: Path) -> None:
    SCHEMA_APP.state.settings = ServerSettings(db=str(db))


@pytest.mark.usefixtures("schema_app_store")
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_get_operations_keep_to_their_schema(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
