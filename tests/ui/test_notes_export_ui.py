"""File › Export notes… and File › Import notes… in the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_fixture import ref, wait_user_idle

from reading_room.core.exports import import_notes
from reading_room.core.userdata import UserStore


@pytest.mark.parametrize("fmt", ["md", "ris", "csl-json"])
def test_an_export_from_the_window_reads_back(
    qtbot: Any, user_window: Any, tmp_path: Path, fmt: str
) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.bookmark(ref(2), list_name="Trieste")
    user.notebook.add_document_note(ref(2), "On the Trieste question")
    user.notebook.add_document_note(ref(5), "Not on the list")
    user.refresh_bookmarks()
    wait_user_idle(qtbot, window)

    dialog = window.user_panes.export_notes()
    dialog.set_format(fmt)
    assert dialog.path.text().endswith({"md": ".md", "ris": ".ris", "csl-json": ".json"}[fmt])
    target = tmp_path / f"out.{fmt}"
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    wait_user_idle(qtbot, window)
    assert not dialog.isVisible()
    assert target.is_file()
    assert window.message_bar.message().startswith("Exported 2 notes and 1 bookmarks")

    with UserStore() as store:
        store.add_profile("elsewhere")
        report = import_notes(store.sign_in("elsewhere"), target)
    assert (report.notes_added, report.bookmarks_added) == (2, 1)


def test_one_list_and_the_selection_in_the_notes_pane(
    qtbot: Any, user_window: Any, tmp_path: Path
) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.bookmark(ref(2), list_name="Trieste")
    on_list = user.notebook.add_document_note(ref(2), "On the list")
    chosen = user.notebook.add_document_note(ref(7), "Chosen in the pane")
    user.notebook.add_document_note(ref(8), "Neither")
    user.refresh_bookmarks()
    notes = window.user_panes.notes
    window.user_panes.show_tab(notes)
    notes.refresh()
    wait_user_idle(qtbot, window)

    notes.view.setCurrentIndex(notes.model.index(notes.model.row_of(chosen.uid)))
    dialog = window.user_panes.export_notes()
    assert dialog.scope_selection.isChecked() and dialog.scope_selection.isEnabled()
    dialog.path.setText(str(tmp_path / "chosen.md"))
    dialog.export()
    wait_user_idle(qtbot, window)
    text = (tmp_path / "chosen.md").read_text(encoding="utf-8")
    assert "Chosen in the pane" in text and "Neither" not in text and "On the list" not in text

    dialog = window.user_panes.export_notes()
    dialog.scope_list.setChecked(True)
    dialog.list_box.setCurrentIndex(dialog.list_box.findData("Trieste"))
    dialog.path.setText(str(tmp_path / "list.md"))
    dialog.export()
    wait_user_idle(qtbot, window)
    text = (tmp_path / "list.md").read_text(encoding="utf-8")
    assert on_list.text in text and "Chosen in the pane" not in text


def test_import_into_another_profile_from_the_window(
    qtbot: Any, user_window: Any, tmp_path: Path
) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.add_document_note(ref(3), "Travelling note")
    user.notebook.bookmark(ref(3))
    dialog = window.user_panes.export_notes()
    dialog.set_format("csv")
    dialog.path.setText(str(tmp_path / "mine.csv"))
    dialog.export()
    wait_user_idle(qtbot, window)

    user.sign_in("Laptop", create=True)
    wait_user_idle(qtbot, window)
    assert user.profile.name == "Laptop" and window.user_panes.notes.model.rowCount() == 0
    window.user_panes.import_notes(str(tmp_path / "mine.csv"))
    wait_user_idle(qtbot, window)
    assert "Imported notes: 1 added" in window.message_bar.message()
    assert [n.text for n in window.user_panes.notes.model.notes()] == ["Travelling note"]
    assert user.bookmarked == {ref(3)}

    window.user_panes.import_notes(str(tmp_path / "nothing-here.csv"))
    wait_user_idle(qtbot, window)
    assert window.message_bar.kind == "error"
    assert "There is no file" in window.message_bar.message()
    assert "Traceback" not in window.message_bar.message()
