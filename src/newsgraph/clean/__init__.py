"""Cleaning: HTML pages through trafilatura, scraped text through newsgraph's boilerplate filter."""
