"""The trash: deleted notes and bookmarks, most recently deleted first, restorable.

Nothing leaves the trash except by "Empty trash", which asks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.userdata import TrashItem
from .list_models import AnyIndex, ReadOnlyListModel
from .note_cards import when
from .user_session import UserSession

TrashUidRole = Qt.ItemDataRole.UserRole + 50


class TrashModel(ReadOnlyListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[TrashItem] = []

    def set_items(self, items: Sequence[TrashItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> TrashItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, uid: str) -> int | None:
        return next((row for row, item in enumerate(self._items) if item.uid == uid), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        kind = self.tr("Note") if item.kind == "note" else self.tr("Bookmark")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.tr("{kind}: {label} — deleted {when}").format(
                kind=kind, label=item.label, when=when(item.deleted_at)
            )
        if role == TrashUidRole:
            return item.uid
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.ref
        return None


class TrashPane(QWidget):
    def __init__(self, user: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashPane")
        self.setAccessibleName(self.tr("Trash"))
        self.user = user
        self.model = TrashModel(self)
        self.view = QListView(self)
        self.view.setObjectName("trashList")
        self.view.setAccessibleName(self.tr("Deleted notes and bookmarks"))
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.activated.connect(lambda _index: self.restore_selected())
        note = QLabel(self.tr("Deleted notes and bookmarks stay here until the trash is emptied."))
        note.setObjectName("quietNote")
        note.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the chosen items"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton(self.tr("Empty trash…"), self)
        self.empty_button.setAccessibleName(self.tr("Empty the trash for good"))
        self.empty_button.clicked.connect(self.empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        user.trash_changed.connect(self.refresh)
        user.profile_changed.connect(lambda _profile: self._show(()))
        self._update_buttons()

    def refresh(self) -> None:
        self.user.read(
            lambda nb: nb.trash(), self._show, channel="trash", doing=self.tr("reading the trash")
        )

    def _show(self, items: Sequence[TrashItem]) -> None:
        self.model.set_items(items)
        self._update_buttons()

    def selected_uids(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [item.uid for item in (self.model.item(row) for row in rows) if item is not None]

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(bool(self.selected_uids()))
        self.empty_button.setEnabled(self.model.rowCount() > 0)

    def restore_selected(self) -> None:
        uids = self.selected_uids()
        if uids:
            self.user.restore(uids)

    def empty(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Empty trash"),
            self.tr(
                "Delete the {count} items in the trash for good? This cannot be undone."
            ).format(count=self.model.rowCount()),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.user.empty_trash()
