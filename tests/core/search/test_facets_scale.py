"""The facets at scale: both ways of counting give the same exact counts, the facets of all
documents are counted once per searcher, a whole-year date filter finds what the ranges find.

The small collection never reaches the sizes where the term dictionary is chosen, so each way
is forced here and compared with the other on the same searches."""

from __future__ import annotations

from pathlib import Path

import pytest
from search_corpus import RECORDS

from reading_room.core.records import CollectionRecord, DateRange, DocumentRecord
from reading_room.core.search import SearchIndex, SearchRequest
from reading_room.core.search import facets as facets_module
from reading_room.core.search.query import date_query
from reading_room.core.store import Store

SEARCHES = [
    SearchRequest(),
    SearchRequest(query="dispatch"),
    SearchRequest(query="cold"),
    SearchRequest(query='"long telegram"'),
    SearchRequest(query="bolshev*"),
    SearchRequest(query="kenan~"),
    SearchRequest(query="dispatch -grain"),
    SearchRequest(query="havana OR moscow"),
    SearchRequest(query="dispatch", person=("Summers, Maddin",)),
    SearchRequest(query="dispatch", date_from="1918-01-03", date_to="1918-01-09"),
    SearchRequest(date_from="1956", date_to="1960", language=("es", "sq")),
    SearchRequest(collection=("frus1918",), type=("telegram",)),
    SearchRequest(query="zanzibar"),
]


def _facets(index: SearchIndex, request: SearchRequest) -> tuple[int, object, object]:
    index.forget_searches()
    page = index.search(request)
    return page.total, page.facets, page.years


