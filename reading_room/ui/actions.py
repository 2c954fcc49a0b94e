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
    """Menus File, Search and Help; every action also works as a window-wide shortcut."""
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

    menu = bar.addMenu(tr("&Help"))
    add(
        "help", menu, tr("&Query language"), QKeySequence.StandardKey.HelpContents, window.show_help
    )
    actions["import"].setEnabled(False)
    return actions
