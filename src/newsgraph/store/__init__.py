"""The article store: SQLite by default, one writer, content-hash ids, migrations in order.

Other modules import from here: :class:`ArticleStore`, :class:`ArticleSummary`,
:class:`StoreOutcome`, :class:`StoreError` and :data:`SCHEMA_VERSION`.
"""

from newsgraph.store.errors import StoreError
from newsgraph.store.migrations import SCHEMA_VERSION
from newsgraph.store.models import ArticleSummary, StoreOutcome
from newsgraph.store.sqlite import ArticleStore

__all__ = ["SCHEMA_VERSION", "ArticleStore", "ArticleSummary", "StoreError", "StoreOutcome"]
