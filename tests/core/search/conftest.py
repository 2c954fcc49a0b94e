"""Fixtures of the search tests: a real Store filled with ``search_corpus`` and its index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from search_corpus import fill

from reading_room.core.search import SearchIndex
from reading_room.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'collection.sqlite3'}")
    fill(store)
    yield store
    store.close()


@pytest.fixture
def index(tmp_path: Path, store: Store) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path / "index")
    index.sync(store)
    yield index
    index.close()


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """One index for the read-only tests of a module."""
    root = tmp_path_factory.mktemp("search")
    store = Store(f"sqlite:///{root / 'collection.sqlite3'}")
    fill(store)
    index = SearchIndex(root / "index")
    index.sync(store)
    yield index
    index.close()
    store.close()
