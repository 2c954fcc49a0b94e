"""One search over one searcher: the query and filters, a page of hits, facets, the timeline,
snippets and "did you mean".

Facets follow the usual rule of faceted search: each facet is counted over the query and every
filter except its own, so ticking "Kennan" under *person* still shows the other persons (to
add with OR) while *place* narrows to Kennan's places. Likewise the year histogram ignores the
date filter, so the timeline shows where the chosen years sit. Without any filter every count
is simply over the hits.

The year histogram counts a document under every year its date covers (a report of 1918–1919
counts in both), so a bar always equals the hits a date filter on that year would give.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

import tantivy

from ..dates import parse_filter_bound
from . import facets as facets_module
from .analysis import WORD, edit_distance, quick_fold, words
from .frequent import FrequentWords, word_of, word_without
from .highlight import SNIPPET_SCAN, lead, lead_of
from .query import ParsedQuery, date_query, fields_for, parse, to_tantivy
from .schema import day_number, iso_day
from .snippets import Snippets
from .types import FACET_FIELDS, MAX_PAGE_SIZE, FacetValue, Hit, Page, SearchRequest

FACET_SIZE = facets_module.FACET_SIZE
SUGGEST_DOCS = 10
RELATED_CHARS = 20_000
_MUST = tantivy.Occur.Must

#: words too common to make two documents related
_STOP_TEXT = """
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself me more most my
myself no nor not now of off on once only or other our ours out over own same she should so some
such than that the their theirs them then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours
yourself shall upon said also may must mr sir
"""
STOP_WORDS = sorted(set(_STOP_TEXT.split()))


@dataclass
class Parts:
    """The pieces a search is made of, so facets can leave one of them out."""

    text: tantivy.Query | None  # None: everything
    date: tantivy.Query | None = None
    facets: dict[str, tantivy.Query] = field(default_factory=dict)
    refs: tantivy.Query | None = None

    def query(self, without: str | None = None) -> tantivy.Query:
        clauses = [q for q in (self.text, self.refs) if q is not None]
        if self.date is not None and without != "date":
            clauses.append(self.date)
        clauses += [q for name, q in self.facets.items() if name != without]
        if not clauses:
            return tantivy.Query.all_query()
        if len(clauses) == 1:
            return clauses[0]
        return tantivy.Query.boolean_query([(_MUST, q) for q in clauses])


def parts_of(schema: tantivy.Schema, request: SearchRequest, parsed: ParsedQuery) -> Parts:
    start = day_number(parse_filter_bound(request.date_from))
    end = day_number(parse_filter_bound(request.date_to, end=True))
    if start is not None and end is not None and start > end:  # given the wrong way round
        start = day_number(parse_filter_bound(request.date_to))
        end = day_number(parse_filter_bound(request.date_from, end=True))
    parts = Parts(None if parsed.matches_all else to_tantivy(schema, parsed.node))
    if start is not None or end is not None:
        parts.date = date_query(schema, start, end)
    for name, values in _filters(request).items():
        parts.facets[name] = tantivy.Query.term_set_query(schema, name, sorted(set(values)))
    if request.refs is not None:
        parts.refs = (
            tantivy.Query.term_set_query(schema, "ref", sorted(request.refs))
            if request.refs
            else tantivy.Query.empty_query()
        )
    return parts


def _filters(request: SearchRequest) -> dict[str, tuple[str, ...]]:
    """The facet filters, whatever iterable (or lone string) the caller gave for each."""
    return {
        name: (values,) if isinstance(values, str) else tuple(str(v) for v in values)
        for name, values in request.filters().items()
    }


def _order(request: SearchRequest, parsed: ParsedQuery) -> tuple[str | None, tantivy.Order]:
    """Relevance needs words to rank by; without any, results come in date order."""
    if request.sort == "-date":
        return "date", tantivy.Order.Desc
    if request.sort == "title":
        return "title_sort", tantivy.Order.Asc
    if request.sort == "relevance" and parsed.ranks:
        return None, tantivy.Order.Desc
    return "date", tantivy.Order.Asc


def run(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    request: SearchRequest,
    facet_cache: dict[Any, Any] | None = None,
    *,
    browse: facets_module.Browse | None = None,
    frequent: FrequentWords | None = None,
) -> Page:
    parsed = parse(request.query)
    parts = parts_of(schema, request, parsed)
    query = parts.query()
    size = min(max(int(request.page_size), 1), MAX_PAGE_SIZE)
    page = max(int(request.page), 1)
    order_field, order = _order(request, parsed)

    # the facets are counted on other threads while this one finds the page
    pending: facets_module.Pending | None = None
    key: Any = None
    cached: tuple[dict[str, tuple[FacetValue, ...]], tuple[tuple[int, int], ...]] | None = None
    if request.with_facets:
        key = (
            request.query,
            request.date_from,
            request.date_to,
            tuple(sorted(_filters(request).items())),
            None if request.refs is None else frozenset(request.refs),
        )
        cached = facet_cache.get(key) if facet_cache is not None else None
        if cached is None:
            browse = browse or facets_module.Browse()
            groups = _groups(searcher, parts, parsed, request, browse, frequent, schema)
            pending = facets_module.start(searcher, groups, browse, every=False)

    def fetch(page: int) -> tantivy.SearchResult:
        return searcher.search(
            query,
            limit=size,
            offset=(page - 1) * size,
            count=True,
            order_by_field=order_field,
            order=order,
        )

    result = fetch(page)
    total = result.count or 0  # type: ignore[attr-defined]
    if total and (page - 1) * size >= total:
        page = -(-total // size)
        result = fetch(page)
    if not total:
        page = 1
    offset = (page - 1) * size
    snippets = Snippets(searcher, schema, parsed) if request.with_snippets else None
    hits = tuple(
        _hit(searcher, address, offset + i + 1, key_ if order_field is None else 0.0, snippets)
        for i, (key_, address) in enumerate(result.hits)
    )
    facets: dict[str, tuple[FacetValue, ...]] = {}
    years: tuple[tuple[int, int], ...] = ()
    if pending is not None:
        cached = pending.result(total)
        if facet_cache is not None:
            if len(facet_cache) > 128:
                facet_cache.clear()
            facet_cache[key] = cached
    if cached is not None:
        facets, years = cached
    suggestion = _suggest(searcher, schema, request, parsed) if not total and parsed.ranks else None
    return Page(
        hits=hits,
        total=total,
        page=page,
        page_size=size,
        first=offset + 1 if hits else 0,
        last=offset + len(hits),
        facets=facets,
        years=years,
        ignored=parsed.ignored,
        suggestion=suggestion,
        query=request.query,
    )


def _groups(
    searcher: tantivy.Searcher,
    parts: Parts,
    parsed: ParsedQuery,
    request: SearchRequest,
    browse: facets_module.Browse | None = None,
    frequent: FrequentWords | None = None,
    schema: tantivy.Schema | None = None,
) -> list[facets_module.Group]:
    """The facets, grouped by the query each is counted over: without its own filter (the
    year histogram without the date filter), or the search itself.

    A group over one frequent word alone takes the counts kept for it (see ``frequent``);
    one over a frequent word without others (``washington -kennan``) takes them less the
    counts of the word with the others (``washington kennan``), when those are fewer hits."""
    word = word_of(parsed) if frequent else None
    without_others = word_without(parsed) if frequent and word is None else None
    names: dict[str | None, list[str]] = {}
    for name in FACET_FIELDS:
        names.setdefault(name if name in parts.facets else None, []).append(name)
    names.setdefault("date" if parts.date is not None else None, []).append(facets_module.YEARS)
    filters = _filters(request)
    groups = []
    for without, group_names in names.items():
        text_alone = (
            parts.refs is None
            and (parts.date is None or without == "date")
            and all(name == without for name in parts.facets)
        )
        estimate = facets_module.estimate(searcher, parsed, request, filters, without, browse)
        group = facets_module.Group(
            without=without,
            query=parts.query(without),
            names=group_names,
            estimate=estimate,
            matches_all=text_alone and parts.text is None,
            costly=facets_module.costly(parsed),
        )
        if text_alone and frequent is not None and word is not None:
            group.known = frequent.get(word)
        elif text_alone and frequent is not None and without_others and schema is not None:
            base, others = without_others
            fewer = int(facets_module.share(searcher, others) * int(searcher.num_docs))
            known = frequent.get(base, every=True) if fewer < estimate else None
            if known is not None:
                group.known = known
                group.less = facets_module.Group(
                    without=without,
                    query=to_tantivy(schema, others),
                    names=group_names,
                    estimate=fewer,
                    matches_all=False,
                    costly=facets_module.costly(ParsedQuery(parsed.text, others)),
                )
        groups.append(group)
    return groups


def _hit(
    searcher: tantivy.Searcher,
    address: tantivy.DocAddress,
    number: int,
    score: float,
    snippets: Snippets | None,
) -> Hit:
    doc = searcher.doc(address)
    if snippets is None:
        snippet = ""
    elif snippets.match.empty:
        snippet = lead_of(
            {name: doc.get_first(name) or "" for name in ("summary", "body", "notes")}
        )
    else:
        snippet = snippets.of(doc)
    return Hit(
        ref=doc.get_first("ref") or "",
        collection=doc.get_first("collection") or "",
        title=doc.get_first("title") or "",
        date_text=doc.get_first("date_text") or "",
        date_start=iso_day(doc.get_first("start")),
        date_end=iso_day(doc.get_first("end")),
        snippet=snippet,
        score=float(score or 0.0),
        number=number,
    )


# -- did you mean ------------------------------------------------------------------------------
def _suggest(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    request: SearchRequest,
    parsed: ParsedQuery,
) -> str | None:
    """The query with each word the index has never seen replaced by the nearest word it has
    (fewest differences first, then the most common) — if that query finds something."""
    replacements: list[tuple[tuple[int, int], str]] = []
    for term in parsed.positive_terms():
        if term.kind != "word" or len(term.tokens) != 1 or term.field in ("ref", "date"):
            continue
        names = [name for name, _ in fields_for(term.field)]
        token = term.tokens[0]
        if any(searcher.doc_freq(name, token) for name in names):
            continue
        better = _closest(searcher, schema, names, token)
        if better:
            replacements.append((term.span, better))
    if not replacements:
        return None
    text = parsed.text
    for (start, end), word in sorted(replacements, reverse=True):
        text = text[:start] + word + text[end:]
    if text == parsed.text:
        return None
    suggested = replace(request, query=text)
    new_parsed = parse(text)
    found = searcher.search(parts_of(schema, suggested, new_parsed).query(), 1, count=True)
    count = found.count  # type: ignore[attr-defined]
    return text if count else None


def _closest(
    searcher: tantivy.Searcher, schema: tantivy.Schema, names: list[str], token: str
) -> str | None:
    """The indexed word nearest ``token``: tantivy finds documents holding a word within one
    (then two) differences, and their words are compared with it here."""
    letters = set(token)
    for distance in (1, 2):
        if distance == 2 and len(token) < 5:
            break
        query = tantivy.Query.boolean_query(
            [
                (
                    tantivy.Occur.Should,
                    tantivy.Query.fuzzy_term_query(schema, name, token, distance=distance),
                )
                for name in names
            ]
        )
        texts: list[tuple[str, str]] = []
        near: dict[str, int] = {}
        for _, address in searcher.search(query, SUGGEST_DOCS, count=False).hits:
            doc = searcher.doc(address)
            for name in names:
                text = " ".join(str(v) for v in doc.get_all(name))[:SNIPPET_SCAN]
                folded = quick_fold(text)
                if folded is None:
                    folded = " ".join(words(text))
                texts.append((text, folded))
                for word in set(WORD.findall(folded)) - near.keys():
                    if (
                        word != token
                        and abs(len(word) - len(token)) <= distance
                        and len(letters.symmetric_difference(word)) <= 2 * distance
                    ):
                        d = edit_distance(word, token, distance)
                        if d <= distance:
                            near[word] = d
        if near:
            best = min(
                near, key=lambda w: (near[w], -sum(searcher.doc_freq(n, w) for n in names), w)
            )
            return _surface(texts, best)
    return None


def _surface(texts: list[tuple[str, str]], word: str) -> str:
    """How ``word`` is written in the texts (``Kennan`` for ``kennan``), most often."""
    seen: Counter[str] = Counter()
    pattern = re.compile(r"(?<![^\W_])" + re.escape(word) + r"(?![^\W_])")
    for text, folded in texts:
        if len(text) == len(folded):
            seen.update(text[m.start() : m.end()] for m in pattern.finditer(folded))
    written = seen.most_common(1)[0][0] if seen else word
    return written if WORD.fullmatch(written) else word


# -- related documents -------------------------------------------------------------------------
def related(
    searcher: tantivy.Searcher, schema: tantivy.Schema, ref: str, limit: int
) -> tuple[Hit, ...]:
    """Documents that share the most telling words of this one's title, summary and text."""
    own = tantivy.Query.term_query(schema, "ref", ref)
    found = searcher.search(own, 1, count=False).hits
    if not found or limit < 1:
        return ()
    doc = searcher.doc(found[0][1])
    fields = {
        name: [value[:RELATED_CHARS]]
        for name in ("title", "summary", "body")
        if (value := doc.get_first(name) or "")
    }
    if not fields:
        return ()
    like = tantivy.Query.more_like_this_document_fields_query(
        schema,
        fields,
        min_doc_frequency=2,
        min_term_frequency=1,
        max_query_terms=30,
        min_word_length=3,
        stop_words=STOP_WORDS,
    )
    query = tantivy.Query.boolean_query([(_MUST, like), (tantivy.Occur.MustNot, own)])
    hits = []
    for number, (score, address) in enumerate(searcher.search(query, limit, count=False).hits, 1):
        other = searcher.doc(address)
        hits.append(
            Hit(
                ref=other.get_first("ref") or "",
                collection=other.get_first("collection") or "",
                title=other.get_first("title") or "",
                date_text=other.get_first("date_text") or "",
                date_start=iso_day(other.get_first("start")),
                date_end=iso_day(other.get_first("end")),
                snippet=lead(other.get_first("summary") or other.get_first("body") or ""),
                score=float(score),
                number=number,
            )
        )
    return tuple(hits)
