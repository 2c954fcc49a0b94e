"""Profile B cannot see, search, export, change or delete profile A's notes by any path."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import text

from reading_room.core.errors import DocumentNotFound
from reading_room.core.exports import read_export, render
from reading_room.core.userdata import Notebook, NotFound, UserStore

SECRET = "Zinoviev secret plan"


@dataclass(frozen=True)
class View:
    ref: str
    title: str = "A document"
    date_text: str = ""
    date_start: str | None = None
    collection_title: str = ""
    body: str = "Lenin arrived. The Zinoviev secret plan was discussed at length. End."


A_DOC = View("frus/d1")


@pytest.fixture
def two(store: UserStore) -> dict[str, Any]:
    store.add_profile("A", "a-pass")
    store.add_profile("B")
    a = store.sign_in("A", "a-pass")
    a.bookmark(A_DOC, list_name="Secret list", tags=["secret-tag"])
    doc_note = a.add_document_note(A_DOC, f"{SECRET} (document note)")
    start = A_DOC.body.index("Zinoviev")
    passage = a.add_passage_note(A_DOC, f"{SECRET} (passage)", start, start + 20)
    trashed = a.add_document_note(A_DOC, f"{SECRET} (trashed)")
    a.delete(trashed.uid)
    bookmark = a.get_bookmark(A_DOC.ref)
    b = store.sign_in("B")
    b_note = b.add_document_note("other/d9", "B's own note")
    return {
        "a": a,
        "b": b,
        "a_uids": [doc_note.uid, passage.uid, trashed.uid, bookmark.uid],  # type: ignore[union-attr]
        "a_doc_note": doc_note.uid,
        "a_trashed": trashed.uid,
        "a_bookmark": bookmark.uid,  # type: ignore[union-attr]
        "b_note": b_note.uid,
    }


def _a_unchanged(two: dict[str, Any]) -> None:
    a: Notebook = two["a"]
    assert a.is_bookmarked(A_DOC.ref)
    assert a.get_bookmark(A_DOC.ref).tags == ("secret-tag",)  # type: ignore[union-attr]
    assert a.bookmarked_refs("Secret list") == {A_DOC.ref}
    assert {n.text for n in a.notes()} == {f"{SECRET} (document note)", f"{SECRET} (passage)"}
    assert [item.uid for item in a.trash()] == [two["a_trashed"]]


# Every public method of Notebook, and how B tries to reach A's data with it.
# A method added to Notebook must be added here (test_every_method_is_covered).
def _attempts(two: dict[str, Any]) -> dict[str, Any]:
    b: Notebook = two["b"]
    a_note, a_trashed, a_bookmark = two["a_doc_note"], two["a_trashed"], two["a_bookmark"]

    def raises(call: Any) -> None:
        with pytest.raises(NotFound):
            call()

    # reads first, while B has nothing on A's document; then every kind of write
    return {
        "profile": lambda: b.profile.name == "B",
        "name": lambda: b.name == "B",
        "is_bookmarked": lambda: b.is_bookmarked(A_DOC.ref) is False,
        "get_bookmark": lambda: b.get_bookmark(A_DOC.ref) is None,
        "bookmarks": lambda: b.bookmarks() == (),
        "bookmarked_refs": lambda: (
            b.bookmarked_refs() == frozenset()
            and raises(lambda: b.bookmarked_refs("Secret list")) is None
        ),
        "lists": lambda: b.lists() == (),
        "tags": lambda: b.tags() == (),
        "note": lambda: raises(lambda: b.note(a_note)) is None,
        "notes": lambda: (
            [n.uid for n in b.notes()] == [two["b_note"]]
            and b.notes(ref=A_DOC.ref) == ()
            and raises(lambda: b.notes(list_name="Secret list")) is None
            and b.notes(tag="secret-tag") == ()
        ),
        "count_notes": lambda: b.count_notes() == 1 and b.count_notes(query="Zinoviev") == 0,
        "search_notes": lambda: b.search_notes("Zinoviev") == () and b.search_notes("secret") == (),
        "noted_refs": lambda: b.noted_refs() == {"other/d9"},
        "passages": lambda: b.passages(A_DOC) == (),
        "trash": lambda: b.trash() == (),
        "export_data": lambda: (
            _no_secret(b.export_data())
            and raises(lambda: b.export_data(list_name="Secret list")) is None
            and b.export_data(refs=[A_DOC.ref]).notes == ()
            and b.export_data(note_uids=two["a_uids"]).notes == ()
        ),
        "reattach": lambda: b.reattach(_Library()) == {},
        "missing_refs": lambda: b.missing_refs(_Library()) == {"other/d9"},
        "update_note": lambda: raises(lambda: b.update_note(a_note, "overwritten by B")) is None,
        "delete": lambda: (
            raises(lambda: b.delete(a_note)) is None
            and raises(lambda: b.delete(a_bookmark)) is None
        ),
        "delete_note": lambda: raises(lambda: b.delete_note(a_note)) is None,
        "restore": lambda: raises(lambda: b.restore(a_trashed)) is None,
        "move": lambda: raises(lambda: b.move(A_DOC.ref, "Secret list")) is None,
        "set_tags": lambda: raises(lambda: b.set_tags(A_DOC.ref, ["t"])) is None,
        "rename_list": lambda: raises(lambda: b.rename_list("Secret list", "y")) is None,
        "delete_list": lambda: raises(lambda: b.delete_list("Secret list")) is None,
        "unbookmark": lambda: b.unbookmark(A_DOC.ref) is False,
        "empty_trash": lambda: b.empty_trash() == 0,
        "change_password": lambda: b.change_password(None, None).name == "B",
        "toggle": lambda: b.toggle(A_DOC.ref) is True and b.toggle(A_DOC.ref) is False,
        "bookmark": lambda: (
            b.bookmark(A_DOC, list_name="Secret list", tags=["x"]).uid != a_bookmark
        ),
        "create_list": lambda: b.create_list("Another").count == 0,
        "add_document_note": lambda: b.add_document_note(A_DOC.ref, "B writes").uid != a_note,
        "add_passage_note": lambda: b.add_passage_note(A_DOC, "B passage", 0, 5).uid != a_note,
        "merge": lambda: b.merge(two["a"].export_data()).notes_added == 2,
    }


class _Library:
    def document(self, ref: str) -> Any:
        if ref == A_DOC.ref:
            return A_DOC
        raise DocumentNotFound(ref)


def _no_secret(data: Any) -> bool:
    return SECRET not in repr(data) and "secret-tag" not in repr(data)


def _public_methods() -> list[str]:
    return [name for name in dir(Notebook) if not name.startswith("_")]


def test_every_method_is_covered(two: dict[str, Any]) -> None:
    assert sorted(_attempts(two)) == sorted(_public_methods())


def test_no_method_takes_a_profile() -> None:
    for name in _public_methods():
        member = inspect.getattr_static(Notebook, name)
        if isinstance(member, property):
            continue
        for parameter in inspect.signature(member).parameters:
            assert "profile" not in parameter.lower(), (name, parameter)
            assert parameter not in ("user", "user_id", "owner", "pid"), (name, parameter)


def test_profile_b_cannot_reach_a_by_any_method(two: dict[str, Any]) -> None:
    for name, attempt in _attempts(two).items():
        if name == "merge":
            continue  # importing A's export is B's own copy: tested below
        assert attempt(), name
        _a_unchanged(two)


def test_b_importing_an_export_of_a_gets_copies_and_a_is_untouched(
    two: dict[str, Any], store: UserStore
) -> None:
    b: Notebook = two["b"]
    report = b.merge(two["a"].export_data())
    assert (report.notes_added, report.bookmarks_added) == (2, 1)
    b_note = next(n for n in b.notes() if n.kind == "document" and SECRET in n.text)
    b.update_note(b_note.uid, "B changed its copy")
    b.empty_trash()
    b.delete_list("Secret list")
    b.empty_trash()
    _a_unchanged(two)
    assert two["a"].note(b_note.uid).text == f"{SECRET} (document note)"  # same uid, own row
    with store.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT count(*) FROM notes WHERE uid = :u"), {"u": b_note.uid}
        )
        assert rows.scalar() == 2


def test_exports_of_b_hold_nothing_of_a(two: dict[str, Any]) -> None:
    for fmt in ("md", "csv", "ris", "bibtex", "csl-json"):
        output, data, _ = render(two["b"], fmt)
        assert SECRET not in output and "secret-tag" not in output
        assert [n.uid for n in read_export(output, fmt).notes] == [two["b_note"]]
        assert _no_secret(data)


def test_removing_b_leaves_a(two: dict[str, Any], store: UserStore) -> None:
    store.remove_profile("B", delete_notes=True)
    _a_unchanged(two)
