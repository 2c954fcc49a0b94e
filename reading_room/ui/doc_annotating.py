"""The document pane's part of my notes: the notes panel below the text, the passages
painted in it, annotating the selected words and the bookmark star.

A mixin of ``DocumentPane`` (its own module, so that the pane stays one screenful of
reading code): it uses the pane's browser, rendered document, settings and signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from .doc_anchors import document_to_body, trim
from .doc_highlight import scroll_into_view
from .doc_notes_panel import NoteEntry, NotesPanel

if TYPE_CHECKING:
    from reading_room.core.library import DocumentView

NOTES_OPEN_KEY = "document/notes_open"
NOTES_SPLIT_KEY = "document/notes_splitter"


class AnnotatingMixin:
    """Needs from the pane: browser, tabs, text_tab, text_column, toolbar, passages, _view,
    _rendered, _settings, _active(), _paint_highlights(), bookmark_requested and
    annotate_requested."""

    _view: Any
    _rendered: Any
    _settings: Any
    browser: Any
    tabs: Any
    text_tab: Any
    text_column: Any
    toolbar: Any
    passages: Any
    bookmark_requested: Any
    annotate_requested: Any
    tr: Any

    def _build_notes(self, text_tab: QWidget, text_layout: QVBoxLayout) -> None:
        """My notes below the text, in a splitter that keeps its place between runs."""
        self.notes_panel = NotesPanel(text_tab)
        self.notes_panel.annotate_requested.connect(self.annotate_selection)
        self.notes_panel.current_changed.connect(
            lambda _entry: self._paint_highlights(self._active())
        )
        self.notes_panel.open_changed.connect(self._notes_opened)
        self.notes_splitter = QSplitter(Qt.Orientation.Vertical, text_tab)
        self.notes_splitter.setObjectName("notesSplitter")
        self.notes_splitter.setChildrenCollapsible(False)
        self.notes_splitter.addWidget(self.text_column)
        self.notes_splitter.addWidget(self.notes_panel)
        self.notes_splitter.setStretchFactor(0, 1)
        self.notes_splitter.setStretchFactor(1, 0)
        text_layout.addWidget(self.notes_splitter, 1)
        saved = self._settings.value(NOTES_SPLIT_KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.notes_splitter.restoreState(saved)
        self.notes_splitter.splitterMoved.connect(
            lambda *_: self._settings.setValue(NOTES_SPLIT_KEY, self.notes_splitter.saveState())
        )
        self.notes_panel.set_open(
            self._settings.value(NOTES_OPEN_KEY, True) not in (False, "false")
        )

    @property
    def view(self) -> DocumentView | None:
        return self._view

    def set_bookmarked(self, bookmarked: bool) -> None:
        self.toolbar.set_bookmarked(bookmarked)

    def _star_clicked(self) -> None:
        if self._view is not None:
            self.bookmark_requested.emit(self._view)

    def set_note_entries(self, entries: list[NoteEntry], select_uid: str | None = None) -> None:
        """My notes on the document shown; their passages are highlighted in the text."""
        self.notes_panel.set_entries(entries, select_uid)
        self._place_passages()
        self._paint_highlights(self._active())

    def _place_passages(self) -> None:
        if self._rendered is None or self._view is None:
            self.passages.clear()
            return
        runs = self._rendered.runs.get("body", [])
        self.passages.place(runs, self._view.body, self.notes_panel.entries())

    def selected_body_span(self) -> tuple[int, int] | None:
        """The words selected in the text, as offsets into the body (None: no body words)."""
        cursor = self.browser.textCursor()
        if self._view is None or self._rendered is None or not cursor.hasSelection():
            return None
        runs = self._rendered.runs.get("body", [])
        span = document_to_body(
            runs, self._view.body, cursor.selectionStart(), cursor.selectionEnd()
        )
        return trim(self._view.body, *span) if span else None

    def annotate_selection(self) -> None:
        """Ctrl+Shift+A: a note on the selected words (the window makes it and opens it)."""
        if self._view is None:
            return
        span = self.selected_body_span()
        if span is None:
            self.toolbar.show_status(self.tr("Select some words of the text to annotate them."))
            return
        self.tabs.setCurrentWidget(self.text_tab)
        self.annotate_requested.emit(self._view, *span)

    def focus_note(self, uid: str, *, edit: bool = False) -> bool:
        """Show note ``uid``: chosen in the notes panel, its passage brought into view."""
        if not self.notes_panel.select_uid(uid, focus=edit):
            return False
        self.tabs.setCurrentWidget(self.text_tab)
        span = self.passages.span_of(uid)
        if span is not None:
            self._paint_highlights(self._active())
            scroll_into_view(self.browser, span[0])
        return True

    def _notes_opened(self, open_: bool) -> None:
        self._settings.setValue(NOTES_OPEN_KEY, open_)
        if open_:
            sizes = self.notes_splitter.sizes()
            wanted = self.notes_panel.sizeHint().height()
            if len(sizes) == 2 and sizes[1] < wanted and sum(sizes) > 2 * wanted:
                self.notes_splitter.setSizes([sum(sizes) - wanted, wanted])

    def _context_menu(self, at: QPoint) -> None:
        menu = self.browser.createStandardContextMenu(at)
        annotate = QAction(self.tr("Annotate selection"), menu)
        annotate.setShortcut(QKeySequence("Ctrl+Shift+A"))
        annotate.setEnabled(self.selected_body_span() is not None)
        annotate.triggered.connect(self.annotate_selection)
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, annotate)
        menu.insertSeparator(first)
        menu.popup(self.browser.viewport().mapToGlobal(at))

    def _passage_clicked(self, at: QPoint) -> bool:
        if self.browser.textCursor().hasSelection() or self.browser.anchorAt(at):
            return False
        entry = self.passages.at(self.browser.cursorForPosition(at).position())
        if entry is None or entry.uid is None:
            return False
        self.focus_note(entry.uid)
        return True
