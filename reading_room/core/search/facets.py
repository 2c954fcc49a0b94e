"""Facet counts and the year histogram: exact, from the index, on both cores.

Each facet is counted over the query and every filter except its own (see ``searching``), so a
search with filters has a few groups of facets, each over its own query. Two ways to count a
facet field over a group's hits, with the same exact answer:

- tantivy's terms aggregation reads the field's column for every hit: the cost grows with the
  hits (a common word at a million documents: 200,000 hits, tens of ms per field);
- the term dictionary: for every value, its documents among the hits
  (``terms_with_prefix(…, filter_query=…)``): the cost grows with the documents holding any
  value of the field, whatever the hits — cheaper for many hits, dearer for few.

Which one is chosen per field from an estimate of the group's hits (document frequencies of
the query's words, taken from the dictionary in microseconds), and the counting of the
fields runs on a small pool of threads (tantivy lets go of Python's lock while it counts),
while the calling thread searches for the page itself and makes its snippets.

What does not depend on the query is kept per searcher in ``Browse``: the facets of all
documents (the empty query, and every facet a filter leaves alone) and the fields whose one
value every document has (a collection in one language): those are counted once, until the
index changes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

import tantivy

from .query import And, DateSpan, Not, Or, ParsedQuery, Term, fields_for
from .types import FACET_FIELDS, FacetValue, SearchRequest

FACET_SIZE = 50
#: every value a segment holds takes part in the merge, so the counts are exact
SEGMENT_SIZE = 1 << 20
#: how many values of a facet a search asks for (the page shows ``FACET_SIZE``; the rest
#: tells whether values cut off tie with the last shown)
TOP = 2 * FACET_SIZE
#: … for this many hits (estimated) or more
TOP_FROM = 5_000
#: the year histogram is counted as the facet "years" (the words of ``year_key``)
YEARS = "years"
#: a field is counted from the term dictionary when the estimated hits reach this share of
#: the documents (below: by aggregation). Measured on a million FRUS-like documents
#: (benchmarks/RESULTS.md); fields not listed are always aggregated (one value per document,
#: few values: the column is cheaper).
DICTIONARY_SHARE = {"person": 0.10, "place": 0.20, "subject": 0.10, "collection": 0.40, YEARS: 0.15}
#: term dictionary field of each facet
DICTIONARY_FIELD = {YEARS: "year_key"}
#: above this many estimated hits a group's aggregations are split over the threads
SPLIT_AT = 20_000
THREADS = max(1, min(2, os.cpu_count() or 1))

Facets = dict[str, tuple[FacetValue, ...]]
Years = tuple[tuple[int, int], ...]
#: every value of each facet (and year, as text) with its count: what ``Pending`` gathers
Counts = dict[str, list[tuple[str, int]]]

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(THREADS, thread_name_prefix="reading-room-facets")
        return _pool


@dataclass
class Browse:
    """What one searcher's facets need that does not depend on the query, counted once."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    everything: tuple[Facets, Years] | None = None
    constant: dict[str, str | None] | None = None

    def all_documents(self, searcher: tantivy.Searcher) -> tuple[Facets, Years]:
        with self.lock:
            if self.everything is None:
                everything = tantivy.Query.all_query()
                tasks = {name: _dictionary_task(searcher, everything, name) for name in _NAMES}
                found = {name: task() for name, task in tasks.items()}
                self.everything = assemble(found)
            return self.everything

    def constant_value(self, searcher: tantivy.Searcher, name: str) -> str | None:
        """The value of ``name`` if every document holds it and no other, else None."""
        with self.lock:
            if self.constant is None:
                documents = int(searcher.num_docs)
                self.constant = {}
                everything = tantivy.Query.all_query()
                for facet in FACET_FIELDS:
                    values = searcher.terms_with_prefix(facet, "", filter_query=everything, limit=2)
                    single = len(values) == 1 and int(values[0][1]) == documents
                    self.constant[facet] = str(values[0][0]) if single and documents else None
            return self.constant.get(name)


