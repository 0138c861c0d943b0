# Sourced by .ci/run: Debian's Chromium and ChromeDriver for the browser tests of the web pages
# (tests/test_web_browser.py), installed when missing; NEWSGRAPH_REQUIRE_BROWSER=1 makes a
# missing browser a test failure instead of a skip.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
export NEWSGRAPH_REQUIRE_BROWSER=1
