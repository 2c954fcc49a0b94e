"""No string typed into the search box makes search() raise."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_corpus import fill

from reading_room.core.search import SearchIndex, SearchRequest
from reading_room.core.search.types import SORTS
from reading_room.core.store import Store

PIECES = st.sampled_from(
    [
        "OR",
        "AND",
        "NOT",
        '"',
        "“",
        "(",
        ")",
        "*",
        "~",
        "~2",
        "~9",
        "-",
        "+",
        ":",
        "title:",
        "person:",
        "ref:",
        "date:",
        "year:",
        "collection:",
        "foo:",
        "kennan",
        "Rodríguez",
        "Ленин",
        "long telegram",
        " ",
        "||",
        "\\",
        "/",
        "..",
        "1956-10",
        "\x00",
        "🙂",
        "e\u0301",
        "?",
        "[",
        "]",
        "{",
        "}",
        "^",
        "'",
    ]
)


@pytest.fixture(scope="module")
def any_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root: Path = tmp_path_factory.mktemp("any-query")
    store = Store(f"sqlite:///{root / 'c.sqlite3'}")
    fill(store)
    index = SearchIndex(root / "index")
    index.sync(store)
    yield index
    index.close()
    store.close()


@settings(
    max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(), st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=25).map("".join)
    ),
    sort=st.sampled_from(SORTS),
    page=st.integers(min_value=-3, max_value=40),
    size=st.integers(min_value=0, max_value=60),
)
def test_no_query_raises(
    any_index: SearchIndex, query: str, sort: str, page: int, size: int
) -> None:
    result = any_index.search(SearchRequest(query=query, sort=sort, page=page, page_size=size))
    assert 0 <= result.first <= result.last <= result.total
    assert len(result.hits) == (result.last - result.first + 1 if result.total else 0)
    assert all(isinstance(note, str) for note in result.ignored)