_NAMES = (*FACET_FIELDS, YEARS)


@dataclass
class Group:
    """The facets counted over one query: the search without one of its filters (or none)."""

    without: str | None
    query: tantivy.Query
    names: list[str]
    estimate: int
    matches_all: bool
    #: the query is dear to evaluate (a phrase reads positions; a prefix, wildcard or fuzzy
    #: word many terms): each field counted from the dictionary would evaluate it again, so
    #: all are aggregated in one pass (two, on two threads, for many hits)
    costly: bool = False
    #: the counts already known (those of a frequent word alone, see ``frequent``)
    known: Counts | None = None
    #: with ``known``: the group's facets are the known ones less those of this group (a
    #: frequent word without some others: ``washington -kennan`` is ``washington`` less
    #: ``washington kennan``, fewer hits to count)
    less: Group | None = None


class Pending:
    """Facets being counted on the pool; ``result`` waits for them."""

    def __init__(
        self, parts: dict[str, Future[Any] | Callable[[], Any]], constant: dict[str, str]
    ) -> None:
        self._parts = parts
        self._constant = constant  # fields every hit holds one value of: counted by the total

        self._lock = threading.Lock()
        self._found: Counts | None = None

    def counts(self, total: int) -> Counts:
        """Every value of every field with its count (waiting for them); once."""
        with self._lock:
            if self._found is None:
                found: Counts = {}
                for name, part in self._parts.items():
                    value = part.result() if isinstance(part, Future) else part()
                    if isinstance(value, dict):  # an aggregation call answers for several fields
                        found.update(value)
                    else:
                        found[name] = value
                for name, value in self._constant.items():
                    found[name] = [(value, total)] if total else []
                self._found = found
            return self._found

    def result(self, total: int) -> tuple[Facets, Years]:
        return assemble(self.counts(total))


def start(
    searcher: tantivy.Searcher,
    groups: list[Group],
    browse: Browse,
    *,
    every: bool = True,
) -> Pending:
    """Start counting every group's facets; the caller searches meanwhile. Without ``every``
    an aggregated field may give only its first values, enough for ``result`` (the page
    shows them), not for ``counts``."""
    documents = max(1, int(searcher.num_docs))
    parts: dict[str, Future[Any] | Callable[[], Any]] = {}
    constant: dict[str, str] = {}
    for group in groups:
        if group.matches_all:  # counted once per searcher
            everything = browse.all_documents(searcher)
            for name in group.names:
                parts[name] = _known(everything, name)
            continue
        if group.known is not None:  # counted once per index state (``frequent``)
            known = group.known
            if group.less is None:
                for name in group.names:
                    parts[name] = _given(known, name)
                continue
            counted = [
                n for n in group.names if not _constant(searcher, browse, group, n, constant)
            ]
            less = start(searcher, [replace(group.less, names=counted)], browse)
            for name in counted:
                parts[name] = _less(known, name, less)
            continue
        aggregated: list[str] = []
        for name in group.names:
            if _constant(searcher, browse, group, name, constant):
                continue
            share = DICTIONARY_SHARE.get(name)
            if share is not None and not group.costly and group.estimate >= share * documents:
                parts[name] = pool().submit(_dictionary_task(searcher, group.query, name))
            else:
                aggregated.append(name)
        if not aggregated:
            continue
        halves = [aggregated]
        # for many hits of a query cheap to evaluate, the counting itself is the work: on
        # both threads; a dear query is better evaluated once
        if not group.costly and group.estimate >= SPLIT_AT and len(aggregated) > 1 and THREADS > 1:
            halves = [aggregated[0::2], aggregated[1::2]]
        # a few hits have few values, many of them tied (once or twice each): counting them
        # all is cheaper than counting again
        top = 0 if every or group.estimate < TOP_FROM else TOP
        for half in halves:
            key = "+".join(half) + f"@{group.without}"
            parts[key] = pool().submit(_aggregation_task(searcher, group.query, half, top=top))
    return Pending(parts, constant)


