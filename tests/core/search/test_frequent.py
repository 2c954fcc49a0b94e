"""The facets kept for frequent words: the same exact counts as counting, for the word alone and
for the groups of a filtered search that are the word alone; never used once the index has
changed since they were counted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from search_corpus import RECORDS

from reading_room.core.search import SearchIndex, SearchRequest
from reading_room.core.search import frequent as frequent_module
from reading_room.core.store import Store


@pytest.fixture(autouse=True)
def small_collection_has_frequent_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test collection is small: every word in a fifth of its documents counts."""
    monkeypatch.setattr(frequent_module, "MINIMUM", 1)
    monkeypatch.setattr(frequent_module, "SHARE", 0.2)


def answer(index: SearchIndex, request: SearchRequest) -> tuple[object, ...]:
    index.forget_searches()
    page = index.search(request)
    return page.total, page.facets, page.years, [hit.ref for hit in page.hits]


def counted(index: SearchIndex, request: SearchRequest) -> tuple[object, ...]:
    """The answer with the kept facets out of the way."""
    kept = index._frequent
    index._frequent = frequent_module.FrequentWords(None, None)
    try:
        return answer(index, request)
    finally:
        index._frequent = kept


SEARCHES = [
    SearchRequest(query="dispatch"),
    SearchRequest(query="Dispatch"),  # the same word, as the box reads it
    SearchRequest(query="dispatch", person=("Summers, Maddin",)),
    SearchRequest(query="dispatch", date_from="1918-01-03", date_to="1918-01-09"),
    SearchRequest(query="dispatch", collection=("frus1918",), place=("Vologda",)),
    SearchRequest(query="dispatch", sort="date"),
    SearchRequest(query="grain"),
    # a frequent word without others: its counts less those of the word with them
    SearchRequest(query="dispatch -vologda"),
    SearchRequest(query="dispatch -summers"),
    SearchRequest(query="dispatch -summers -trotsky"),
    SearchRequest(query='dispatch -"routine dispatch 03"'),
    SearchRequest(query="dispatch -summers", person=("Francis, David R.",)),
    SearchRequest(query="dispatch -grai*", date_from="1918-01-03", date_to="1918-01-09"),
    SearchRequest(query="dispatch -dispatch"),
    SearchRequest(query="dispatch -zanzibar"),
]


def test_a_frequent_words_facets_are_read_not_counted_and_are_the_same(
    index: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "dispatch" in frequent_module.frequent_words(index._searcher)
    assert index._frequent.get("dispatch") is not None
    assert index._frequent.get("zanzibar") is None  # not frequent: counted as usual
    from reading_room.core.search import facets as facets_module

    taken_away: list[str] = []
    less = facets_module._less

    def spy(known: object, name: str, pending: object) -> object:
        taken_away.append(name)
        return less(known, name, pending)  # type: ignore[arg-type]

    monkeypatch.setattr(facets_module, "_less", spy)
    for request in SEARCHES:
        assert answer(index, request) == counted(index, request), request
    assert "person" in taken_away  # some searches were a word less others
    monkeypatch.undo()
    monkeypatch.setattr(frequent_module, "MINIMUM", 1)
    monkeypatch.setattr(frequent_module, "SHARE", 0.2)

    # and the kept ones are really what the search used: counting nothing still answers
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("counted although kept")

    monkeypatch.setattr(facets_module, "_aggregation_task", refuse)
    monkeypatch.setattr(facets_module, "_dictionary_task", refuse)
    page = index.search(SearchRequest(query="dispatch"))
    assert page.total == 22 and page.facets["person"]


def test_after_an_import_the_facets_count_the_new_documents(
    index: SearchIndex, store: Store
) -> None:
    before = answer(index, SearchRequest(query="dispatch"))
    new = replace(RECORDS[0], ref="frus1918/d-new", persons=("Someone, New",))
    store.upsert_documents([new])
    index.sync(store)
    after = answer(index, SearchRequest(query="dispatch"))
    assert after[0] == before[0] + 1
    persons = {value.value: value.count for value in after[1]["person"]}  # type: ignore[index]
    assert persons["Someone, New"] == 1
    assert after == counted(index, SearchRequest(query="dispatch"))


def test_facets_kept_for_another_state_of_the_index_are_not_used(
    index: SearchIndex, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = index._folder
    assert folder is not None and (folder / frequent_module.FILE).is_file()
    # a change whose counting never happened (a crash right after the commit)
    monkeypatch.setattr(SearchIndex, "count_frequent_words", lambda self: 0)
    store.upsert_documents([replace(RECORDS[0], ref="frus1918/d-new", persons=("Someone, New",))])
    index.sync(store)
    assert (folder / frequent_module.FILE).is_file()  # the old file is still there…
    assert not index._frequent  # … and not used
    page = index.search(SearchRequest(query="dispatch"))
    assert "Someone, New" in {value.value for value in page.facets["person"]}
    reopened = SearchIndex(index.path)
    assert not reopened._frequent
    reopened.close()


def test_a_small_collection_keeps_nothing(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(frequent_module, "MINIMUM", 10_000)
    index = SearchIndex(tmp_path / "small")
    index.sync(store)
    assert index._folder is not None and not (index._folder / frequent_module.FILE).exists()
    assert not index._frequent
    index.close()


def test_an_index_made_before_keeps_them_after_the_later_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search_corpus import fill

    from reading_room.core.library import Library

    url = f"sqlite:///{tmp_path / 'collections.sqlite3'}"
    with Library.open(url, load_sample=False) as library:
        fill(library.store)
        library.reindex()
        folder = library.index._folder
        assert folder is not None
        (folder / frequent_module.FILE).unlink()  # as an earlier version left it
    with Library.open(url, load_sample=False, check_later=True) as library:
        assert not library.index._frequent
        assert library.index.frequent_words_missing()
        assert library.check_index() is False  # nothing rebuilt…
        assert library.index._frequent.get("dispatch") is not None  # … the counts kept
        assert not library.index.frequent_words_missing()
