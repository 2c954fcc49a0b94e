"""Searching the small collection: operators, fields, accents, filters, sorts, pages, facets,
snippets, suggestions and related documents."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from search_corpus import RECORDS, SPECIAL

from reading_room.core.errors import BadDate
from reading_room.core.search import SearchIndex, SearchRequest
from reading_room.core.search.schema import title_key

ROUTINE = {f"frus1918/d{n}" for n in range(1, 23)}
ALL = {r.ref for r in RECORDS}
DATED = {r.ref for r in RECORDS if r.date.start}


def found(index: SearchIndex, query: str = "", **filters) -> set[str]:
    page = index.search(SearchRequest(query=query, page_size=1000, **filters))
    assert page.total == len(page.hits)
    return {hit.ref for hit in page.hits}


def order(index: SearchIndex, query: str = "", **kwargs) -> list[str]:
    return [
        hit.ref for hit in index.search(SearchRequest(query=query, page_size=1000, **kwargs)).hits
    ]


# -- words and operators ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bolsheviki", {"frus1918Russiav03/d41"}),
        ("long telegram", {"frus1918Russiav03/d41", "essays/kennan"}),  # AND: both words
        ("telegram moscow", {"essays/kennan"}),
        ("telegram AND moscow", {"essays/kennan"}),
        ("havana OR moscow", {"essays/rodriguez", "essays/kennan"}),
        ("havana | moscow", {"essays/rodriguez", "essays/kennan"}),
        ("long NOT moscow", {"frus1918Russiav03/d41"}),
        ("long -moscow", {"frus1918Russiav03/d41"}),
        ('"long telegram" -moscow', {"frus1918Russiav03/d41"}),
        ('"telegram of the committee"', {"frus1918Russiav03/d41"}),
        ('"long dispute"', {"frus1918Russiav03/d41"}),
        ('"telegram long"', set()),
        ('"long continues"~5', {"frus1918Russiav03/d41"}),
        ('"long continues"', set()),
        ("bolshev*", {"frus1918Russiav03/d41"}),
        ("vologd*", ROUTINE),
        ('"long tele*"', {"frus1918Russiav03/d41", "essays/kennan"}),
        ("kenan~", {"essays/kennan"}),
        ("kenan", set()),
        ("hrvst~1", set()),  # two letters missing
        ("hrvst~2", {"essays/rodriguez", "albania/undated"}),
        ("harvets~", {"essays/rodriguez", "albania/undated"}),  # a swap counts once
        ("(havana OR moscow) containment", {"essays/kennan"}),
        ("havana OR moscow containment", {"essays/kennan"}),  # OR binds tighter
        ("NOT (havana OR moscow) cold", set()),
        ("-dispatch", ALL - ROUTINE),
        ("NOT dispatch", ALL - ROUTINE),
        (
            "-dispatch -letter -telegram",
            ALL - ROUTINE - {"albania/undated", "frus1918Russiav03/d41"} - {"essays/kennan"},
        ),
        ("sisson", {"frus1918Russiav03/d41"}),  # footnotes are searched
        ("rodr*guez", {"essays/rodriguez"}),
    ],
)
def test_operators(shared_index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(shared_index, query) == expected


def test_all_words_must_match(shared_index: SearchIndex) -> None:
    assert found(shared_index, "dispatch grain") == ROUTINE
    assert found(shared_index, "dispatch havana") == set()


# -- accents, case, scripts --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Rodriguez", {"essays/rodriguez"}),
        ("rodríguez", {"essays/rodriguez"}),
        ("RODRÍGUEZ", {"essays/rodriguez"}),
        ("eshte", {"albania/letter1"}),
        ("është", {"albania/letter1"}),
        ("letër", {"albania/letter1"}),
        ("leter", {"albania/letter1"}),
        ("Ленин", {"essays/lenin"}),
        ("ленин", {"essays/lenin"}),
        ("ЛЕНИНА", {"essays/lenin"}),
        ("Лен*", {"essays/lenin"}),
        ("person:ленин", {"essays/lenin"}),
    ],
)
def test_accents_case_and_cyrillic(
    shared_index: SearchIndex, query: str, expected: set[str]
) -> None:
    assert found(shared_index, query) == expected


def test_decomposed_accents_in_the_query(shared_index: SearchIndex) -> None:
    assert found(shared_index, "Rodri\u0301guez") == {"essays/rodriguez"}


# -- fields ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:memorandum", {"essays/kennan"}),
        ("title:kennan", {"essays/kennan"}),
        ("title:bolsheviki", set()),  # only in the body
        ('title:"secretary of state"', {"frus1918Russiav03/d41"}),
        ("title:(havana OR tirana)", {"essays/rodriguez", "albania/letter1"}),
        ("summary:sources", {"essays/kennan"}),
        ("body:smolny", {"frus1918Russiav03/d41"}),
        ("notes:decree", {"frus1918Russiav03/d41"}),
        ("person:kennan", {"essays/kennan"}),
        ("person:trotsky", {"frus1918Russiav03/d41"}),
        ('person:"Kennan, George F."', {"essays/kennan"}),
        ("Person:KENNAN", {"essays/kennan"}),
        ("person:rodriguez", {"essays/rodriguez"}),
        ("place:tirana", {"albania/letter1", "albania/undated"}),
        ("place:petrograd", {"frus1918Russiav03/d41"}),
        ("subject:containment", {"essays/kennan"}),
        ('subject:"cold war"', {"essays/kennan", "essays/rodriguez"}),
        ("collection:albania", {"albania/letter1", "albania/undated"}),
        ("collection:albanian", {"albania/letter1", "albania/undated"}),  # a word of its title
        ("collection:russia", ROUTINE | {"frus1918Russiav03/d41"}),
        ("type:letter", {"albania/letter1", "albania/undated"}),
        ("type:despatch", {f"frus1918/d{n}" for n in range(3, 23, 3)}),
        ("language:ru", {"essays/lenin"}),
        ("language:sq -type:letter", set()),
        ("ref:frus1918Russiav03/d41", {"frus1918Russiav03/d41"}),
        ("ref:frus1918/d2", {"frus1918/d2"}),
        ("ref:FRUS1918/D2", {"frus1918/d2"}),
        ("ref:essays/*", {r.ref for r in RECORDS if r.collection_id == "essays"}),
        ("frus1918Russiav03/d41", {"frus1918Russiav03/d41"}),
        ("date:1956", {"albania/letter1"}),
        ("year:1960..1961", {"essays/rodriguez"}),
        ("dispatch date:1918-01-05", {"frus1918/d5"}),
        ("person:kennan OR person:trotsky", {"essays/kennan", "frus1918Russiav03/d41"}),
        ("-person:francis dispatch", {f"frus1918/d{n}" for n in range(2, 23, 2)}),
    ],
)
def test_fields(shared_index: SearchIndex, query: str, expected: set[str]) -> None:
    assert found(shared_index, query) == expected


# -- leniency -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected", "message"),
    [
        ('"long telegram', {"frus1918Russiav03/d41", "essays/kennan"}, "unmatched quote"),
        ("havana OR", {"essays/rodriguez"}, "OR"),
        ("OR havana", {"essays/rodriguez"}, "OR"),
        ("havana NOT", {"essays/rodriguez"}, "NOT"),
        ("foo:havana", set(), "Unknown field 'foo:'"),
        ("havana ()", {"essays/rodriguez"}, "empty parentheses"),
        ("havana )", {"essays/rodriguez"}, "')'"),
        ("(havana", {"essays/rodriguez"}, "'('"),
        ("* havana", {"essays/rodriguez"}, "'*'"),
        ("title: havana", {"essays/rodriguez"}, "'title:'"),
        ("havana~7", {"essays/rodriguez"}, "2 differences"),
        ("date:someday havana", {"essays/rodriguez"}, "date"),
    ],
)
def test_lenient_parts_are_reported(
    shared_index: SearchIndex, query: str, expected: set[str], message: str
) -> None:
    page = shared_index.search(SearchRequest(query=query, page_size=100))
    assert {hit.ref for hit in page.hits} == expected
    assert any(message in note for note in page.ignored), page.ignored


def test_unknown_field_is_searched_as_words(shared_index: SearchIndex) -> None:
    assert found(shared_index, "grain:vologda") == ROUTINE


def test_lone_star_and_punctuation_browse_everything(shared_index: SearchIndex) -> None:
    assert found(shared_index, "*") == ALL
    assert found(shared_index, "— !!") == ALL
    assert found(shared_index, "   ") == ALL


# -- filters ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"date_from": "1956", "date_to": "1956"}, {"albania/letter1"}),
        ({"date_from": "1956-10-15", "date_to": "1956-10-15"}, {"albania/letter1"}),
        ({"date_from": "1956-11", "date_to": "1958"}, set()),
        ({"date_from": "1960", "date_to": "1960"}, {"essays/rodriguez"}),  # inside its range
        ({"date_from": "1962-12-31"}, {"essays/rodriguez", "essays/markup"}),
        ({"date_to": "1917-12"}, {"frus1918Russiav03/d41", "essays/lenin"}),
        ({"date_to": "1917-11-07"}, {"essays/lenin"}),
        ({"date_from": "1918-01-03", "date_to": "1918-01-04"}, {"frus1918/d3", "frus1918/d4"}),
        ({"date_from": "1000", "date_to": "2100"}, DATED),
        ({"date_from": "1956", "date_to": "1946"}, {"albania/letter1", "essays/kennan"}),  # swapped
        ({"collection": ("albania",)}, {"albania/letter1", "albania/undated"}),
        (
            {"collection": ("albania", "essays")},
            {r.ref for r in SPECIAL} - {"frus1918Russiav03/d41"},
        ),
        ({"person": ("Kennan, George F.",)}, {"essays/kennan"}),
        (
            {"person": ("Kennan, George F.", "Trotsky, Leon")},
            {"essays/kennan", "frus1918Russiav03/d41"},
        ),
        ({"place": ("Tirana",)}, {"albania/letter1", "albania/undated"}),
        ({"place": ("Tirana",), "date_from": "1900"}, {"albania/letter1"}),
        ({"subject": ("Cold War",)}, {"essays/kennan", "essays/rodriguez"}),
        ({"subject": ("Cold War",), "language": ("es",)}, {"essays/rodriguez"}),
        ({"language": ("sq", "ru")}, {"albania/letter1", "albania/undated", "essays/lenin"}),
        (
            {"type": ("despatch",), "person": ("Francis, David R.",)},
            {"frus1918/d3", "frus1918/d9", "frus1918/d15", "frus1918/d21"},
        ),
        ({"type": ("no such type",)}, set()),
        (
            {"refs": frozenset({"essays/kennan", "albania/letter1", "missing/ref"})},
            {"essays/kennan", "albania/letter1"},
        ),
        ({"refs": frozenset()}, set()),
    ],
)
def test_filters(shared_index: SearchIndex, filters: dict, expected: set[str]) -> None:
    assert found(shared_index, **filters) == expected


def test_filters_combine_with_the_query(shared_index: SearchIndex) -> None:
    assert found(shared_index, "dispatch", date_from="1918-01-20") == {
        "frus1918/d20",
        "frus1918/d21",
        "frus1918/d22",
    }
    assert found(shared_index, "long", refs=frozenset({"essays/kennan"})) == {"essays/kennan"}


def test_unreadable_filter_date_raises_bad_date(shared_index: SearchIndex) -> None:
    with pytest.raises(BadDate):
        shared_index.search(SearchRequest(date_from="sometime soon"))


# -- sorting ------------------------------------------------------------------------------------------
def by_date(refs: list[str]) -> list[str]:
    dates = {r.ref: (r.date.start, r.position) for r in RECORDS}
    return sorted(refs, key=lambda ref: dates[ref])


def test_browse_is_in_date_order_with_undated_last(shared_index: SearchIndex) -> None:
    refs = order(shared_index)
    assert refs[0] == "essays/lenin"
    assert refs[1] == "frus1918Russiav03/d41"
    assert refs[-1] == "albania/undated"
    assert refs[:-1] == by_date(list(DATED))
    assert order(shared_index, sort="relevance") == refs  # nothing to rank by


def test_date_descending_keeps_undated_last(shared_index: SearchIndex) -> None:
    refs = order(shared_index, sort="-date")
    assert refs[0] == "essays/markup"
    assert refs[1] == "essays/rodriguez"
    assert refs[-1] == "albania/undated"
    assert [r for r in refs if r.startswith("frus1918/")] == [
        f"frus1918/d{n}" for n in range(22, 0, -1)
    ]


def test_title_order(shared_index: SearchIndex) -> None:
    refs = order(shared_index, sort="title")
    titles = {r.ref: r.title for r in RECORDS}
    assert refs == sorted(refs, key=lambda ref: title_key(titles[ref]))
    assert refs[0] == "essays/rodriguez"  # "Conversations in Havana"
    assert refs.index("albania/letter1") < refs.index("essays/kennan")  # "Letër" sorts as "leter"
    assert refs[-1] == "essays/lenin"  # Cyrillic after Latin


def test_relevance_prefers_the_title(shared_index: SearchIndex) -> None:
    refs = order(shared_index, "kennan OR francis")
    assert refs[0] == "essays/kennan"  # in title, summary, body and persons
    hits = shared_index.search(SearchRequest(query="kennan OR francis", page_size=100)).hits
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].score > 0


def test_sort_by_date_with_a_query(shared_index: SearchIndex) -> None:
    assert order(shared_index, "long", sort="date") == ["frus1918Russiav03/d41", "essays/kennan"]
    assert order(shared_index, "long", sort="-date") == ["essays/kennan", "frus1918Russiav03/d41"]


def test_unknown_sort_falls_back(shared_index: SearchIndex) -> None:
    assert order(shared_index, sort="nonsense") == order(shared_index)


# -- pages ----------------------------------------------------------------------------------------
def page(index: SearchIndex, number: int, size: int, query: str = "dispatch"):
    return index.search(SearchRequest(query=query, page=number, page_size=size, sort="date"))


def test_pages_of_22(shared_index: SearchIndex) -> None:
    first, second, third = (page(shared_index, n, 10) for n in (1, 2, 3))
    assert first.header() == "Results: 1 – 10 of 22"
    assert (second.first, second.last, second.total, second.page) == (11, 20, 22, 2)
    assert second.header() == "Results: 11 – 20 of 22"
    assert third.header() == "Results: 21 – 22 of 22"
    assert len(third.hits) == 2 and third.page_count == 3
    assert [h.number for h in second.hits] == list(range(11, 21))
    refs = [h.ref for p in (first, second, third) for h in p.hits]
    assert refs == [f"frus1918/d{n}" for n in range(1, 23)]


def test_past_the_end_gives_the_last_page(shared_index: SearchIndex) -> None:
    past = page(shared_index, 99, 10)
    assert (past.page, past.first, past.last) == (3, 21, 22)
    assert [h.ref for h in past.hits] == ["frus1918/d21", "frus1918/d22"]


def test_exactly_full_last_page(shared_index: SearchIndex) -> None:
    last = page(shared_index, 2, 11)
    assert (last.page, last.first, last.last, len(last.hits)) == (2, 12, 22, 11)
    assert page(shared_index, 3, 11).page == 2


def test_one_per_page(shared_index: SearchIndex) -> None:
    third = page(shared_index, 3, 1)
    assert [h.ref for h in third.hits] == ["frus1918/d3"]
    assert (third.first, third.last, third.hits[0].number, third.page_count) == (3, 3, 3, 22)


def test_page_below_one_and_odd_sizes(shared_index: SearchIndex) -> None:
    assert page(shared_index, 0, 10).page == 1
    assert page(shared_index, -5, 10).first == 1
    assert len(page(shared_index, 1, 0).hits) == 1  # at least one per page


def test_no_hits(shared_index: SearchIndex) -> None:
    empty = page(shared_index, 4, 10, query="zanzibar")
    assert (empty.total, empty.first, empty.last, empty.page, empty.hits) == (0, 0, 0, 1, ())
    assert empty.header() == "No results"


# -- facets and the timeline -------------------------------------------------------------------
def counts(values) -> dict[str, int]:
    return {v.value: v.count for v in values}


def test_facets_of_everything_match_a_hand_count(shared_index: SearchIndex) -> None:
    facets = shared_index.search(SearchRequest()).facets
    assert counts(facets["collection"]) == {"frus1918": 23, "essays": 4, "albania": 2}
    assert counts(facets["collection"]) == Counter(r.collection_id for r in RECORDS)
    assert counts(facets["person"]) == Counter(p for r in RECORDS for p in r.persons)
    assert counts(facets["person"])["Francis, David R."] == 12  # 11 odd dispatches + d41
    places = Counter(p for r in RECORDS for p in set(r.places) | ({r.place} if r.place else set()))
    assert counts(facets["place"]) == places
    assert counts(facets["subject"]) == {"Cold War": 2, "Containment": 1, "Cuba": 1}
    assert counts(facets["language"]) == {"en": 25, "sq": 2, "es": 1, "ru": 1}
    assert counts(facets["type"]) == Counter(r.doc_type for r in RECORDS)
    assert [v.value for v in facets["collection"]] == ["frus1918", "essays", "albania"]


def test_years_count_every_year_a_document_covers(shared_index: SearchIndex) -> None:
    years = dict(shared_index.search(SearchRequest()).years)
    assert years == {
        1917: 2,
        1918: 22,
        1946: 1,
        1956: 1,
        1959: 1,
        1960: 1,
        1961: 1,
        1962: 1,
        1999: 1,
    }


def test_facets_follow_the_query(shared_index: SearchIndex) -> None:
    result = shared_index.search(SearchRequest(query="cold"))
    assert counts(result.facets["collection"]) == {"essays": 2}
    assert counts(result.facets["person"]) == {
        "Kennan, George F.": 1,
        "Rodríguez, Carlos Rafael": 1,
    }
    assert dict(result.years) == {1946: 1, 1959: 1, 1960: 1, 1961: 1, 1962: 1}


def test_a_facet_is_not_narrowed_by_its_own_filter(shared_index: SearchIndex) -> None:
    result = shared_index.search(SearchRequest(query="dispatch", person=("Summers, Maddin",)))
    assert result.total == 11
    # its own facet: as without the filter, so another person can be added
    assert counts(result.facets["person"]) == {"Francis, David R.": 11, "Summers, Maddin": 11}
    # every other facet: narrowed to the 11 hits
    assert counts(result.facets["type"]) == {"telegram": 8, "despatch": 3}  # d6, d12, d18
    assert counts(result.facets["collection"]) == {"frus1918": 11}


def test_the_timeline_ignores_the_date_filter_only(shared_index: SearchIndex) -> None:
    result = shared_index.search(
        SearchRequest(date_from="1956", date_to="1960", language=("es", "sq"))
    )
    assert {h.ref for h in result.hits} == {"albania/letter1", "essays/rodriguez"}
    assert dict(result.years) == {1956: 1, 1959: 1, 1960: 1, 1961: 1, 1962: 1}
    assert counts(result.facets["language"]) == {"es": 1, "sq": 1}  # narrowed by the dates


def test_without_facets(shared_index: SearchIndex) -> None:
    result = shared_index.search(SearchRequest(with_facets=False))
    assert result.facets == {} and result.years == ()


# -- snippets ------------------------------------------------------------------------------------
def only_bold_tags(snippet: str) -> bool:
    return "<" not in re.sub(r"</?b>", "", snippet) and ">" not in re.sub(r"</?b>", "", snippet)


def test_snippet_marks_the_matched_words(shared_index: SearchIndex) -> None:
    hit = shared_index.search(SearchRequest(query="smolny")).hits[0]
    assert "<b>Smolny</b>" in hit.snippet
    hit = shared_index.search(SearchRequest(query="rodriguez havana")).hits[0]
    assert "<b>Rodríguez</b>" in hit.snippet and "<b>Havana</b>" in hit.snippet
    hit = shared_index.search(SearchRequest(query='"long telegram"')).hits[0]
    assert "<b>long telegram</b>" in hit.snippet
    hit = shared_index.search(SearchRequest(query="bolshev*")).hits[0]
    assert "<b>Bolsheviki</b>" in hit.snippet


def test_snippets_are_html_safe(shared_index: SearchIndex) -> None:
    hit = shared_index.search(SearchRequest(query="beware")).hits[0]
    assert hit.ref == "essays/markup"
    assert "<b>Beware</b>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet and "<script" not in hit.snippet
    assert only_bold_tags(hit.snippet)
    hit = shared_index.search(SearchRequest(query="bold")).hits[0]
    assert hit.title == "On <b>bold</b> tags & other markup"  # the title is plain text
    assert only_bold_tags(hit.snippet)
    for hit in shared_index.search(SearchRequest(page_size=100)).hits:
        assert only_bold_tags(hit.snippet)


def test_snippet_falls_back_to_the_summary(shared_index: SearchIndex) -> None:
    hit = shared_index.search(SearchRequest(query="person:trotsky")).hits[0]
    assert hit.snippet == "The Bolsheviki hold Petrograd."
    hit = shared_index.search(SearchRequest(query="sources")).hits[0]
    assert hit.snippet == "Kennan explains the <b>sources</b> of Soviet conduct."


def test_snippet_of_a_long_text_is_short_and_centred(tmp_path, store) -> None:
    from reading_room.core.records import DocumentRecord

    filler = "Nothing of note happened on this day in the provinces. " * 40
    store.upsert_documents(
        [
            DocumentRecord(
                "essays/long", "essays", "Long", body=filler + "The treaty was signed. " + filler
            )
        ]
    )
    index = SearchIndex(tmp_path / "long-index")
    index.sync(store)
    hit = index.search(SearchRequest(query="treaty")).hits[0]
    assert "<b>treaty</b>" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert 150 <= len(re.sub(r"</?b>", "", hit.snippet)) <= 260
    index.close()


def test_browse_snippets_are_the_start_of_the_summary_or_body(shared_index: SearchIndex) -> None:
    hits = {h.ref: h for h in shared_index.search(SearchRequest(page_size=100)).hits}
    assert hits["essays/kennan"].snippet == "Kennan explains the sources of Soviet conduct."
    assert hits["albania/letter1"].snippet == "Kjo letër është shkruar në Tiranë gjatë vjeshtës."
    assert "<b>" not in "".join(h.snippet for h in hits.values())


def test_without_snippets(shared_index: SearchIndex) -> None:
    hits = shared_index.search(SearchRequest(query="dispatch", with_snippets=False)).hits
    assert hits and all(h.snippet == "" for h in hits)


def test_hit_fields(shared_index: SearchIndex) -> None:
    hit = shared_index.search(SearchRequest(query="ref:essays/rodriguez")).hits[0]
    assert (hit.ref, hit.collection, hit.title) == (
        "essays/rodriguez",
        "essays",
        "Conversations in Havana",
    )
    assert (hit.date_text, hit.date_start, hit.date_end) == (
        "1959–1962",
        "1959-01-01",
        "1962-12-31",
    )
    assert hit.number == 1
    undated = shared_index.search(SearchRequest(query="ref:albania/undated")).hits[0]
    assert (undated.date_start, undated.date_end, undated.date_text) == (None, None, "")


# -- did you mean ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("kenann", "Kennan"),
        ("Vologa", "Vologda"),
        ("smolnyy", "Smolny"),
        ("bolsheviky petrograd", "Bolsheviki petrograd"),
        ("person:trotzky", "person:Trotsky"),
        ("grain hravest", None),  # both known words, or nothing close that finds anything
        ("havana dispatch", None),  # every word is known: they just never meet
        ("qqqqzzzz", None),
    ],
)
def test_did_you_mean(shared_index: SearchIndex, query: str, suggestion: str | None) -> None:
    result = shared_index.search(SearchRequest(query=query))
    assert result.total == 0
    assert result.suggestion == suggestion
    if suggestion:
        assert shared_index.search(SearchRequest(query=suggestion)).total > 0


def test_no_suggestion_when_something_is_found(shared_index: SearchIndex) -> None:
    assert shared_index.search(SearchRequest(query="kennan")).suggestion is None


# -- related -------------------------------------------------------------------------------------
def test_related_documents(shared_index: SearchIndex) -> None:
    related = shared_index.related("frus1918/d7", limit=5)
    assert len(related) == 5
    assert all(h.ref in ROUTINE - {"frus1918/d7"} for h in related)
    assert [h.number for h in related] == [1, 2, 3, 4, 5]
    assert shared_index.related("no/such/ref") == ()
    kennan = {h.ref for h in shared_index.related("essays/kennan", limit=3)}
    assert "essays/kennan" not in kennan
    assert "frus1918Russiav03/d41" in kennan  # the other long telegram