@pytest.mark.parametrize("request_", SEARCHES, ids=lambda r: repr(r.query or r.filters()))
def test_dictionary_and_aggregation_count_alike(
    shared_index: SearchIndex, request_: SearchRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = dict.fromkeys((*facets_module.DICTIONARY_SHARE, "type", "language"), 0.0)
    monkeypatch.setattr(facets_module, "DICTIONARY_SHARE", names)  # every field from the terms
    monkeypatch.setattr(facets_module, "costly", lambda parsed: False)
    from_terms = _facets(shared_index, request_)
    monkeypatch.setattr(facets_module, "DICTIONARY_SHARE", {})  # every field aggregated
    aggregated = _facets(shared_index, request_)
    monkeypatch.setattr(facets_module, "SPLIT_AT", 0)  # … on two threads
    split = _facets(shared_index, request_)
    assert from_terms == aggregated == split


def test_the_facets_of_everything_are_counted_once_per_searcher(
    index: SearchIndex, store: Store
) -> None:
    browse = index._browse
    assert browse.everything is None
    first = index.search(SearchRequest())
    counted = browse.everything
    assert counted is not None
    index.forget_searches()
    # a collection's browse counts its own facet over everything: the same numbers, kept
    again = index.search(SearchRequest(collection=("essays",)))
    assert browse.everything is counted
    assert again.facets["collection"] == first.facets["collection"]
    # the index changes: counted again
    store.upsert_documents([DocumentRecord("essays/new", "essays", "A new essay")])
    index.sync(store)
    assert index._browse.everything is None
    assert index.search(SearchRequest()).total == first.total + 1


def test_a_field_every_document_holds_once_is_counted_by_the_total(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'one.sqlite3'}")
    store.upsert_collection(CollectionRecord("c", "One language"))
    store.upsert_documents(
        [
            DocumentRecord(
                f"c/{n}", "c", f"Letter {n}", body="grain" if n % 3 else "bread", language="en"
            )
            for n in range(30)
        ]
    )
    index = SearchIndex(tmp_path / "index")
    index.sync(store)
    page = index.search(SearchRequest(query="grain"))
    assert page.total == 20
    assert [(v.value, v.count) for v in page.facets["language"]] == [("en", 20)]
    assert index._browse.constant_value(index._searcher, "language") == "en"
    assert index._browse.constant_value(index._searcher, "collection") == "c"
    assert index._browse.constant_value(index._searcher, "type") is None  # nobody has one
    index.close()
    store.close()


def test_a_search_shows_the_most_frequent_values_with_ties_in_alphabetical_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search asks the index for each facet's first values only, not all of them; the 50
    shown must be the same as when all are counted, ties in alphabetical order (case aside),
    even when values cut off tie with the last one shown."""
    size = facets_module.FACET_SIZE
    frequent = [f"Frequent {n:02}" for n in range(size - 10)]
    # more than the index is asked for, each named once: they tie at the last places shown
    once = [f"{'de ' if n % 3 == 0 else 'De ' if n % 3 == 1 else ''}Once {n:03}" for n in range(90)]
    documents = []
    for n in range(120):
        persons = [name for k, name in enumerate(frequent) if n < 100 - 2 * k]
        persons += once[n : n + 1]
        places = [f"Place {k:03}" for k in range(110) if n <= k]  # none tie
        documents.append(
            DocumentRecord(f"c/{n}", "c", f"Memo {n}", body="memo", persons=persons, places=places)
        )
    store = Store(f"sqlite:///{tmp_path / 'ties.sqlite3'}")
    store.upsert_collection(CollectionRecord("c", "Ties"))
    store.upsert_documents(documents)
    index = SearchIndex(tmp_path / "index")
    index.sync(store)
    monkeypatch.setattr(facets_module, "DICTIONARY_SHARE", {})  # every field aggregated
    monkeypatch.setattr(facets_module, "TOP_FROM", 0)  # … first values only, however few hits
    first = _facets(index, SearchRequest(query="memo"))
    monkeypatch.setattr(facets_module, "TOP", 0)  # … every value
    every = _facets(index, SearchRequest(query="memo"))
    assert first == every
    persons = [v.value for v in first[1]["person"]]  # type: ignore[index]
    assert persons[: len(frequent)] == frequent
    assert persons[len(frequent) :] == sorted(once, key=str.casefold)[: size - len(frequent)]
    places = [(v.value, v.count) for v in first[1]["place"]]  # type: ignore[index]
    assert places == [(f"Place {k:03}", k + 1) for k in range(109, 109 - size, -1)]
    index.close()
    store.close()


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [("1918", "1918"), ("1917", "1918"), ("1950", "1962"), ("1900", "1999"), ("1999", "1999")],
)
def test_whole_years_find_what_the_day_ranges_find(
    shared_index: SearchIndex, date_from: str, date_to: str
) -> None:
    low, high = int(date_from), int(date_to)
    by_years = date_query(shared_index._schema, low * 10000 + 101, high * 10000 + 1231)
    by_days = date_query(shared_index._schema, low * 10000 + 101, high * 10000 + 1230)
    searcher = shared_index._searcher

    def refs(query: object) -> set[str]:
        hits = searcher.search(query, 100).hits
        return {searcher.doc(address).get_first("ref") for _, address in hits}

    expected = {
        r.ref
        for r in RECORDS
        if r.date.start and r.date.start[:4] <= date_to and r.date.end[:4] >= date_from
    }
    assert refs(by_years) == expected
    # a day short of the year's end: the day ranges, overlapping as dates do
    last = f"{high}-12-30"
    assert refs(by_days) == {
        r.ref
        for r in RECORDS
        if r.date.start and r.date.start <= last and r.date.end >= f"{low}-01-01"
    }


def test_a_year_range_document_counts_in_every_year_it_covers(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'range.sqlite3'}")
    store.upsert_collection(CollectionRecord("c", "Ranges"))
    store.upsert_documents(
        [
            DocumentRecord(
                "c/a", "c", "A", date=DateRange("1937-1939", "1937-05-01", "1939-02-01")
            ),
            DocumentRecord("c/b", "c", "B", date=DateRange("1940", "1940-01-01", "1940-12-31")),
        ]
    )
    index = SearchIndex(tmp_path / "index")
    index.sync(store)
    assert {h.ref for h in index.search(SearchRequest(date_from="1938", date_to="1938")).hits} == {
        "c/a"
    }
    assert dict(index.search(SearchRequest()).years) == {1937: 1, 1938: 1, 1939: 1, 1940: 1}
    index.close()
    store.close()
