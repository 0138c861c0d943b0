"""The site a text came from, read off the page's own addresses (emails and links)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from .patterns import EMAIL

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')]+", re.IGNORECASE)
_ELSEWHERE = frozenset(
    """gmail.com yahoo.com hotmail.com outlook.com aol.com icloud.com protonmail.com
    facebook.com twitter.com x.com instagram.com youtube.com linkedin.com t.co bit.ly
    tiktok.com pinterest.com reddit.com whatsapp.com google.com apple.com wikipedia.org""".split()
)


def host_site(host: str | None) -> str | None:
    """``WWW.Example.com.`` → ``example.com``: the host name without a leading www."""
    host = (host or "").lower().strip(".")
    return host.removeprefix("www.") or None


def url_site(url: str | None) -> str | None:
    """The bare domain of ``url`` (scheme optional), or None when it has no host."""
    if not url:
        return None
    if "://" not in url:
        url = "http://" + url
    try:
        return host_site(urlsplit(url).hostname)
    except ValueError:
        return None


def site_from_text(text: str) -> str | None:
    """The domain the page's own emails and links name most often, ignoring mail and social hosts."""
    domains: Counter[str] = Counter()
    for email in EMAIL.findall(text):
        domains[host_site(email.rsplit("@", 1)[1])] += 1
    for url in _URL.findall(text):
        domains[url_site(url)] += 1
    for domain, _ in domains.most_common():
        if domain and domain not in _ELSEWHERE:
            return domain
    return None
