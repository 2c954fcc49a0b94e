"""A line above the results when the query is also in my notes: "My notes: 3 mention …".

The main search box searches my notes too: each query is counted in them, and when any
match the line says how many and opens the notes pane, searched for the same words.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from .user_session import UserSession


class NotesMatchBar(QLabel):
    show_requested = Signal(str)  # the query, to search the notes pane with

    def __init__(self, user: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesMatch")
        self.setAccessibleName(self.tr("My notes matching the search"))
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setWordWrap(True)
        self.linkActivated.connect(lambda _link: self.show_requested.emit(self.query))
        self.user = user
        self.query = ""
        self.count = 0
        user.profile_changed.connect(lambda _profile: self.set_query(self.query))
        user.notes_changed.connect(lambda: self.set_query(self.query))
        self.hide()

    def set_query(self, query: str) -> None:
        self.query = query.strip()
        if not self.query or not self.user.ready:
            self._show(self.query, 0)
            return
        wanted = self.query
        self.user.read(
            lambda nb: nb.count_notes(query=wanted),
            lambda count: self._show(wanted, count),
            channel="notes-match",
            doing=self.tr("searching your notes"),
        )

    def _show(self, query: str, count: Any) -> None:
        if query != self.query:
            return
        self.count = int(count)
        if not self.count:
            self.hide()
            return
        words = html.escape(query)
        if self.count == 1:
            text = self.tr("My notes: 1 note mentions “{query}”").format(query=words)
        else:
            text = self.tr("My notes: {count} notes mention “{query}”").format(
                count=self.count, query=words
            )
        link = self.tr("show them") if self.count > 1 else self.tr("show it")
        self.setText(f'{text} — <a href="notes">{html.escape(link)}</a>')
        self.show()
