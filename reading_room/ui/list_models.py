"""What the window's read-only list models share: the index type Qt passes them and the
flags of their rows (selectable, enabled, never parents)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex

ROW_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
)


def row_flags(index: AnyIndex) -> Qt.ItemFlag:
    return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags


class ReadOnlyListModel(QAbstractListModel):
    """A list whose rows are chosen, never edited."""

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return row_flags(index)
