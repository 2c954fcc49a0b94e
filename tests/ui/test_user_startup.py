"""My notes at start: opened beside the collections, a damaged database said so, a
protected profile asking for its password, and every new control named and reachable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit
from ui_fixture import make_user_window, make_window, open_document, ref, wait_user_idle

from reading_room.core.userdata import UserStore
from reading_room.ui.profile_dialog import ProfileDialog


def _damage(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"this is not a database at all, it is garbage" * 30)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def test_a_damaged_notes_database_is_restored_and_the_window_says_so(
    qtbot: Any, shared_library: Any
) -> None:
    with UserStore() as store:
        notebook = store.sign_in()
        notebook.add_document_note(ref(1), "in the backup")
        store.backup()
        path = store.file
    assert path is not None
    _damage(path)
    window = make_user_window(qtbot, shared_library)
    message = window.message_bar.message()
    assert "damaged" in message and f"backup of {date.today().isoformat()}" in message
    assert window.message_bar.kind == "error"  # stays until read and closed
    notes = window.user_panes.notes
    notes.refresh()
    wait_user_idle(qtbot, window)
    assert [n.text for n in notes.model.notes()] == ["in the backup"]
    window.tasks.shutdown()
    window.user_panes.user.close()


def test_a_protected_profile_asks_for_its_password_at_start(
    qtbot: Any, shared_library: Any
) -> None:
    with UserStore() as store:
        name = store.sign_in().name
        store.set_password(name, None, "open sesame")
    window = make_window(qtbot, shared_library)
    window.open_user_data()
    qtbot.waitUntil(lambda: bool(window.findChildren(ProfileDialog)), timeout=10_000)
    dialog = window.findChildren(ProfileDialog)[0]
    wait_user_idle(qtbot, window)
    assert dialog.chosen() == name
    assert not window.user_panes.user.ready
    dialog.password.setText("open sesame")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    wait_user_idle(qtbot, window)
    assert window.user_panes.user.ready and window.user_panes.user.profile.name == name
    window.tasks.shutdown()
    window.user_panes.user.close()


def test_every_new_control_has_an_accessible_name(qtbot: Any, user_window: Any) -> None:
    window = user_window
    open_document(qtbot, window, ref(1))
    missing = []
    for tab in range(window.centre_tabs.count()):
        window.centre_tabs.setCurrentIndex(tab)
        for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView):
            for widget in window.findChildren(kind):
                name = widget.accessibleName() or (
                    widget.text() if isinstance(widget, QAbstractButton) else ""
                )
                if name.strip() or not widget.isVisibleTo(window):
                    continue
                if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
                    continue
                if widget.objectName() == "qt_spinbox_lineedit":
                    continue
                missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert missing == []


def test_the_keys_reach_the_panes_and_the_document_note(qtbot: Any, user_window: Any) -> None:
    window = user_window
    window.activateWindow()
    pane = open_document(qtbot, window, ref(2))
    for key, widget in (
        (Qt.Key.Key_2, window.user_panes.bookmarks),
        (Qt.Key.Key_3, window.user_panes.notes),
        (Qt.Key.Key_4, window.user_panes.trash),
        (Qt.Key.Key_1, window.results_column),
    ):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.centre_tabs.currentWidget() is widget
    assert window.results.view.hasFocus()
    pane.notes_panel.set_open(False)
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert pane.notes_panel.is_open()
    assert pane.notes_panel.editor.hasFocus()
    assert not pane.notes_panel.current_entry().is_passage
