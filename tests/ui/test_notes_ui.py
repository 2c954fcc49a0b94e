"""Notes in the window: passages annotated in the text, the document note saved as typed,
the notes pane and its search, the main search box, the trash."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from test_main_window import type_query
from ui_fixture import open_document, ref, wait_user_idle

from reading_room.core.userdata import UserStore
from reading_room.ui import style
from reading_room.ui.doc_anchors import body_to_document
from reading_room.ui.doc_notes_panel import DocumentNotesModel, NoteEntry
from reading_room.ui.note_cards import WarningRole
from reading_room.ui.notes_model import NotesModel
from reading_room.ui.trash_pane import TrashModel

PHRASE = "discussed the treaty"


def select_words(pane: Any, phrase: str) -> tuple[int, int]:
    """Select ``phrase`` of the body in the text, as a mouse would; its body offsets."""
    body = pane.view.body
    start = body.index(phrase)
    span = body_to_document(pane._rendered.runs["body"], body, start, start + len(phrase))
    assert span is not None
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(cursor)
    return start, start + len(phrase)


def annotated_texts(pane: Any) -> list[str]:
    """The words painted as annotated passages (soft green) in the text."""
    green = style.annotation(pane.browser.palette())
    strong = style.annotation_current(pane.browser.palette())
    return [
        selection.cursor.selectedText()
        for selection in pane.browser.extraSelections()
        if selection.format.background().color() in (green, strong)
    ]


def click_words(qtbot: Any, pane: Any, phrase: str) -> None:
    body = pane.view.body
    start = body.index(phrase) + len(phrase) // 2
    position = body_to_document(pane._rendered.runs["body"], body, start, start + 1)
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(position[0])
    pane.browser.setTextCursor(cursor)  # nothing selected
    point = pane.browser.cursorRect(cursor).center()
    qtbot.mouseClick(pane.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_annotating_a_passage_highlights_it_and_clicking_it_shows_the_note(
    qtbot: Any, user_window: Any
) -> None:
    window = user_window
    notebook = window.user_panes.user.notebook
    pane = open_document(qtbot, window, ref(4))
    start, end = select_words(pane, PHRASE)
    window.activateWindow()
    pane.browser.setFocus()
    qtbot.keyClick(
        pane.browser,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_user_idle(qtbot, window)

    [note] = [n for n in notebook.notes(ref=ref(4)) if n.is_passage]
    assert (note.anchor.start, note.anchor.end, note.anchor.quote) == (start, end, PHRASE)
    panel = pane.notes_panel
    assert panel.current_entry().uid == note.uid
    assert panel.editor.hasFocus()  # ready to write the note at once
    assert annotated_texts(pane) == [PHRASE]
    qtbot.keyClicks(panel.editor, "Kardelj disagreed")
    wait_user_idle(qtbot, window)
    assert notebook.note(note.uid).text == "Kardelj disagreed"

    # choose the document note, then click the passage in the text: its note is shown
    panel.list.setCurrentIndex(panel.model.index(0))
    assert panel.current_entry().uid != note.uid
    click_words(qtbot, pane, PHRASE)
    assert panel.current_entry().uid == note.uid
    assert panel.editor.toPlainText() == "Kardelj disagreed"
    assert "Kardelj disagreed" in pane.passages.at(pane.passages.span_of(note.uid)[0]).text

    # another document, then back: the same words are highlighted
    open_document(qtbot, window, ref(5))
    assert annotated_texts(pane) == []
    open_document(qtbot, window, ref(4))
    assert annotated_texts(pane) == [PHRASE]
    assert [e.text for e in pane.notes_panel.entries() if e.is_passage] == ["Kardelj disagreed"]


def test_a_selection_outside_the_body_is_not_annotated(qtbot: Any, user_window: Any) -> None:
    pane = open_document(qtbot, user_window, ref(4))
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)  # in the title
    pane.browser.setTextCursor(cursor)
    pane.annotate_selection()
    wait_user_idle(qtbot, user_window)
    assert "Select some words of the text" in pane.toolbar.status_label.text()
    assert not [n for n in user_window.user_panes.user.notebook.notes() if n.is_passage]


def test_a_passage_that_cannot_be_found_is_shown_as_detached(qtbot: Any, user_window: Any) -> None:
    window = user_window
    notebook = window.user_panes.user.notebook
    notebook.add_passage_note(
        ref(6), "About the old wording", 10, 40,
        quote="words that were in an earlier edition only", prefix="xx", suffix="yy",
    )  # fmt: skip
    pane = open_document(qtbot, window, ref(6))
    [entry] = [e for e in pane.notes_panel.entries() if e.is_passage]
    assert entry.detached
    row = pane.notes_panel.model.row_of(entry)
    card = pane.notes_panel.model.index(row).data(WarningRole)
    assert card == "detached — the words were not found in the current text"
    assert annotated_texts(pane) == []  # nowhere to highlight, but kept and listed
    pane.focus_note(entry.uid)
    assert "detached" in pane.notes_panel.caption.text()
    # the notes pane says so too
    notes = window.user_panes.notes
    notes.refresh()
    wait_user_idle(qtbot, window)
    assert notes.model.index(0).data(WarningRole).startswith("detached")


def test_the_document_note_saves_as_you_type_with_undo_and_redo(
    qtbot: Any, user_window: Any
) -> None:
    window = user_window
    pane = open_document(qtbot, window, ref(2))
    panel = pane.notes_panel
    assert panel.current_entry() is not None and not panel.current_entry().is_passage
    panel.editor.setFocus()
    qtbot.keyClicks(panel.editor, "A first thought")
    wait_user_idle(qtbot, window)
    assert panel.status.text() == "Saved"

    def saved() -> list[str]:
        with UserStore() as store:  # another connection: what is on disk
            return [n.text for n in store.sign_in().notes(ref=ref(2))]

    assert saved() == ["A first thought"]
    qtbot.keyClick(panel.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_user_idle(qtbot, window)
    assert panel.editor.toPlainText() == ""
    assert saved() == []  # an emptied note goes to the trash…
    qtbot.keyClick(
        panel.editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_user_idle(qtbot, window)
    assert panel.editor.toPlainText() == "A first thought"
    assert saved() == ["A first thought"]  # …and comes back with redo, the same note
    assert len(window.user_panes.user.notebook.trash()) == 0


def test_the_notes_pane_finds_an_accented_word_typed_without_accents(
    qtbot: Any, user_window: Any
) -> None:
    window = user_window
    user = window.user_panes.user
    meeting = user.notebook.add_document_note(ref(1), "Met Koča Popović about Trieste")
    user.notebook.add_document_note(ref(25), "Harvest figures look wrong")
    user.notebook.add_document_note("gone/doc99", "A note on a document that left")
    user.refresh_bookmarks()  # tells which documents are no longer in the collection
    notes = window.user_panes.notes
    window.user_panes.show_tab(notes)
    notes.refresh()
    wait_user_idle(qtbot, window)
    assert notes.model.rowCount() == 3
    assert notes.model.index(0).data(WarningRole) == "document no longer in the collection"

    qtbot.keyClicks(notes.search_box, "popovic")
    qtbot.waitUntil(lambda: notes.model.rowCount() == 1, timeout=5000)
    assert notes.model.note(0).uid == meeting.uid
    assert notes.count_label.text() == "1 note"

    # opening it opens its document, with the note chosen
    rect = notes.view.visualRect(notes.model.index(0))
    qtbot.mouseClick(notes.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.document_pane
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.ref == ref(1), timeout=5000)
    wait_user_idle(qtbot, window)
    assert pane.notes_panel.current_entry().uid == meeting.uid
    assert pane.notes_panel.editor.toPlainText() == "Met Koča Popović about Trieste"


def test_a_note_on_a_document_no_longer_in_the_collection_still_opens(
    qtbot: Any, user_window: Any
) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.add_document_note("gone/doc99", "Kept whatever happens")
    user.refresh_bookmarks()
    notes = window.user_panes.notes
    notes.refresh()
    wait_user_idle(qtbot, window)
    notes.open_requested.emit(notes.model.note(0))
    pane = window.document_pane
    assert "no longer in the collection" in pane.error_label.text()
    assert notes.filters()["ref"] == "gone/doc99"
    assert notes.model.rowCount() == 1


def test_the_main_search_box_shows_my_notes_that_match(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.add_document_note(ref(3), "Popović said the treaty was a mistake")
    user.notebook.add_document_note(ref(8), "Ask Popović's secretary")
    type_query(qtbot, window, "popovic")
    bar = window.user_panes.notes_match
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=5000)
    assert bar.count == 2
    assert "My notes: 2 notes mention “popovic”" in bar.text()
    bar.linkActivated.emit("notes")
    wait_user_idle(qtbot, window)
    assert window.centre_tabs.currentWidget() is window.user_panes.notes
    assert window.user_panes.notes.search_box.text() == "popovic"
    assert window.user_panes.notes.model.rowCount() == 2
    type_query(qtbot, window, "harvest")
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)


def test_deleted_notes_go_to_the_trash_and_come_back(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    kept = user.notebook.add_document_note(ref(3), "Worth keeping after all")
    pane = open_document(qtbot, window, ref(3))
    assert [e.uid for e in pane.notes_panel.entries()] == [kept.uid]
    notes = window.user_panes.notes
    window.user_panes.show_tab(notes)
    notes.refresh()
    wait_user_idle(qtbot, window)
    notes.view.setCurrentIndex(notes.model.index(0))
    qtbot.mouseClick(notes.delete_button, Qt.MouseButton.LeftButton)
    wait_user_idle(qtbot, window)
    assert notes.model.rowCount() == 0
    # the document's notes panel lets it go too (a blank note in its place)
    assert [(e.uid, e.text) for e in pane.notes_panel.entries()] == [(None, "")]
    trash = window.user_panes.trash
    assert trash.model.rowCount() == 1
    assert window.centre_tabs.tabText(window.centre_tabs.indexOf(trash)) == "Trash (1)"
    assert "Worth keeping after all" in trash.model.index(0).data()
    trash.view.setCurrentIndex(trash.model.index(0))
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    wait_user_idle(qtbot, window)
    assert trash.model.rowCount() == 0
    assert [n.uid for n in notes.model.notes()] == [kept.uid]
    assert user.notebook.note(kept.uid).text == "Worth keeping after all"
    assert [e.uid for e in pane.notes_panel.entries()] == [kept.uid]


def test_the_note_models_pass_the_model_tester(qtmodeltester: Any, user_window: Any) -> None:
    user = user_window.user_panes.user
    notebook = user.notebook
    notebook.add_document_note(ref(1), "A note")
    notebook.add_passage_note(ref(1), "On words", 4, 14, quote="delegation", prefix="The ")
    notebook.delete(notebook.add_document_note(ref(2), "Gone").uid)
    notes = NotesModel()
    notes.set_notes(notebook.notes(), frozenset({ref(1)}))
    qtmodeltester.check(notes)
    entries = NotesModel()
    qtmodeltester.check(entries)
    panel = DocumentNotesModel()
    panel.set_entries(
        [NoteEntry(user.draft(ref(1), n.uid, n.kind), n, n.text) for n in notebook.notes()]
    )
    qtmodeltester.check(panel)
    trash = TrashModel()
    trash.set_items(notebook.trash())
    qtmodeltester.check(trash)


def test_the_notes_pane_filters_by_list_tag_and_open_document(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.bookmark(ref(1), list_name="Trieste", tags=["key"])
    user.notebook.bookmark(ref(2), list_name="Trieste")
    on_first = user.notebook.add_document_note(ref(1), "First")
    on_second = user.notebook.add_document_note(ref(2), "Second")
    user.notebook.add_document_note(ref(3), "Third")
    user.refresh_bookmarks()
    open_document(qtbot, window, ref(2))
    notes = window.user_panes.notes
    notes.refresh()  # the notes above were written behind the window's back
    box = notes.filter_box

    def shown(data: str) -> set[str]:
        box.setCurrentIndex(box.findData(data))
        wait_user_idle(qtbot, window)
        return {n.uid for n in notes.model.notes()}

    assert len(shown("all:")) == 3
    assert shown("list:Trieste") == {on_first.uid, on_second.uid}
    assert shown("tag:key") == {on_first.uid}
    assert shown(f"ref:{ref(2)}") == {on_second.uid}
    assert box.currentText() == "On “Document 02”"
