"""My notes on the document being read: a list beside one editor, below the text.

The first row is the note on the whole document (written the moment its first word is
typed), then the passage notes in the order of the text, then the detached ones — kept,
with their quotes, and marked. Choosing a row puts its note in the editor; what is typed
is handed on (``text_edited``) to be saved after a pause. The panel folds away to its
header line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .list_models import AnyIndex, ReadOnlyListModel
from .note_cards import (
    MetaRole,
    NoteCardDelegate,
    NoteRole,
    QuoteRole,
    RefRole,
    TextRole,
    UidRole,
    WarningRole,
    detached_words,
    excerpt,
    spoken,
)
from .note_editor import NoteEditor
from .note_saver import NoteDraft


@dataclass(eq=False)
class NoteEntry:
    """One note of the panel: its draft (what saves go to), the note as loaded, the text as typed."""

    draft: NoteDraft
    note: Any  # Note, or None for a document note not written yet
    text: str = ""
    detached: bool = False

    @property
    def uid(self) -> str | None:
        return self.draft.uid

    @property
    def is_passage(self) -> bool:
        return self.draft.kind == "passage"

    @property
    def quote(self) -> str:
        anchor = getattr(self.note, "anchor", None)
        return anchor.quote if anchor is not None else ""


class DocumentNotesModel(ReadOnlyListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: list[NoteEntry] = []

    def set_entries(self, entries: list[NoteEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    @property
    def entries(self) -> list[NoteEntry]:
        return list(self._entries)

    def entry(self, row: int) -> NoteEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def row_of(self, entry: NoteEntry) -> int | None:
        return next((row for row, e in enumerate(self._entries) if e is entry), None)

    def row_of_uid(self, uid: str) -> int | None:
        return next((row for row, e in enumerate(self._entries) if e.uid == uid), None)

    def changed(self, entry: NoteEntry) -> None:
        row = self.row_of(entry)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        entry = self.entry(index.row()) if index.isValid() and index.column() == 0 else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return excerpt(entry.quote or entry.text or self.tr("Note on the whole document"), 80)
        if role == NoteRole:
            return entry.note
        if role == UidRole:
            return entry.uid
        if role == RefRole:
            return entry.draft.ref
        if role == MetaRole:
            return "" if entry.is_passage else self.tr("Note on the whole document")
        if role == QuoteRole:
            return entry.quote
        if role == TextRole:
            return entry.text
        if role == WarningRole:
            return detached_words() if entry.detached else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spoken(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.text or None
        return None


class NotesPanel(QWidget):
    text_edited = Signal(object, str)  # (NoteEntry, text)
    delete_requested = Signal(object)  # NoteEntry
    current_changed = Signal(object)  # NoteEntry or None
    annotate_requested = Signal()
    open_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.setAccessibleName(self.tr("My notes on this document"))
        self.model = DocumentNotesModel(self)
        self._shown: NoteEntry | None = None

        self.toggle = QToolButton(self)
        self.toggle.setObjectName("notesToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setAccessibleName(self.tr("Show or hide my notes on this document"))
        self.toggle.toggled.connect(self.set_open)
        self.annotate_button = QPushButton(self.tr("Annotate selection"), self)
        self.annotate_button.setToolTip(
            self.tr("Add a note on the words selected in the text (Ctrl+Shift+A)")
        )
        self.annotate_button.setAccessibleName(self.tr("Annotate the selected words"))
        self.annotate_button.clicked.connect(self.annotate_requested)
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 8, 2)
        header.addWidget(self.toggle)
        header.addStretch(1)
        header.addWidget(self.annotate_button)

        self.list = QListView(self)
        self.list.setObjectName("documentNotesList")
        self.list.setAccessibleName(self.tr("My notes on this document"))
        self.list.setModel(self.model)
        self.delegate = NoteCardDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.model.modelAboutToBeReset.connect(self.delegate.clear)
        self.list.selectionModel().currentChanged.connect(self._current_moved)

        self.caption = QLabel(self)
        self.caption.setObjectName("noteCaption")
        self.caption.setWordWrap(True)
        self.editor = NoteEditor(self)
        self.editor.setAccessibleName(self.tr("Note"))
        self.editor.setPlaceholderText(
            self.tr("Type a note; it is saved as you type. **bold**, *italic*, - lists.")
        )
        self.editor.edited.connect(self._edited)
        self.caption.setBuddy(self.editor)
        self.status = QLabel(self)
        self.status.setObjectName("quietNote")
        self.status.setAccessibleName(self.tr("Saving"))
        self.delete_button = QPushButton(self.tr("Delete note"), self)
        self.delete_button.setToolTip(self.tr("Move this note to the trash (it can be restored)"))
        self.delete_button.setAccessibleName(self.tr("Delete this note"))
        self.delete_button.clicked.connect(self._delete)
        editor_box = QWidget(self)
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(4)
        editor_layout.addWidget(self.caption)
        editor_layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.delete_button)
        editor_layout.addLayout(row)

        self.body = QSplitter(Qt.Orientation.Horizontal, self)
        self.body.setObjectName("notesPanelSplitter")
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.list)
        self.body.addWidget(editor_box)
        self.body.setStretchFactor(0, 2)
        self.body.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)
        self._update_header()
        self._show_entry(None)

    # -- what is shown ---------------------------------------------------------------------
    def set_entries(self, entries: list[NoteEntry], select_uid: str | None = None) -> None:
        keep = self.current_entry()
        self.model.set_entries(entries)
        self._update_header()
        row = None
        if select_uid is not None:
            row = self.model.row_of_uid(select_uid)
        if row is None and keep is not None:
            row = self.model.row_of(keep)
        self.list.setCurrentIndex(self.model.index(row if row is not None else 0))
        if not entries:
            self._show_entry(None)

    def clear(self) -> None:
        self.model.set_entries([])
        self._update_header()
        self._show_entry(None)

    def entries(self) -> list[NoteEntry]:
        return self.model.entries

    def current_entry(self) -> NoteEntry | None:
        index = self.list.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def select_uid(self, uid: str, *, focus: bool = False) -> bool:
        row = self.model.row_of_uid(uid)
        if row is None:
            return False
        self.set_open(True)
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        if focus:
            self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def _update_header(self) -> None:
        count = sum(1 for e in self.model.entries if e.is_passage or e.text.strip())
        text = self.tr("My notes on this document")
        if count:
            text += f" ({count})"
        self.toggle.setText(text)

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        self._show_entry(entry)
        self.current_changed.emit(entry)

    def _show_entry(self, entry: NoteEntry | None) -> None:
        self.editor.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None and entry.uid is not None)
        if entry is None:
            self.caption.setText(self.tr("Open a document to write notes on it."))
            self.editor.load("")
            self._shown = None
            return
        if entry.is_passage:
            quote = excerpt(entry.quote, 90)
            caption = self.tr("Note on “{quote}”").format(quote=quote)
            if entry.detached:
                caption += " — " + detached_words()
        else:
            caption = self.tr("Note on the whole document")
        self.caption.setText(caption)
        if entry is not self._shown or self.editor.toPlainText() != entry.text:
            self.editor.load(entry.text)  # the same note, reloaded, keeps its cursor and undo
        self._shown = entry

    # -- editing -------------------------------------------------------------------------------
    def _edited(self, text: str) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        entry.text = text
        self.model.changed(entry)
        self._update_header()
        self.status.setText(self.tr("Saving…"))
        self.text_edited.emit(entry, text)

    def _delete(self) -> None:
        entry = self.current_entry()
        if entry is not None and entry.uid is not None:
            self.delete_requested.emit(entry)

    # -- folding ---------------------------------------------------------------------------------
    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def set_open(self, open_: bool) -> None:
        if self.toggle.isChecked() != open_:
            self.toggle.setChecked(open_)  # comes back here through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.body.setVisible(open_)
        header = self.toggle.sizeHint().height() + 10
        self.setMaximumHeight(16_777_215 if open_ else header)
        self.setSizePolicy(
            QSizePolicy.Policy.Preferred,
            QSizePolicy.Policy.Expanding if open_ else QSizePolicy.Policy.Fixed,
        )
        self.open_changed.emit(open_)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        hint = super().sizeHint()
        return QSize(hint.width(), 170 if self.body.isVisibleTo(self) else hint.height())
