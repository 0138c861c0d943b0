"""The web pages in a real headless Chromium against a real uvicorn server: the reference
article's marks opened by click and by keyboard, events clicked through to their evidence, the
timeline, network and map charts drawn under the Content-Security-Policy, phone width without
horizontal scrolling, a clean console, and articles carrying script, HTML and attribute-injection
payloads shown literally without running anything.

Skipped when Chromium or chromedriver is missing, unless NEWSGRAPH_REQUIRE_BROWSER=1 (then the
test fails: CI sets it). Screenshots go to NEWSGRAPH_SCREENSHOTS (default build/screenshots/)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from conftest import PROJECT_ROOT
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord, Place
from newsgraph.store import ArticleStore
from newsgraph.web import ServerSettings, create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
LAPTOP = (1280, 900)
PHONE = (375, 812)
WAIT_SECONDS = 10

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
ATTRIBUTE = '"><svg onload=window.__pwned=1>'
CLOSE_SCRIPT = "</script><script>window.__pwned=1</script>"
JAVASCRIPT_URL = "javascript:window.__pwned=1"

XSS_TEXT = f"""The United States threatened Mexico with new sanctions on Monday {SCRIPT}, according \
to officials speaking on condition of anonymity.

"We will never accept {IMAGE} foreign troops," said President Claudia Sheinbaum {ATTRIBUTE}.