def _constant(
    searcher: tantivy.Searcher, browse: Browse, group: Group, name: str, constant: dict[str, str]
) -> bool:
    """Whether every hit of the group holds ``name``'s one value: its count is then the total
    (noted in ``constant``), nothing to count."""
    value = browse.constant_value(searcher, name) if name in FACET_FIELDS else None
    if value is None or group.without is not None:
        return False
    constant[name] = value
    return True


def _known(everything: tuple[Facets, Years], name: str) -> Callable[[], Any]:
    facets, years = everything

    def value() -> Any:
        if name == YEARS:
            return [(str(year), count) for year, count in years]
        return [(v.value, v.count) for v in facets.get(name, ())]

    return value


def _given(known: Counts, name: str) -> Callable[[], Any]:
    return lambda: known.get(name, [])


def _less(known: Counts, name: str, less: Pending) -> Callable[[], Any]:
    def value() -> list[tuple[str, int]]:
        counts = dict(known.get(name, ()))
        for key, n in less.counts(0).get(name, ()):
            counts[key] = counts.get(key, 0) - n
        return [(key, n) for key, n in counts.items() if n > 0]

    return value


def _dictionary_task(
    searcher: tantivy.Searcher, query: tantivy.Query, name: str
) -> Callable[[], list[tuple[str, int]]]:
    term_field = DICTIONARY_FIELD.get(name, name)

    def count() -> list[tuple[str, int]]:
        # every value with its count: the top 50 are cut here, with the same order for ties
        # whichever way the field was counted
        found = searcher.terms_with_prefix(term_field, "", filter_query=query)
        return [(str(value), int(n)) for value, n in found if n]

    return count


def _aggregation_task(
    searcher: tantivy.Searcher, query: tantivy.Query, names: list[str], *, top: int = 0
) -> Callable[[], dict[str, list[tuple[str, int]]]]:
    """Count ``names`` over the query's hits in one pass. With ``top``, a facet's most frequent
    ``top`` values (at least) rather than all: the ``FACET_SIZE`` shown are among them unless
    those cut off tie with the last shown, and then the field is counted again, whole."""
    asked = top or SEGMENT_SIZE

    def spec(name: str, size: int) -> dict[str, Any]:
        if name == YEARS:
            return {"histogram": {"field": "year", "interval": 1}}
        # every value a segment holds takes part in the merge, so the counts are exact
        return {"terms": {"field": name, "size": size, "segment_size": SEGMENT_SIZE}}

    def count() -> dict[str, list[tuple[str, int]]]:
        result = searcher.aggregate(query, {name: spec(name, asked) for name in names})
        out = {name: _buckets(name, result) for name in names}
        for name in names:
            values = out[name]
            cut = top and name != YEARS and len(values) >= asked  # (a histogram: every year)
            if cut and values[-1][1] >= values[FACET_SIZE - 1][1]:
                whole = searcher.aggregate(query, {name: spec(name, SEGMENT_SIZE)})
                out[name] = _buckets(name, whole)
        return out

    return count


def _buckets(name: str, result: Mapping[str, Any]) -> list[tuple[str, int]]:
    buckets = (result.get(name) or {}).get("buckets") or []
    if name == YEARS:
        return [(str(int(b["key"])), int(b["doc_count"])) for b in buckets if b.get("doc_count")]
    return [(str(b["key"]), int(b["doc_count"])) for b in buckets if b.get("doc_count")]


def assemble(found: Mapping[str, list[tuple[str, int]]]) -> tuple[Facets, Years]:
    """The facets as shown (the first ``FACET_SIZE`` of each, most frequent first) and the
    years, from every value's count."""
    facets: Facets = {}
    for name in FACET_FIELDS:
        values = _first(found.get(name) or (), FACET_SIZE)
        facets[name] = tuple(FacetValue(value, count) for value, count in values)
    years = tuple(sorted((int(year), count) for year, count in found.get(YEARS) or () if count))
    return facets, years


