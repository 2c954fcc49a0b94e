"""Reading the stored documents ahead: every byte of every store file asked for, once, after
the first search; not at all when memory is short, nor once the index is closed."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from search_corpus import RECORDS

from reading_room.core.search import SearchIndex, SearchRequest
from reading_room.core.search import prefetch as prefetch_module
from reading_room.core.store import Store

pytestmark = pytest.mark.skipif(
    not prefetch_module.Prefetch.supported(), reason="the system cannot be asked to read ahead"
)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[int, int]]]:
    """What the operating system was asked to read, per file: (offset, length)."""
    calls: dict[str, list[tuple[int, int]]] = {}
    names: dict[int, str] = {}
    real_open = os.open

    def opened(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        fd = real_open(path, flags, *args)
        names[fd] = str(path)
        return fd

    def fadvise(fd: int, offset: int, length: int, advice: int) -> None:
        assert advice == os.POSIX_FADV_WILLNEED
        calls.setdefault(names[fd], []).append((offset, length))

    monkeypatch.setattr(prefetch_module.os, "open", opened)
    monkeypatch.setattr(prefetch_module, "_fadvise", fadvise)
    monkeypatch.setattr(prefetch_module, "STEP", 4096)  # the small test index: several steps
    return calls


def covered(calls: list[tuple[int, int]]) -> int:
    """Bytes from the start of the file asked for without a gap."""
    end = 0
    for offset, length in sorted(calls):
        if offset > end:
            break
        end = max(end, offset + length)
    return end


def wait(index: SearchIndex) -> None:
    for thread in index.prefetch.threads:
        thread.join(10)


def test_the_whole_store_is_read_once_after_the_first_search(
    index: SearchIndex, asked: dict[str, list[tuple[int, int]]]
) -> None:
    index.prefetch.delay = 0
    assert not asked  # nothing before anyone searched
    index.search(SearchRequest(query="kennan"))
    wait(index)
    stores = {str(p): p.stat().st_size for p in index._folder.glob("*.store")}  # type: ignore[union-attr]
    assert stores and set(asked) == set(stores)
    for path, size in stores.items():
        assert covered(asked[path]) >= size
    before = {path: list(calls) for path, calls in asked.items()}
    index.search(SearchRequest(query="moscow"))
    wait(index)
    assert asked == before  # read once, not at every search


def test_the_documents_of_an_import_are_read_ahead_too(
    index: SearchIndex, store: Store, asked: dict[str, list[tuple[int, int]]]
) -> None:
    index.prefetch.delay = 0
    index.search(SearchRequest(query="kennan"))
    wait(index)
    first = set(asked)
    store.upsert_documents([replace(RECORDS[0], ref="new-1")])
    index.sync(store)
    index.search(SearchRequest(query="kennan"))
    wait(index)
    stores = {str(p) for p in index._folder.glob("*.store")}  # type: ignore[union-attr]
    assert stores - first  # the new segment's store
    assert stores <= set(asked)


def test_nothing_is_read_when_memory_is_short(
    index: SearchIndex, asked: dict[str, list[tuple[int, int]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prefetch_module, "available_memory", lambda: 1024)
    index.prefetch.delay = 0
    index.search(SearchRequest(query="kennan"))
    wait(index)
    assert asked == {}


def test_closing_the_index_stops_the_reading(
    index: SearchIndex, asked: dict[str, list[tuple[int, int]]]
) -> None:
    index.prefetch.delay = 5  # still waiting when the index closes
    index.search(SearchRequest(query="kennan"))
    index.close()
    wait(index)
    assert asked == {}


def test_an_index_in_memory_has_nothing_to_read(
    tmp_path: Path, asked: dict[str, list[tuple[int, int]]]
) -> None:
    fresh = SearchIndex(tmp_path / "none")
    fresh.prefetch.delay = 0
    fresh.search(SearchRequest(query="kennan"))
    wait(fresh)
    assert asked == {} and fresh.prefetch.threads == []
