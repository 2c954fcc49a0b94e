"""Full-text search over the collection: a tantivy index derived from the store.

``SearchIndex`` opens, syncs and searches the index; ``find_matches`` gives the spans a query
matched in a text, for highlighting in the document view.

The names below are imported when first used: a window that only needs ``types`` (the plain
dataclasses of a search) starts without loading the engine, the query parser and the
database layer, which its library then loads on a worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .highlight import find_matches
    from .index import IndexState, SearchIndex
    from .query import parse
    from .types import FACET_FIELDS, FacetValue, Hit, Page, SearchRequest

_WHERE = {
    "find_matches": ".highlight",
    "IndexState": ".index",
    "SearchIndex": ".index",
    "parse": ".query",
    "FACET_FIELDS": ".types",
    "FacetValue": ".types",
    "Hit": ".types",
    "Page": ".types",
    "SearchRequest": ".types",
}

__all__ = [
    "FACET_FIELDS",
    "FacetValue",
    "Hit",
    "IndexState",
    "Page",
    "SearchIndex",
    "SearchRequest",
    "find_matches",
    "parse",
]


__getattr__ = lazy_names(__name__, _WHERE)
