"""The bookmarks pane: my lists with their counts above, the documents of the chosen one below.

A document opens on a click (or Enter); its context menu moves it to another list, edits
its tags or removes it (to the trash). Documents can also be dragged onto a list. The
pane only asks the user session; it never holds the notebook.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .bookmarks_model import BookmarksModel, KeyRole, ListsModel
from .user_session import ALL_BOOKMARKS, UserSession


class _DocumentsView(QTreeView):
    """Enter opens, Delete removes, as in the other lists of the window."""

    open_requested = Signal(QModelIndex)
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        if event.matches(QKeySequence.StandardKey.Delete):
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)


class BookmarksPane(QWidget):
    open_requested = Signal(str)  # ref

    def __init__(self, user: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksPane")
        self.setAccessibleName(self.tr("My bookmarks"))
        self.user = user
        self._list_key = ALL_BOOKMARKS
        self._tag: str | None = None

        self.lists_model = ListsModel(self)
        self.lists_model.move_requested = self.user.move
        self.lists_view = QTreeView(self)
        self.lists_view.setObjectName("bookmarkLists")
        self.lists_view.setAccessibleName(self.tr("Bookmark lists"))
        self.lists_view.setModel(self.lists_model)
        self.lists_view.setRootIsDecorated(False)
        self.lists_view.setUniformRowHeights(True)
        self.lists_view.setAcceptDrops(True)
        self.lists_view.setDropIndicatorShown(True)
        self.lists_view.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.lists_view.header().setAccessibleName(self.tr("Columns of the lists"))
        self.lists_view.header().setStretchLastSection(False)
        self.lists_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lists_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.lists_view.selectionModel().currentChanged.connect(self._list_chosen)
        self.new_list_button = QPushButton(self.tr("New list…"), self)
        self.new_list_button.clicked.connect(self.new_list)
        self.rename_list_button = QPushButton(self.tr("Rename…"), self)
        self.rename_list_button.setAccessibleName(self.tr("Rename the list"))
        self.rename_list_button.clicked.connect(self.rename_list)
        self.delete_list_button = QPushButton(self.tr("Delete list"), self)
        self.delete_list_button.clicked.connect(self.delete_list)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_list_button)
        list_buttons.addWidget(self.rename_list_button)
        list_buttons.addWidget(self.delete_list_button)
        list_buttons.addStretch(1)
        lists_box = QWidget(self)
        lists_layout = QVBoxLayout(lists_box)
        lists_layout.setContentsMargins(8, 6, 8, 4)
        lists_layout.addWidget(self.lists_view, 1)
        lists_layout.addLayout(list_buttons)

        self.model = BookmarksModel(self)
        self.view = _DocumentsView(self)
        self.view.setObjectName("bookmarkedDocuments")
        self.view.setAccessibleName(self.tr("Bookmarked documents"))
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(self._open_index)
        self.view.open_requested.connect(self._open_index)
        self.view.remove_requested.connect(self.remove_selected)
        header = self.view.header()
        header.setAccessibleName(self.tr("Columns of the bookmarked documents"))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)

        self.caption = QLabel(self)
        self.caption.setObjectName("paneHeading")
        self.tag_box = QComboBox(self)
        self.tag_box.setAccessibleName(self.tr("Only documents with the tag"))
        self.tag_box.setToolTip(self.tr("Show only the bookmarks with a tag"))
        self.tag_box.currentIndexChanged.connect(self._tag_chosen)
        self.move_button = QPushButton(self.tr("Move to"), self)
        self.move_button.setAccessibleName(self.tr("Move the chosen documents to a list"))
        self.move_button.setMenu(QMenu(self.move_button))
        self.move_button.menu().aboutToShow.connect(
            lambda: self._fill_move_menu(self.move_button.menu())
        )
        self.tags_button = QPushButton(self.tr("Tags…"), self)
        self.tags_button.setAccessibleName(self.tr("Edit the tags of the chosen document"))
        self.tags_button.clicked.connect(self.edit_tags)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove the chosen bookmarks"))
        self.remove_button.setToolTip(self.tr("Remove the bookmarks (they go to the trash)"))
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(self.caption, 1)
        top.addWidget(self.tag_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.tags_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        documents_box = QWidget(self)
        documents_layout = QVBoxLayout(documents_box)
        documents_layout.setContentsMargins(8, 4, 8, 6)
        documents_layout.addLayout(top)
        documents_layout.addWidget(self.view, 1)
        documents_layout.addLayout(buttons)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(lists_box)
        self.splitter.addWidget(documents_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([150, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        user.bookmarks_changed.connect(self.refresh)
        self.refresh()

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        user = self.user
        self.lists_model.set_lists(user.lists, len(user.bookmarks))
        row = self.lists_model.row_of(self._list_key)
        if row is None:
            self._list_key, row = ALL_BOOKMARKS, 0
        self.lists_view.selectionModel().setCurrentIndex(
            self.lists_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tag_box.blockSignals(True)
        self.tag_box.clear()
        self.tag_box.addItem(self.tr("All tags"), None)
        for tag, count in user.tags:
            self.tag_box.addItem(f"{tag} ({count})", tag)
        index = self.tag_box.findData(self._tag) if self._tag else 0
        if index < 0:
            self._tag, index = None, 0
        self.tag_box.setCurrentIndex(index)
        self.tag_box.setVisible(bool(user.tags))
        self.tag_box.blockSignals(False)
        self._show_documents()

    def _show_documents(self) -> None:
        selected = set(self.selected_refs())
        key, tag = self._list_key, self._tag
        shown = [
            b
            for b in self.user.bookmarks
            if (key == ALL_BOOKMARKS or b.list_name == key)
            and (tag is None or any(t.casefold() == tag.casefold() for t in b.tags))
        ]
        self.model.set_bookmarks(shown, self.user.missing)
        self.view.setColumnHidden(2, key != ALL_BOOKMARKS)  # the list is said above
        for ref in selected:
            row = self.model.row_of(ref)
            if row is not None:
                self.view.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        name = self.tr("All bookmarks") if key == ALL_BOOKMARKS else key
        self.caption.setText(f"{name} ({len(shown)})")
        self._update_buttons()

    def _list_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.siblingAtColumn(0).data(KeyRole) if current.isValid() else None
        if key and key != self._list_key:
            self._list_key = key
            self._show_documents()
        self._update_buttons()

    def _tag_chosen(self, _index: int) -> None:
        self._tag = self.tag_box.currentData()
        self._show_documents()

    def _update_buttons(self) -> None:
        chosen = bool(self.selected_refs())
        for button in (self.move_button, self.remove_button):
            button.setEnabled(chosen)
        self.tags_button.setEnabled(len(self.selected_refs()) == 1)
        is_list = self._list_key != ALL_BOOKMARKS
        self.rename_list_button.setEnabled(is_list)
        self.delete_list_button.setEnabled(is_list)

    @property
    def list_key(self) -> str:
        return self._list_key

    def choose_list(self, key: str) -> None:
        row = self.lists_model.row_of(key)
        if row is not None:
            self.lists_view.setCurrentIndex(self.lists_model.index(row, 0))

    def selected_refs(self) -> list[str]:
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        return [b.ref for b in (self.model.bookmark(row) for row in rows) if b is not None]

    # -- doing -------------------------------------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        bookmark = self.model.bookmark(index.row())
        if bookmark is not None:
            self.open_requested.emit(bookmark.ref)

    def _context_menu(self, at: QPoint) -> None:
        if not self.view.indexAt(at).isValid():
            return
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("Open"))
        open_action.triggered.connect(lambda: self._open_index(self.view.currentIndex()))
        move = menu.addMenu(self.tr("Move to"))
        self._fill_move_menu(move)
        tags = menu.addAction(self.tr("Tags…"))
        tags.setEnabled(len(self.selected_refs()) == 1)
        tags.triggered.connect(self.edit_tags)
        menu.addSeparator()
        menu.addAction(self.tr("Remove bookmark")).triggered.connect(self.remove_selected)
        menu.popup(self.view.viewport().mapToGlobal(at))

    def _fill_move_menu(self, menu: QMenu) -> None:
        menu.clear()
        refs = self.selected_refs()
        for item in self.user.lists:
            action = QAction(item.name, menu)
            action.triggered.connect(lambda _=False, name=item.name: self.user.move(refs, name))
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("New list…")).triggered.connect(lambda: self.new_list(refs))

    def move_selected(self, list_name: str) -> None:
        self.user.move(self.selected_refs(), list_name)

    def remove_selected(self) -> None:
        refs = self.selected_refs()
        if refs:
            self.user.remove_bookmarks(refs)

    def edit_tags(self) -> None:
        refs = self.selected_refs()
        if len(refs) != 1:
            return
        bookmark = self.model.bookmark(self.model.row_of(refs[0]) or 0)
        current = ", ".join(bookmark.tags) if bookmark else ""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Tags"),
            self.tr("Tags of “{title}”, separated by commas:").format(
                title=bookmark.document.label() if bookmark else refs[0]
            ),
            text=current,
        )
        if ok:
            self.user.set_tags(refs[0], [t.strip() for t in text.split(",") if t.strip()])

    def new_list(self, refs: list[str] | None = None) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New list"), self.tr("Name of the new list:"))
        if ok and name.strip():
            if refs:
                self.user.move(refs, name.strip())
            else:
                self.user.create_list(name.strip())

    def rename_list(self) -> None:
        old = self._list_key
        if old == ALL_BOOKMARKS:
            return
        name, ok = QInputDialog.getText(
            self,
            self.tr("Rename list"),
            self.tr("New name of “{name}”:").format(name=old),
            text=old,
        )
        if ok and name.strip() and name.strip() != old:
            self._list_key = name.strip()
            self.user.rename_list(old, name.strip())

    def delete_list(self) -> None:
        name = self._list_key
        if name == ALL_BOOKMARKS:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete list"),
            self.tr(
                "Delete the list “{name}”? Its bookmarks go to the trash, from where they can be restored."
            ).format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.user.delete_list(name)
