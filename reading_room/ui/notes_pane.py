"""The notes pane: all my notes, newest first, searched and filtered.

The search field looks inside my notes and their quoted passages (case and accents
ignored, so ``popovic`` finds ``Popović``); the filter narrows to the open document, a
bookmark list or a tag. Opening a note opens its document at the passage; a note on a
document that has left the collection is marked so, and still opens (its notes are kept).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .labels import number
from .note_cards import NoteCardDelegate
from .notes_model import NotesModel
from .user_session import UserSession

LIMIT = 1000  # notes listed at most; the count says how many there are


class _NotesView(QListView):
    open_requested = Signal(QModelIndex)
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        if event.matches(QKeySequence.StandardKey.Delete):
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class NotesPane(QWidget):
    open_requested = Signal(object)  # Note
    loaded = Signal()

    def __init__(self, user: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPane")
        self.setAccessibleName(self.tr("My notes"))
        self.user = user
        self._document: tuple[str, str] | None = None  # (ref, title) of the open document
        self._picked: tuple[str, str] | None = None  # a document chosen from elsewhere
        self.total = 0

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("notesSearch")
        self.search_box.setPlaceholderText(self.tr("Search my notes…"))
        self.search_box.setAccessibleName(self.tr("Search my notes"))
        self.search_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())
        self.search_box.returnPressed.connect(self.refresh)
        self.filter_box = QComboBox(self)
        self.filter_box.setAccessibleName(self.tr("Which notes"))
        self.filter_box.setToolTip(self.tr("All my notes, or those on one document, list or tag"))
        self.filter_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.filter_box.setMinimumContentsLength(18)
        self.filter_box.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.search_box, 3)
        top.addWidget(self.filter_box, 2)

        self.model = NotesModel(self)
        self.view = _NotesView(self)
        self.view.setObjectName("notesList")
        self.view.setAccessibleName(self.tr("My notes"))
        self.view.setModel(self.model)
        self.delegate = NoteCardDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.model.modelAboutToBeReset.connect(self.delegate.clear)
        self.view.clicked.connect(self._open_index)
        self.view.open_requested.connect(self._open_index)
        self.view.delete_requested.connect(self.delete_selected)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("quietNote")
        self.count_label.setAccessibleName(self.tr("How many notes"))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the chosen notes"))
        self.delete_button.setToolTip(self.tr("Move the chosen notes to the trash (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        user.notes_changed.connect(self.refresh)
        user.bookmarks_changed.connect(self._bookmarks_changed)
        user.profile_changed.connect(self._profile_changed)
        self._fill_filters()
        self._update_buttons()

    # -- filters ---------------------------------------------------------------------------------
    def set_open_document(self, ref: str | None, title: str = "") -> None:
        """The document being read, offered as a filter ("On the open document")."""
        self._document = (ref, title) if ref else None
        self._fill_filters()

    def show_document(self, ref: str, title: str) -> None:
        """Only the notes on one document (e.g. one no longer in the collection)."""
        self._picked = (ref, title)
        self._fill_filters()
        self.filter_box.setCurrentIndex(self.filter_box.findData(f"ref:{ref}"))

    def set_query(self, query: str) -> None:
        self.search_box.setText(query)
        self.refresh()

    def _fill_filters(self) -> None:
        box = self.filter_box
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All my notes"), "all:")
        for document in (self._document, self._picked):
            if document is not None and box.findData(f"ref:{document[0]}") < 0:
                label = self.tr("On “{title}”").format(title=(document[1] or document[0])[:40])
                box.addItem(label, f"ref:{document[0]}")
        for item in self.user.lists:
            box.addItem(self.tr("List: {name}").format(name=item.name), f"list:{item.name}")
        for tag, _count in self.user.tags:
            box.addItem(self.tr("Tag: {tag}").format(tag=tag), f"tag:{tag}")
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
        if index < 0 and current is not None:
            self.refresh()

    def _bookmarks_changed(self) -> None:
        self._fill_filters()
        self.model.set_missing(self.user.missing)

    def _profile_changed(self, _profile: Any) -> None:
        self._picked = None
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.model.set_notes([])
        self._fill_filters()

    def filters(self) -> dict[str, str | None]:
        kind, _, value = str(self.filter_box.currentData() or "all:").partition(":")
        return {
            "ref": value if kind == "ref" else None,
            "list_name": value if kind == "list" else None,
            "tag": value if kind == "tag" else None,
            "query": self.search_box.text().strip() or None,
        }

    # -- listing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._debounce.stop()
        wanted = self.filters()

        def fetch(nb: Any) -> tuple[Any, int]:
            return nb.notes(limit=LIMIT, **wanted), nb.count_notes(**wanted)

        self.user.read(
            fetch, self._show, channel="notes-pane", doing=self.tr("searching your notes")
        )

    def _show(self, result: tuple[Any, int]) -> None:
        notes, total = result
        selected = set(self.selected_uids())
        self.model.set_notes(notes, self.user.missing)
        self.total = total
        for uid in selected:
            row = self.model.row_of(uid)
            if row is not None:
                self.view.selectionModel().select(
                    self.model.index(row), self.view.selectionModel().SelectionFlag.Select
                )
        narrowed = any(value for value in self.filters().values())
        if total == 0:
            text = self.tr("No notes match.") if narrowed else self.tr("No notes yet.")
        elif total == 1:
            text = self.tr("1 note")
        else:
            text = self.tr("{count} notes").format(count=number(total))
        if total > len(notes):
            text += " " + self.tr("(the newest {shown} shown)").format(shown=len(notes))
        self.count_label.setText(text)
        self._update_buttons()
        self.loaded.emit()

    def selected_uids(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [n.uid for n in (self.model.note(row) for row in rows) if n is not None]

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(bool(self.selected_uids()))

    def _open_index(self, index: QModelIndex) -> None:
        note = self.model.note(index.row())
        if note is not None:
            self.open_requested.emit(note)

    def delete_selected(self) -> None:
        uids = self.selected_uids()
        if uids:
            self.user.delete(uids)
