"""A user database of its own for each test, in the test's installation folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reading_room.core.userdata import Notebook, UserStore


@pytest.fixture
def store() -> Iterator[UserStore]:
    user_store = UserStore()
    yield user_store
    user_store.close()


@pytest.fixture
def notebook(store: UserStore) -> Notebook:
    return store.sign_in()