def _first(values: Sequence[tuple[str, int]], size: int) -> list[tuple[str, int]]:
    """The ``size`` most frequent values, ties in alphabetical order (case aside). A common
    word's person facet holds over a thousand values: only those as frequent as the
    ``size``-th are sorted."""
    if len(values) > size:
        counts = sorted((count for _, count in values), reverse=True)
        values = [kv for kv in values if kv[1] >= counts[size - 1]]
    return sorted(values, key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))[:size]


def costly(parsed: ParsedQuery) -> bool:
    """Whether evaluating the query reads positions or many terms (see ``Group.costly``)."""
    return any(
        (term.kind == "phrase" and len(term.tokens) > 1)
        or term.kind in ("prefix", "wildcard", "fuzzy")
        for term in parsed.positive_terms()
    )


def share(searcher: tantivy.Searcher, node: Any) -> float:
    """About which share of the documents ``node`` matches (see ``estimate``)."""
    return _node(searcher, node, max(1, int(searcher.num_docs)))


# -- how many hits, roughly --------------------------------------------------------------
def estimate(
    searcher: tantivy.Searcher,
    parsed: ParsedQuery,
    request: SearchRequest,
    filters: Mapping[str, tuple[str, ...]],
    without: str | None,
    browse: Browse | None = None,
) -> int:
    """About how many documents the search matches without the filter ``without``: enough to
    choose how to count, never an answer. Each word's share of the documents comes from the
    dictionary (microseconds); shares combine as if words were independent, damped halfway
    towards the rarest, because words of one text are not (AND), or add up (OR)."""
    documents = max(1, int(searcher.num_docs))
    share = 1.0 if parsed.node is None else _node(searcher, parsed.node, documents)
    for name, values in filters.items():
        if name != without:
            held = sum(_freq(searcher, name, value) for value in values)
            share = _both(share, held / documents)
    if (request.date_from or request.date_to) and without != "date":
        share = _both(share, _date_share(request, browse, documents))
    found = share * documents
    if request.refs is not None:
        found = min(found, len(request.refs))
    return int(found)


def _both(a: float, b: float) -> float:
    low, high = min(a, b), max(a, b)
    return low * high**0.5 if high > 0 else 0.0


def _date_share(request: SearchRequest, browse: Browse | None, documents: int) -> float:
    """The share of documents in the filter's years, from the timeline of all documents when
    it has been counted (else a guess)."""
    everything = browse.everything if browse is not None else None
    if everything is None:
        return 0.125
    years = everything[1]
    try:
        low = int(str(request.date_from or "0")[:4] or 0)
        high = int(str(request.date_to or "9999")[:4] or 9999)
    except ValueError:
        return 0.125
    low, high = min(low, high), max(low, high)
    return min(1.0, sum(count for year, count in years if low <= year <= high) / documents)


def _node(searcher: tantivy.Searcher, node: Any, documents: int) -> float:
    if isinstance(node, Term):
        return _term(searcher, node, documents)
    if isinstance(node, DateSpan):
        return 0.125
    if isinstance(node, Not):
        return max(0.0, 1.0 - _node(searcher, node.item, documents))
    if isinstance(node, And):
        shares = [_node(searcher, item, documents) for item in node.items]
        share = shares[0]
        for other in shares[1:]:
            share = _both(share, other)
        return share
    if isinstance(node, Or):
        return min(1.0, sum(_node(searcher, item, documents) for item in node.items))
    return 1.0


def _term(searcher: tantivy.Searcher, term: Term, documents: int) -> float:
    if term.kind == "prefix":
        return 0.25
    if term.kind in ("wildcard", "fuzzy"):
        return 0.05
    names = [name for name, _ in fields_for(term.field)]
    shares = [
        max((_freq(searcher, name, token) for name in names), default=0) / documents
        for token in term.tokens
    ]
    return min(shares) if shares else 0.0


def _freq(searcher: tantivy.Searcher, name: str, token: str) -> int:
    try:
        return int(searcher.doc_freq(name, token))
    except ValueError:
        return 0
