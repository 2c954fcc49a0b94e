"""Full-text search over the collection: a tantivy index derived from the store.

``SearchIndex`` opens, syncs and searches the index; ``find_matches`` gives the spans a query
matched in a text, for highlighting in the document view.
"""

from .highlight import find_matches
from .index import IndexState, SearchIndex
from .query import parse
from .types import FACET_FIELDS, FacetValue, Hit, Page, SearchRequest

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
