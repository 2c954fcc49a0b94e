"""What a search asks and answers: plain frozen dataclasses that cross into the UI."""

from __future__ import annotations

from dataclasses import dataclass, field

#: filter / facet fields, in the order the UI shows them
FACET_FIELDS = ("collection", "person", "place", "subject", "language", "type")
SORTS = ("relevance", "date", "-date", "title")
PAGE_SIZES = (10, 20, 50, 100)
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class SearchRequest:
    """One search: the query box, the filters, the order and the page wanted.

    ``date_from``/``date_to`` accept ``1956``, ``1956-10`` or ``1956-10-23``; a
    document matches when its own date range overlaps the filter's. Facet
    filters are tuples of values (several values of one field: any of them).
    ``refs`` limits the search to a set of documents (e.g. "my bookmarks").
    """

    query: str = ""
    date_from: str | None = None
    date_to: str | None = None
    collection: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    refs: frozenset[str] | None = None
    with_facets: bool = True
    with_snippets: bool = True

    def filters(self) -> dict[str, tuple[str, ...]]:
        return {name: getattr(self, name) for name in FACET_FIELDS if getattr(self, name)}

    @property
    def is_browse(self) -> bool:
        return not self.query.strip()


@dataclass(frozen=True)
class Hit:
    ref: str
    collection: str
    title: str
    date_text: str
    date_start: str | None
    date_end: str | None
    snippet: str  # HTML-safe: only <b>…</b> marks the matched words
    score: float = 0.0
    number: int = 0  # 1-based position in the whole result list


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class Page:
    """One page of results: "Results: 11 – 20 of 22"."""

    hits: tuple[Hit, ...]
    total: int
    page: int
    page_size: int
    first: int  # number of the first hit shown (0 when there are none)
    last: int
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    years: tuple[tuple[int, int], ...] = ()  # (year, hits) for a timeline
    ignored: tuple[str, ...] = ()  # what the lenient parser could not use, in words
    suggestion: str | None = None  # "did you mean" when nothing was found
    query: str = ""

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size)) if self.page_size else 1

    def header(self, dash: str = "–") -> str:
        if not self.total:
            return "No results"
        return f"Results: {self.first} {dash} {self.last} of {self.total}"
