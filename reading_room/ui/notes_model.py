"""All my notes, newest first, as cards: the notes pane's model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from ..core.userdata import Note
from .list_models import AnyIndex, ReadOnlyListModel
from .note_cards import (
    MetaRole,
    NoteRole,
    QuoteRole,
    RefRole,
    TextRole,
    UidRole,
    WarningRole,
    detached_words,
    excerpt,
    missing_words,
    spoken,
    when,
)


def note_meta(note: Note) -> str:
    """What a note is on and when it was last changed: ``Title · 1956-10-23 · edited …``."""
    info = note.document
    date = " ".join(info.date_text.split()) or info.date_start or ""
    if len(date) > 30:
        date = info.date_start or date[:29] + "…"
    parts = [excerpt(info.label(), 90), date]
    return " · ".join(p for p in parts if p) + " · " + when(note.updated_at)


class NotesModel(ReadOnlyListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._notes: list[Note] = []
        self._missing: frozenset[str] = frozenset()

    def set_notes(self, notes: Sequence[Note], missing: frozenset[str] = frozenset()) -> None:
        self.beginResetModel()
        self._notes = list(notes)
        self._missing = missing
        self.endResetModel()

    def set_missing(self, missing: frozenset[str]) -> None:
        if missing != self._missing:
            self._missing = missing
            if self._notes:
                self.dataChanged.emit(self.index(0), self.index(len(self._notes) - 1))

    def note(self, row: int) -> Note | None:
        return self._notes[row] if 0 <= row < len(self._notes) else None

    def notes(self) -> list[Note]:
        return list(self._notes)

    def row_of(self, uid: str) -> int | None:
        return next((row for row, note in enumerate(self._notes) if note.uid == uid), None)

    def is_missing(self, note: Note) -> bool:
        return note.ref in self._missing

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self._notes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._notes):
            return None
        note = self._notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return excerpt(note.text or (note.anchor.quote if note.anchor else ""), 80)
        if role == NoteRole:
            return note
        if role == UidRole:
            return note.uid
        if role == RefRole:
            return note.ref
        if role == MetaRole:
            return note_meta(note)
        if role == QuoteRole:
            return note.anchor.quote if note.anchor is not None else ""
        if role == TextRole:
            return note.text
        if role == WarningRole:
            if note.ref in self._missing:
                return missing_words()
            return detached_words() if note.detached else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{note.document.label()}\n{note.ref}"
        return None
