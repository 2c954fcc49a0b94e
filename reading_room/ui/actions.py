"""The window's menus and their shortcuts, in one place (F1 lists the keys)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from .main_window import MainWindow

Key = QKeySequence.StandardKey | str | None


def install_actions(window: MainWindow) -> dict[str, QAction]:
    """Menus File, Search, Notes, Profile and Help; every action also works as a window-wide
    shortcut."""
    actions: dict[str, QAction] = {}
    session = window.session
    tr = window.tr

    def add(
        name: str, menu: QMenu, text: str, key: Key, slot: Callable[[], object], tip: str = ""
    ) -> None:
        action = QAction(text, window)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.setToolTip(tip or text.replace("&", "").rstrip("…"))
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        window.addAction(action)
        actions[name] = action

    bar = window.menuBar()
    menu = bar.addMenu(tr("&File"))
    add("import", menu, tr("&Import…"), QKeySequence.StandardKey.Open, window.show_import_dialog,
        tr("Import files or folders into the reading room"))  # fmt: skip
    mine = window.user_panes
    add("export_notes", menu, tr("&Export notes…"), None, mine.export_notes,
        tr("Export my notes and bookmarks to Markdown, CSV, RIS, BibTeX or CSL-JSON"))  # fmt: skip
    add("import_notes", menu, tr("Import &notes…"), None, mine.choose_import,
        tr("Import notes and bookmarks exported from Reading Room"))  # fmt: skip
    menu.addSeparator()
    add("quit", menu, tr("&Quit"), QKeySequence.StandardKey.Quit, window.close)

    menu = bar.addMenu(tr("&Search"))
    add(
        "find",
        menu,
        tr("&Find…"),
        "Ctrl+L",
        window.search_pane.focus_query,
        tr("Go to the query box"),
    )
    menu.addSeparator()
    add("previous_page", menu, tr("&Previous page"), "Alt+Left", lambda: session.turn_page(-1))
    add("next_page", menu, tr("&Next page"), "Alt+Right", lambda: session.turn_page(1))
    add("first_page", menu, tr("F&irst page"), "Alt+Home", lambda: session.go_to_page(1))
    add(
        "last_page",
        menu,
        tr("&Last page"),
        "Alt+End",
        lambda: session.go_to_page(session.page_count()),
    )
    menu.addSeparator()
    add(
        "previous_document",
        menu,
        tr("Previous &document"),
        "Alt+Up",
        lambda: window.step_document(-1),
    )
    add("next_document", menu, tr("Next d&ocument"), "Alt+Down", lambda: window.step_document(1))
    menu.addSeparator()
    add("clear_filters", menu, tr("&Clear filters"), "Ctrl+Shift+Backspace", session.clear_filters)

    menu = bar.addMenu(tr("&Notes"))
    add("bookmark", menu, tr("&Bookmark document"), "Ctrl+D", mine.toggle_bookmark,
        tr("Bookmark the document being read, or take its bookmark off"))  # fmt: skip
    add("annotate", menu, tr("&Annotate selection"), "Ctrl+Shift+A", mine.annotate,
        tr("Add a note on the words selected in the document"))  # fmt: skip
    add("document_note", menu, tr("&Write a note on the document"), "Ctrl+Shift+N",
        mine.write_document_note, tr("Go to my note on the whole document"))  # fmt: skip
    menu.addSeparator()
    add(
        "show_results", menu, tr("&Results"), "Ctrl+1", lambda: mine.show_tab(window.results_column)
    )
    add("show_bookmarks", menu, tr("B&ookmarks"), "Ctrl+2", lambda: mine.show_tab(mine.bookmarks))
    add("show_notes", menu, tr("&Notes"), "Ctrl+3", lambda: mine.show_tab(mine.notes))
    add("show_trash", menu, tr("&Trash"), "Ctrl+4", lambda: mine.show_tab(mine.trash))

    menu = bar.addMenu(tr("&Profile"))
    add("switch_profile", menu, tr("&Switch profile…"), None, mine.switch_profile,
        tr("Sign in to another profile, or add one"))  # fmt: skip
    add("change_password", menu, tr("&Change password…"), None, mine.change_password,
        tr("Set, change or remove the password of this profile"))  # fmt: skip

    menu = bar.addMenu(tr("&Help"))
    add(
        "help", menu, tr("&Query language"), QKeySequence.StandardKey.HelpContents, window.show_help
    )
    actions["import"].setEnabled(False)
    return actions