Mexican Foreign Secretary Alicia Bárcena said {CLOSE_SCRIPT} the plan was a violation of \
sovereignty.
"""
XSS_TITLE = f"{ATTRIBUTE} {SCRIPT} Mexico rejects sanctions"
XSS_HTML = """<!doctype html><html><head><title>Mexico rejects U.S. plan</title>
<meta name="author" content="Jane &quot;&gt;&lt;svg onload=window.__pwned=1&gt; Doe">
<meta property="article:published_time" content="2026-01-21"></head>
<body><article><h1>&lt;script&gt;window.__pwned=1&lt;/script&gt; Mexico rejects U.S. plan</h1>
<p>Mexico rejected the United States plan on Tuesday, said President Claudia Sheinbaum, calling
it &lt;img src=x onerror=window.__pwned=1&gt; unacceptable.</p>
<p>"We are a sovereign nation &lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;,"
Sheinbaum said in Mexico City.</p>
<p>The United States has threatened tariffs against Mexico, according to two officials who spoke
on condition of anonymity.</p></article></body></html>"""


@pytest.fixture(scope="module", autouse=True)
def browser_present() -> None:
    """Skip the module (before building its store) when there is no browser to drive."""
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        message = f"no browser to test with: {', '.join(missing)} missing"
        if os.environ.get("NEWSGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (NEWSGRAPH_REQUIRE_BROWSER=1)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def screenshots() -> Path:
    folder = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS", PROJECT_ROOT / "build" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def stored(seed_text: str, tmp_path_factory) -> dict[str, ArticleRecord]:
    """The reference article and three articles carrying payloads: a text with them in its
    text, title and URL; an HTML page with them in its title, author and quotes (the pipeline
    keeps only the author's quotation mark); and a record a library caller puts as it is, with
    them where the pipeline would have cleaned them (authors, an actor's and a place's name)."""
    documents = [
        Document(raw=seed_text, kind="text", input_format="text", path="seed.txt"),
        Document(
            raw=XSS_TEXT,
            kind="text",
            input_format="text",
            path="xss.txt",
            title=XSS_TITLE,
            url=JAVASCRIPT_URL,
            date="2026-01-20",
        ),
        Document(
            raw=XSS_HTML,
            kind="html",
            input_format="html",
            path="xss.html",
            url="https://example.org/xss",
        ),
        Document(
            raw=XSS_TEXT.replace("Monday", "Friday"),
            kind="text",
            input_format="text",
            path="record.txt",
            title=f"Put as it is {SCRIPT}",
            date="2026-01-19",
        ),
    ]
    seed, text, page, base = Pipeline().run(documents)
    put_as_is = base.model_copy(
        update={
            "meta": base.meta.model_copy(update={"authors": [ATTRIBUTE, SCRIPT]}),
            "actors": [
                actor.model_copy(update={"name": IMAGE})
                if actor.name == "Alicia Bárcena"
                else actor
                for actor in base.actors
            ],
            "places": [
                *base.places,
                Place(id="p99", name=CLOSE_SCRIPT, type="city", country="MEX", lat=19.4, lon=-99.1),
            ],
        }
    )
    path = tmp_path_factory.mktemp("browser") / "browser.db"
    with ArticleStore(path) as store:
        for record in (seed, text, page, put_as_is):
            store.put(record)
    return {"db": path, "seed": seed, "text": text, "page": page, "as_is": put_as_is}


@pytest.fixture(scope="module")
def server(stored) -> Iterator[str]:
    import uvicorn

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    app = create_app(ServerSettings(db=str(stored["db"])))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(WAIT_SECONDS)
    listener.close()


@pytest.fixture(scope="module")
def driver(server, tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    browser.set_page_load_timeout(WAIT_SECONDS * 3)
    yield browser
    browser.quit()


def open_page(driver, server: str, path: str, size=LAPTOP):
    driver.set_window_size(*size)
    driver.get(server + path)
    driver.execute_script("return document.readyState")
    return driver


def wait_for(driver, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT_SECONDS).until(condition, what)


def shoot(driver, folder: Path, name: str) -> None:
    """A screenshot of the whole page, ``name.png``."""
    width = driver.execute_script("return window.innerWidth")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(max(width, PHONE[0]), min(height + 140, 6000))
    driver.save_screenshot(str(folder / f"{name}.png"))


def console_problems(driver, status: int = 200) -> list[str]:
    """JavaScript errors and Content-Security-Policy reports in the console since last read
    (with a page's own error ``status``, the console's line about that status is expected)."""
    expected = f"the server responded with a status of {status}"
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if (entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"])
        and not (status != 200 and expected in entry["message"])
    ]


def drawn_charts(driver, count: int) -> list:
    from selenium.webdriver.common.by import By

    wait_for(
        driver,
        lambda d: len(d.find_elements(By.CSS_SELECTOR, ".chart[data-drawn]")) == count,
        "charts drawn",
    )
    charts = driver.find_elements(By.CSS_SELECTOR, ".chart")
    assert [chart.get_attribute("data-drawn") for chart in charts] == ["true"] * count
    return charts


def marks_in(chart, selector: str) -> int:
    from selenium.webdriver.common.by import By

    return len(chart.find_elements(By.CSS_SELECTOR, f"svg {selector}"))


def card_text(driver) -> str:
    from selenium.webdriver.common.by import By

    card = driver.find_element(By.ID, "mark-card")
    wait_for(driver, lambda d: card.is_displayed(), "the mark's card shown")
    return card.text


def test_home_lists_the_articles(driver, server, screenshots):
    from selenium.webdriver.common.by import By

    open_page(driver, server, "/")
    titles = [link.text for link in driver.find_elements(By.CSS_SELECTOR, "tbody td:first-child a")]
    assert len(titles) == 4 and titles[-1].startswith("U.S. Escalates Pressure"), titles
    assert console_problems(driver) == []
    shoot(driver, screenshots, "home-laptop")


def test_barcena_quote_shows_its_speaker_when_clicked(driver, server, stored, screenshots):
    from selenium.webdriver.common.by import By

    seed = stored["seed"]
    quote_ = next(q for q in seed.quotes if q.speaker_text == "Alicia Bárcena")
    open_page(driver, server, f"/articles/{seed.id}")
    first = driver.find_element(By.CSS_SELECTOR, f'.seg[data-marks~="quote-{quote_.id}"][tabindex]')
    assert "m-quote" in first.get_attribute("class").split()
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", first)
    first.click()
    text = card_text(driver)
    assert "Speaker\nAlicia Bárcena (MEX GOV)" in text and "Cue\nresponded" in text
    anonymous = driver.find_element(By.CSS_SELECTOR, ".m-source-anonymous")
    assert anonymous.text.startswith("multiple senior American officials")
    style = driver.execute_script(
        "return getComputedStyle(arguments[0]).borderBottomStyle", anonymous
    )
    assert style == "dashed"
    anonymous.click()
    assert "Source: anonymous" in card_text(driver)
    assert "Reason for anonymity\ngiven" in card_text(driver)
    assert console_problems(driver) == []
    shoot(driver, screenshots, "article-laptop")


def test_marks_are_reached_with_tab_and_opened_with_enter(driver, server, stored, screenshots):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    seed = stored["seed"]
    quote_ = next(q for q in seed.quotes if q.speaker_text == "Alicia Bárcena")
    open_page(driver, server, f"/articles/{seed.id}")
    driver.find_element(By.TAG_NAME, "h1").click()
    stops = []
    for _ in range(150):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if "seg" in (active.get_attribute("class") or "").split():
            stops.append(active.get_attribute("data-marks").split())
            if f"quote-{quote_.id}" in stops[-1]:
                break
    else:
        pytest.fail(f"Tab never reached the quote; segments reached: {stops}")
    assert stops[0][0] == f"event-{seed.events[0].id}", "the first mark is the first stop"
    anonymous = next(s.id for s in seed.sources if s.type == "anonymous")
    assert any(f"source-{anonymous}" in stop for stop in stops), "a nested mark is a stop too"
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    active.send_keys(Keys.ESCAPE)
    assert not driver.find_element(By.ID, "mark-card").is_displayed()
    active.send_keys(Keys.ENTER)
    assert "Speaker\nAlicia Bárcena (MEX GOV)" in card_text(driver)
    shoot(driver, screenshots, "article-keyboard")


def test_events_click_through_to_the_evidence(driver, server, stored, screenshots):
    from selenium.webdriver.common.by import By

    seed = stored["seed"]
    open_page(driver, server, "/events?actor=USA&recipient=MEX&type=REQUEST")
    shoot(driver, screenshots, "events-laptop")
    link = driver.find_element(By.CSS_SELECTOR, f"a.evidence-link[href^='/articles/{seed.id}']")
    link.click()
    wait_for(driver, lambda d: "#event-" in d.current_url, "the article opened at the event")
    anchor = urlsplit(driver.current_url).fragment
    targets = driver.find_elements(By.CSS_SELECTOR, ".seg.is-target")
    assert targets and all(anchor in t.get_attribute("data-marks").split() for t in targets)
    assert "Event: REQUEST" in card_text(driver)
    in_view = driver.execute_script(
        "const box = arguments[0].getBoundingClientRect();"
        "return box.top >= 0 && box.bottom <= window.innerHeight;",
        targets[0],
    )
    assert in_view
    assert console_problems(driver) == []


def test_timeline_chart_is_drawn(driver, server, screenshots):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(driver, server, "/timeline?a=USA&b=MEX&since=2025")
    events, index = drawn_charts(driver, 2)
    assert marks_in(events, "g.mark-rect path") >= 1
    assert marks_in(index, "g.mark-line path") == 1
    bar = events.find_element(By.CSS_SELECTOR, "svg g.mark-rect path")
    ActionChains(driver).move_to_element(bar).perform()
    tooltip = wait_for(
        driver,
        lambda d: d.find_element(By.CSS_SELECTOR, "#vg-tooltip-element.visible"),
        "a bar's tooltip",
    )
    assert "2026-01" in tooltip.text and "events" in tooltip.text
    assert console_problems(driver) == []
    shoot(driver, screenshots, "timeline-laptop")


def test_map_and_network_are_drawn(driver, server, screenshots):
    open_page(driver, server, "/map")
    (world,) = drawn_charts(driver, 1)
    assert marks_in(world, "g.mark-shape path") > 150, "the country outlines"
    assert marks_in(world, "g.mark-symbol path") >= 1, "the places"
    assert console_problems(driver) == []
    shoot(driver, screenshots, "map-laptop")
    open_page(driver, server, "/actors?since=2026")
    (network,) = drawn_charts(driver, 1)
    assert marks_in(network, "g.mark-symbol path") >= 2
    assert console_problems(driver) == []
    shoot(driver, screenshots, "actors-laptop")


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/", "home"),
        ("ARTICLE", "article"),
        ("/events", "events"),
        ("/timeline?a=USA&b=MEX", "timeline"),
        ("/map", "map"),
        ("/actors?since=2026", "actors"),
        ("/search?q=sovereign", "search"),
    ],
)
def test_phone_width_needs_no_horizontal_scrolling(driver, server, stored, screenshots, path, name):
    open_page(driver, server, path.replace("ARTICLE", f"/articles/{stored['seed'].id}"), PHONE)
    if name in ("timeline", "map", "actors"):
        drawn_charts(driver, 2 if name == "timeline" else 1)
    widths = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == PHONE[0], widths
    assert console_problems(driver) == []
    shoot(driver, screenshots, f"{name}-phone")


def test_payloads_are_shown_as_text_and_never_run(driver, server, stored, screenshots):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    text, page, as_is = stored["text"], stored["page"], stored["as_is"]
    visits = {
        "/": [SCRIPT, ATTRIBUTE],
        f"/articles/{text.id}": [SCRIPT, IMAGE, ATTRIBUTE, CLOSE_SCRIPT, JAVASCRIPT_URL],
        f"/articles/{page.id}": [
            "<script>window.__pwned=1</script> Mexico rejects U.S. plan",
            "<img src=x onerror=window.__pwned=1>",
            CLOSE_SCRIPT,
            'Jane " Doe',
        ],
        f"/articles/{as_is.id}": [f"{ATTRIBUTE}, {SCRIPT}", IMAGE, CLOSE_SCRIPT],
        "/events?view=reports": [SCRIPT],
        "/search?q=pwned": [SCRIPT, ATTRIBUTE[1:]],
        "/actors": [IMAGE],
        f"/actors/{quote(IMAGE, safe='')}": [IMAGE],
        "/map?country=MEX": [CLOSE_SCRIPT],
        f"/timeline?a={quote(CLOSE_SCRIPT)}&b=MEX": [CLOSE_SCRIPT],
        f"/events?type={quote(SCRIPT)}": [SCRIPT],
    }
    for path, payloads in visits.items():
        open_page(driver, server, path)
        if path.startswith("/map"):
            drawn_charts(driver, 1)
        assert driver.execute_script("return typeof window.__pwned") == "undefined", path
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 (reading it is what raises)
        shown = driver.find_element(By.TAG_NAME, "body").text
        for payload in payloads:
            assert payload in shown, (path, payload)
        hrefs = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
        assert not [href for href in hrefs if href.lower().startswith("javascript:")], path
        injected = driver.find_elements(By.CSS_SELECTOR, "main img, main svg:not(.chart svg)")
        assert injected == [], path
        scripts = [
            element.get_attribute("src") or element.get_attribute("type")
            for element in driver.find_elements(By.TAG_NAME, "script")
        ]
        assert all(
            script == "application/json" or script.startswith(server + "/static/")
            for script in scripts
        ), (path, scripts)
        assert console_problems(driver, 400 if "type=" in path else 200) == [], path
    open_page(driver, server, f"/articles/{text.id}")
    shoot(driver, screenshots, "xss-article")
