"""A profile with bookmarks, lists, tags, document notes and passage notes to export."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from export_fixtures import D2, D3, GONE, FakeLibrary

from reading_room.core.userdata import Notebook, UserStore


@pytest.fixture
def library() -> FakeLibrary:
    return FakeLibrary({D2.ref: D2, D3.ref: D3})


@pytest.fixture
def store() -> Iterator[UserStore]:
    user_store = UserStore()
    yield user_store
    user_store.close()


@pytest.fixture
def notebook(store: UserStore) -> Notebook:
    """Notes with the characters that break formats: braces, percent, quotes, --, newlines."""
    notebook = store.sign_in()
    notebook.bookmark(D2, list_name="Loans", tags=["loan", "Treasury & Finance"])
    notebook.bookmark(D3, list_name="Loans", tags=["loan"])
    notebook.bookmark(GONE, list_name="Withdrawn")
    notebook.create_list("Empty list")
    notebook.add_document_note(
        D2,
        "Half a *billion* dollars -- {unbalanced brace, 50% \\ of it}\n\n"
        '- a list item\n- "quoted" and <b>not html</b> -->\n\nРусский текст, Rodríguez.',
    )
    start = D2.body.index("highly appreciated")
    notebook.add_passage_note(
        D2, "=SUM(A1:A2) is not a formula here", start, start + len("highly appreciated")
    )
    start = D3.body.index("Congress will probably pass a bill")
    notebook.add_passage_note(
        D3, "'leading apostrophe", start, start + len("Congress will probably pass a bill")
    )
    notebook.add_document_note(GONE, "This document left the collection.")
    notebook.add_document_note("frus1918Russiav03/d7", "A note on an unbookmarked document.")
    trashed = notebook.add_document_note(D3, "in the trash, never exported")
    notebook.delete(trashed.uid)
    return notebook
