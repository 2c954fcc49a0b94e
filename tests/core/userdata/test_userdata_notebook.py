"""Bookmarks, lists, tags, notes, passages, search in my notes, and the trash."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from reading_room.core.errors import DocumentNotFound
from reading_room.core.userdata import DEFAULT_LIST, BadName, Notebook, NotFound, UserStore


@dataclass(frozen=True)
class View:
    """Shaped like core.library.DocumentView as far as the notebook reads it."""

    ref: str
    title: str = ""
    date_text: str = ""
    date_start: str | None = None
    collection_title: str = "FRUS 1918, Russia, Volume III"
    body: str = ""


D41 = View(
    "frus1918Russiav03/d41",
    "The Ambassador in Russia (Francis) to the Secretary of State",
    "Petrograd, May 16, 1917",
    "1917-05-16",
    body="Petrograd, May 16, 1917.\n\nMinister of Finance requests credit of one hundred "
    "million dollars for the purchase of supplies in the United States. FRANCIS",
)
D2 = View("frus1918Russiav03/d2", "Loan to Russia", "April 6, 1917", "1917-04-06")
D3 = View("frus1918Russiav03/d3", "Reply of the Treasury", "April 13, 1917", "1917-04-13")


@dataclass
class FakeLibrary:
    views: dict[str, Any] = field(default_factory=dict)

    def document(self, ref: str) -> Any:
        try:
            return self.views[ref]
        except KeyError:
            raise DocumentNotFound(ref) from None


# -- bookmarks ------------------------------------------------------------------------


def test_toggle_bookmark_keeps_a_snapshot_of_the_document(notebook: Notebook) -> None:
    assert notebook.toggle(D41) is True
    assert notebook.is_bookmarked(D41.ref)
    bookmark = notebook.get_bookmark(D41.ref)
    assert bookmark is not None
    assert bookmark.list_name == DEFAULT_LIST
    assert (bookmark.document.title, bookmark.document.date_text) == (D41.title, D41.date_text)
    assert notebook.toggle(D41.ref) is False
    assert not notebook.is_bookmarked(D41.ref)
    assert notebook.get_bookmark(D41.ref) is None


def test_lists_with_counts_move_and_refs_for_search(notebook: Notebook) -> None:
    notebook.toggle(D2, list_name="Loans")
    notebook.toggle(D3, list_name="Loans")
    notebook.toggle(D41)
    notebook.create_list("Empty")
    assert [(item.name, item.count) for item in notebook.lists()] == [
        (DEFAULT_LIST, 1),
        ("Empty", 0),
        ("Loans", 2),
    ]
    assert notebook.bookmarked_refs() == {D2.ref, D3.ref, D41.ref}
    assert notebook.bookmarked_refs("loans") == {D2.ref, D3.ref}  # names ignore case
    notebook.move(D3.ref, "Treasury")
    assert notebook.bookmarked_refs("Loans") == {D2.ref}
    assert [b.ref for b in notebook.bookmarks("Treasury")] == [D3.ref]
    # ordered by the documents' dates
    assert [b.ref for b in notebook.bookmarks()] == [D2.ref, D3.ref, D41.ref]
    with pytest.raises(NotFound, match="no bookmark list named 'Nope'"):
        notebook.bookmarked_refs("Nope")
    with pytest.raises(BadName):
        notebook.create_list("loans")
    with pytest.raises(BadName):
        notebook.create_list("   ")


def test_rename_and_delete_list(notebook: Notebook) -> None:
    notebook.toggle(D2, list_name="Loans")
    notebook.create_list("Other")
    with pytest.raises(BadName):
        notebook.rename_list("Loans", "other")
    assert notebook.rename_list("Loans", "Credits").count == 1
    assert notebook.delete_list("Credits") == 1
    assert "Credits" not in [item.name for item in notebook.lists()]
    assert not notebook.is_bookmarked(D2.ref)
    (item,) = notebook.trash()
    restored = notebook.restore(item.uid)
    assert restored.list_name == "Credits"  # type: ignore[union-attr]
    assert [(item.name, item.count) for item in notebook.lists()] == [("Credits", 1), ("Other", 0)]


def test_tags(notebook: Notebook) -> None:
    notebook.bookmark(D2, tags=["loan", " Treasury ", "LOAN"])
    notebook.bookmark(D41, tags=["loan"])
    assert notebook.get_bookmark(D2.ref).tags == ("loan", "Treasury")  # type: ignore[union-attr]
    assert notebook.tags() == (("loan", 2), ("Treasury", 1))
    assert [b.ref for b in notebook.bookmarks(tag="treasury")] == [D2.ref]
    notebook.set_tags(D2.ref, [])
    assert notebook.tags() == (("loan", 1),)
    with pytest.raises(BadName):
        notebook.set_tags(D41.ref, ["a;b"])
    with pytest.raises(NotFound):
        notebook.set_tags(D3.ref, ["x"])


# -- notes ----------------------------------------------------------------------------


def test_document_note_saves_as_you_type(notebook: Notebook) -> None:
    note = notebook.add_document_note(D41)
    assert note.text == "" and note.anchor is None and note.kind == "document"
    for text in ("C", "Cr", "Credit requested"):
        saved = notebook.update_note(note.uid, text)
    assert saved.text == "Credit requested"
    assert saved.updated_at >= note.updated_at
    unchanged = notebook.update_note(note.uid, "Credit requested")
    assert unchanged.updated_at == saved.updated_at
    assert notebook.note(note.uid).document.title == D41.title


def test_passage_note_takes_quote_and_context_from_the_document(notebook: Notebook) -> None:
    start = D41.body.index("one hundred million dollars")
    end = start + len("one hundred million dollars")
    note = notebook.add_passage_note(D41, "a large sum", start, end)
    assert note.anchor is not None
    assert note.anchor.quote == "one hundred million dollars"
    assert note.anchor.prefix.endswith("credit of ")
    assert note.anchor.suffix.startswith(" for the purchase")
    assert note.state == "exact"
    with pytest.raises(BadName):
        notebook.add_passage_note(D41, "nothing selected", 5, 5)
    with pytest.raises(BadName):
        notebook.add_passage_note(D41, "", start, end, quote="something else")
    with pytest.raises(BadName):
        notebook.add_passage_note(D41.ref, "no quote", start, end)


def test_passages_reattach_after_the_text_changed(notebook: Notebook) -> None:
    start = D41.body.index("purchase of supplies")
    moved = notebook.add_passage_note(D41, "moved", start, start + len("purchase of supplies"))
    start = D41.body.index("FRANCIS")
    gone = notebook.add_passage_note(D41, "gone", start, start + len("FRANCIS"))
    edited = replace(
        D41,
        title="The Ambassador in Russia (Francis) to the Secretary of State [corrected]",
        body="[Telegram.] " + D41.body.replace("FRANCIS", ""),
    )
    passages = {note.uid: note for note in notebook.passages(edited)}
    assert passages[moved.uid].state == "moved"
    anchor = passages[moved.uid].anchor
    assert anchor is not None
    assert edited.body[anchor.start : anchor.end] == "purchase of supplies"
    assert passages[gone.uid].state == "detached"  # kept, shown as detached
    assert passages[gone.uid].anchor.quote == "FRANCIS"  # type: ignore[union-attr]
    # the new offsets were kept: from now on the words are exactly there
    assert notebook.note(moved.uid).state == "exact"
    assert {n.state for n in notebook.passages(edited)} == {"exact", "detached"}
    # the snapshot follows the corrected title
    assert notebook.note(gone.uid).document.title.endswith("[corrected]")


def test_unchanged_text_is_not_searched_again(
    notebook: Notebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reading_room.core.userdata import notebook as module

    start = D41.body.index("FRANCIS")
    notebook.add_passage_note(D41, "gone later", start, start + len("FRANCIS"))
    edited = replace(D41, body=D41.body.replace("FRANCIS", ""))
    calls: list[str] = []
    real = module.reanchor

    def counting(body: str, anchor: Any) -> Any:
        calls.append(body)
        return real(body, anchor)

    monkeypatch.setattr(module, "reanchor", counting)
    assert [n.state for n in notebook.passages(D41)] == ["exact"]
    assert calls == []  # anchored in this very text when it was made
    for _ in range(3):
        assert [n.state for n in notebook.passages(edited)] == ["detached"]
    assert len(calls) == 1  # searched once, remembered for this text
    assert [n.state for n in notebook.passages(D41)] == ["exact"]
    assert len(calls) == 2


def test_missing_documents_and_reattach_counts(notebook: Notebook) -> None:
    start = D41.body.index("Minister")
    notebook.add_passage_note(D41, "x", start, start + len("Minister of Finance requests"))
    notebook.add_passage_note("gone/d1", "y", 0, 5, quote="Hello", prefix="", suffix=" world")
    notebook.toggle(D2)
    library = FakeLibrary({D41.ref: D41, D2.ref: D2})
    assert notebook.missing_refs(library) == {"gone/d1"}
    assert notebook.reattach(library) == {"exact": 1, "missing": 1}
    assert [n.ref for n in notebook.notes(ref="gone/d1")] == ["gone/d1"]  # never dropped


def test_notes_newest_first_and_filters(notebook: Notebook) -> None:
    notebook.toggle(D2, list_name="Loans")
    notebook.bookmark(D3, list_name="Loans", tags=["treasury"])
    first = notebook.add_document_note(D2, "Loan requested by Tereshchenko")
    second = notebook.add_document_note(D3, "Treasury answers")
    third = notebook.add_document_note(D41, "Credit of one hundred million")
    assert [n.uid for n in notebook.notes()] == [third.uid, second.uid, first.uid]
    assert [n.uid for n in notebook.notes(ref=D2.ref)] == [first.uid]
    assert [n.uid for n in notebook.notes(list_name="Loans")] == [second.uid, first.uid]
    assert [n.uid for n in notebook.notes(tag="Treasury")] == [second.uid]
    assert [n.uid for n in notebook.notes(limit=1, offset=1)] == [second.uid]
    assert notebook.count_notes(list_name="Loans") == 2
    assert notebook.noted_refs() == {D2.ref, D3.ref, D41.ref}


def test_search_in_my_notes_ignores_case_and_accents(notebook: Notebook) -> None:
    notebook.add_document_note(D2, "Rodríguez met the Minister — ÉMIGRÉ circles")
    notebook.add_document_note(D3, "Nothing about that.")
    start = D41.body.index("purchase")
    notebook.add_passage_note(D41, "see the quote", start, start + len("purchase of supplies"))
    notebook.add_document_note(D41, "100% sure_of it")
    assert [n.ref for n in notebook.search_notes("rodriguez")] == [D2.ref]
    assert [n.ref for n in notebook.search_notes("emigre MINISTER")] == [D2.ref]
    assert [n.ref for n in notebook.search_notes('"met the minister"')] == [D2.ref]
    assert notebook.search_notes('"minister met"') == ()
    assert [n.ref for n in notebook.search_notes("SUPPLIES")] == [D41.ref]  # the quote too
    assert [n.text for n in notebook.search_notes("100%")] == ["100% sure_of it"]
    assert notebook.search_notes("%") != ()  # a literal percent, not a wildcard
    assert notebook.search_notes("_") != ()
    assert notebook.search_notes("x_y") == ()
    assert notebook.search_notes("   ") == ()


# -- trash ----------------------------------------------------------------------------


def test_trash_and_restore_notes_and_bookmarks(notebook: Notebook) -> None:
    note = notebook.add_document_note(D2, "To be deleted and restored")
    notebook.bookmark(D2, list_name="Loans", tags=["loan"])
    bookmark = notebook.get_bookmark(D2.ref)
    assert bookmark is not None
    notebook.delete(note.uid)
    notebook.unbookmark(D2.ref)
    assert notebook.notes() == () and notebook.bookmarks() == ()
    assert [(item.kind, item.label) for item in notebook.trash()] == [
        ("bookmark", D2.title),
        ("note", "To be deleted and restored"),
    ]
    with pytest.raises(NotFound, match="in the trash"):
        notebook.update_note(note.uid, "edit while in the trash")
    assert notebook.restore(note.uid).text == note.text  # type: ignore[union-attr]
    restored = notebook.restore(bookmark.uid)
    assert (restored.list_name, restored.tags) == ("Loans", ("loan",))  # type: ignore[union-attr]
    assert notebook.trash() == ()
    with pytest.raises(NotFound):
        notebook.restore(note.uid)


def test_restoring_a_bookmark_of_a_document_bookmarked_again_merges_them(
    notebook: Notebook,
) -> None:
    notebook.bookmark(D2, tags=["old"])
    old = notebook.get_bookmark(D2.ref)
    notebook.toggle(D2.ref)
    notebook.bookmark(D2, tags=["new"])
    merged = notebook.restore(old.uid)  # type: ignore[union-attr]
    assert merged.tags == ("new", "old")  # type: ignore[union-attr]
    assert len(notebook.bookmarks()) == 1 and notebook.trash() == ()


def test_empty_trash_deletes_for_good(notebook: Notebook) -> None:
    keep = notebook.add_document_note(D2, "keep")
    gone = notebook.add_document_note(D3, "gone")
    notebook.toggle(D3, list_name="Temporary")
    notebook.delete_note(gone.uid)
    notebook.delete_list("Temporary")
    assert notebook.empty_trash() == 2
    assert notebook.trash() == ()
    assert [n.uid for n in notebook.notes()] == [keep.uid]
    with pytest.raises(NotFound):
        notebook.restore(gone.uid)


def test_notebook_survives_reopening(store: UserStore) -> None:
    notebook = store.sign_in()
    note = notebook.add_document_note(D2, "durable")
    store.close()
    with UserStore() as again:
        assert again.sign_in().note(note.uid).text == "durable"
