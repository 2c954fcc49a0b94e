"""Profiles in the window: switching shows nothing of the profile left; passwords."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from test_main_window import type_query
from ui_fixture import QUERY, open_document, ref, wait_user_idle

from reading_room.ui.results import BookmarkedRole


def starred(window: Any) -> set[str]:
    model = window.results.model
    return {
        model.hit(r).ref for r in range(model.rowCount()) if model.index(r).data(BookmarkedRole)
    }


def switch(qtbot: Any, window: Any, name: str, password: str = "", *, new: bool = False) -> Any:
    dialog = window.user_panes.switch_profile()
    wait_user_idle(qtbot, window)
    if new:
        dialog.new_name.setText(name)
        dialog.new_password.setText(password)
        dialog.new_repeat.setText(password)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    else:
        dialog.choose(name)
        dialog.password.setText(password)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_user_idle(qtbot, window)
    return dialog


def test_another_profile_sees_nothing_of_the_first(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    first = user.profile.name
    assert window.windowTitle() == f"Reading Room — {first}"
    assert window.user_panes.profile_label.text() == f"Profile: {first}"
    type_query(qtbot, window, QUERY)
    first_hit = window.results.model.hit(0).ref
    pane = open_document(qtbot, window, first_hit)
    window.user_panes.toggle_bookmark()
    pane.notes_panel.editor.setFocus()
    qtbot.keyClicks(pane.notes_panel.editor, "Private thoughts")
    user.notebook.add_document_note(ref(3), "Another private note")
    wait_user_idle(qtbot, window)
    window.user_panes.notes.refresh()
    wait_user_idle(qtbot, window)
    assert starred(window) == {first_hit}
    assert window.user_panes.notes.model.rowCount() == 2

    dialog = switch(qtbot, window, "Visitor", "s3cret", new=True)
    assert not dialog.isVisible()
    assert user.profile.name == "Visitor" and user.profile.has_password
    assert window.windowTitle() == "Reading Room — Visitor"
    assert starred(window) == set()
    assert not pane.toolbar.bookmark_action.isChecked()
    assert window.user_panes.bookmarks.model.rowCount() == 0
    assert window.user_panes.notes.model.rowCount() == 0
    assert window.user_panes.trash.model.rowCount() == 0
    assert [e.text for e in pane.notes_panel.entries()] == [""]  # a blank note of one's own
    assert pane.notes_panel.editor.toPlainText() == ""
    assert window.search_pane.scope_box.itemText(1) == "My bookmarks (0)"
    type_query(qtbot, window, "private")
    assert not window.user_panes.notes_match.isVisible()
    assert user.notebook.notes() == () and user.notebook.bookmarked_refs() == frozenset()

    # back to the first profile: everything is there again
    switch(qtbot, window, first)
    assert user.profile.name == first
    assert {n.text for n in user.notebook.notes()} == {"Private thoughts", "Another private note"}
    type_query(qtbot, window, QUERY)
    assert starred(window) == {first_hit}


def test_a_wrong_password_is_said_plainly(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    first = user.profile.name
    user.store.add_profile("Archivist", "right one")
    dialog = switch(qtbot, window, "Archivist", "wrong one")
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Wrong password for profile 'Archivist'."
    assert user.profile.name == first  # still signed in as before
    dialog.password.setText("right one")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    wait_user_idle(qtbot, window)
    assert user.profile.name == "Archivist"
    assert not dialog.isVisible()


def test_changing_the_password(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    dialog = window.user_panes.change_password()
    dialog.new.setText("one")
    dialog.repeat.setText("two")
    dialog.save()
    assert "differ" in dialog.error.text()
    dialog.repeat.setText("one")
    dialog.save()
    wait_user_idle(qtbot, window)
    assert user.profile.has_password
    assert not dialog.isVisible()
    name = user.profile.name
    dialog = switch(qtbot, window, name, "not it")
    assert dialog.error.text() == f"Wrong password for profile '{name}'."
