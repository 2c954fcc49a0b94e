"""The bookmarks pane's two models: my lists with their counts, and the bookmarked documents.

Both are filled from what the user session keeps (one fetch per change); a document
dragged from one onto a list of the other moves there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
)

from ..core.userdata import Bookmark, BookmarkList
from .labels import number
from .list_models import AnyIndex
from .note_cards import missing_words
from .user_session import ALL_BOOKMARKS

KeyRole = Qt.ItemDataRole.UserRole + 40  # a list's name, or ALL_BOOKMARKS
BookmarkRefRole = Qt.ItemDataRole.UserRole + 41
REFS_MIME = "application/x-reading-room-refs"


def tr(text: str) -> str:
    return QCoreApplication.translate("Bookmarks", text)


def document_date(bookmark: Bookmark) -> str:
    """The date as printed when it is short (``Belgrade, January 1955``), else the normalised
    start (``1955-01-01`` would claim a day the document does not give)."""
    info = bookmark.document
    text = " ".join(info.date_text.split())
    if text and len(text) <= 24:
        return text
    return info.date_start or (text[:23] + "…" if text else "")


class ListsModel(QAbstractTableModel):
    """ "All bookmarks" and then each list, with how many documents it holds."""

    move_requested: Callable[[list[str], str], None] | None = None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, int]] = []  # (key, shown name, count)

    def set_lists(self, lists: Sequence[BookmarkList], total: int) -> None:
        self.beginResetModel()
        self._rows = [(ALL_BOOKMARKS, tr("All bookmarks"), total)]
        self._rows += [(item.name, item.name, item.count) for item in lists]
        self.endResetModel()

    def key(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int | None:
        return next((row for row, item in enumerate(self._rows) if item[0] == key), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802, E501
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("List"), tr("Documents"))[section] if 0 <= section < 2 else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key, name, count = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return name if column == 0 else number(count)
        if role == KeyRole:
            return key
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return tr("{name}, {count} documents").format(name=name, count=count)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if self._rows[index.row()][0] != ALL_BOOKMARKS:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt
        return [REFS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:  # noqa: N802, E501
        return (
            data.hasFormat(REFS_MIME)
            and parent.isValid()
            and self.key(parent.row()) not in (None, ALL_BOOKMARKS)
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:  # noqa: N802, E501
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        refs = bytes(data.data(REFS_MIME).data()).decode("utf-8").split("\n")
        target = self.key(parent.row())
        if self.move_requested is not None and target is not None:
            self.move_requested([r for r in refs if r], target)
        return False  # the documents move by the notebook, not by this drop


class BookmarksModel(QAbstractTableModel):
    """The bookmarked documents of one list (or of all): date, title, list, tags."""

    COLUMNS = ("Date", "Title", "List", "Tags")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Bookmark] = []
        self._missing: frozenset[str] = frozenset()

    def set_bookmarks(
        self, bookmarks: Sequence[Bookmark], missing: frozenset[str] = frozenset()
    ) -> None:
        self.beginResetModel()
        self._rows = list(bookmarks)
        self._missing = missing
        self.endResetModel()

    def bookmark(self, row: int) -> Bookmark | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, ref: str) -> int | None:
        return next((row for row, b in enumerate(self._rows) if b.ref == ref), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:  # noqa: N802, E501
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.COLUMNS[section]) if 0 <= section < len(self.COLUMNS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        bookmark = self._rows[index.row()]
        missing = bookmark.ref in self._missing
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return document_date(bookmark)
            if column == 1:
                title = bookmark.document.label()
                return f"{title} — {missing_words()}" if missing else title
            if column == 2:
                return bookmark.list_name
            return ", ".join(bookmark.tags)
        if role == BookmarkRefRole:
            return bookmark.ref
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [bookmark.document.label(), bookmark.document.date_text, bookmark.ref]
            if bookmark.tags:
                lines.append(tr("Tags: {tags}").format(tags=", ".join(bookmark.tags)))
            if missing:
                lines.append(missing_words())
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{document_date(bookmark)} {bookmark.document.label()}"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt
        return [REFS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt
        refs = sorted({self._rows[i.row()].ref for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(REFS_MIME, "\n".join(refs).encode("utf-8"))
        return data

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt
        return Qt.DropAction.MoveAction
