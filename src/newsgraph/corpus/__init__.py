"""The corpus across articles: story clusters of near-duplicate articles, and corpus events that
merge the reports of one real-world event, written as each article is stored."""

from .index import index_article, index_missing_articles

__all__ = ["index_article", "index_missing_articles"]
