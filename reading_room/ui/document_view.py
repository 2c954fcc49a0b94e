"""The document pane: one document read in full, its search matches highlighted.

The main window gives it plain ``DocumentView`` and ``Hit`` dataclasses and listens to its
signals; the pane never touches the library. Layout of the text lives in ``doc_render``,
the match bars in ``doc_findbar``, highlights in ``doc_highlight``, citation, printing and PDF
in ``doc_export``, facsimiles in ``facsimile_view``; my notes on the document in
``doc_notes_panel`` below the text, their passages painted by ``doc_passages``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from . import doc_export
from .doc_annotating import AnnotatingMixin
from .doc_findbar import MatchBar
from .doc_highlight import first_on_screen, highlight_formats, scroll_into_view, selections
from .doc_matching import PARTS, document_matches, find_plain
from .doc_passages import Passages
from .doc_popup import NotePopup
from .doc_render import (
    LINK_SCHEME,
    NOTE_ANCHOR,
    NOTE_SCHEME,
    SERIF,
    Colours,
    RenderedDocument,
    build_document,
    fonts,
)
from .doc_toolbar import DocumentToolbar
from .facsimile_view import FacsimileView
from .note_cards import excerpt

if TYPE_CHECKING:
    from reading_room.core.library import DocumentView
    from reading_room.core.search.types import Hit

ZOOM_KEY = "document/zoom"
#: characters of the document, from the top, whose highlights are painted at once (a screen
#: and more); the rest follow, HIGHLIGHT_STEP more per turn of the event loop
HIGHLIGHT_FIRST = 8_000
HIGHLIGHT_STEP = 16_000
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
MEASURE = 76  # characters a line at most: lines longer than that are hard to follow


def _preferences() -> QSettings:
    """The application's preferences file, where the text size is kept between sessions."""
    try:
        from .settings import settings_path
    except ImportError:
        return QSettings()
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


class DocumentPane(QWidget, AnnotatingMixin):
    """Title, dates, reference and metadata links, summary, text with its notes, facsimiles."""

    search_requested = Signal(str, str)  # field, value
    previous_requested = Signal()
    next_requested = Signal()
    document_requested = Signal(str)  # ref
    document_shown = Signal(object)  # DocumentView (or None): my notes on it are wanted
    annotate_requested = Signal(object, int, int)  # DocumentView, start and end in its body
    bookmark_requested = Signal(object)  # DocumentView: its star was clicked

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPane")
        self.setAccessibleName(self.tr("Document"))
        self._settings = settings if settings is not None else _preferences()
        self._view: DocumentView | None = None
        self._query = ""
        self._rendered: RenderedDocument | None = None
        self._matches: dict[str, list[tuple[int, int]]] = {}  # the query's, per part
        self._query_spans: list[tuple[int, int]] = []
        self._find_spans: list[tuple[int, int]] = []
        self._current = {"query": 0, "find": 0}
        self._highlight_to = HIGHLIGHT_FIRST  # the document position highlights are painted to
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(0)
        self._highlight_timer.timeout.connect(self._highlight_more)
        self._zoom = self._stored_zoom()
        self.passages = Passages()
        self._build()
        self._shortcuts()
        self.toolbar.set_zoom(self._zoom)

    # -- construction -----------------------------------------------------------------------
    def _build(self) -> None:
        self.note_popup = NotePopup(self)
        self.note_popup.go_to_note.connect(self.scroll_to_note)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbar = DocumentToolbar(self)
        tb = self.toolbar
        tb.previous_action.triggered.connect(self.previous_requested)
        tb.next_action.triggered.connect(self.next_requested)
        tb.zoom_in_action.triggered.connect(self.zoom_in)
        tb.zoom_out_action.triggered.connect(self.zoom_out)
        tb.copy_citation_action.triggered.connect(self.copy_citation)
        tb.copy_reference_action.triggered.connect(self.copy_reference)
        tb.print_action.triggered.connect(self.print_document)
        tb.pdf_action.triggered.connect(self.save_as_pdf)
        tb.bookmark_action.triggered.connect(self._star_clicked)
        layout.addWidget(tb)

        self.stack = QStackedWidget(self)
        self.placeholder = self._message_label(
            self.tr("Choose a document in the results to read it here.")
        )
        self.error_label = self._message_label("")
        self.error_label.setObjectName("documentError")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)
        self.tabs.currentChanged.connect(self._tab_changed)
        for widget in (self.placeholder, self.error_label, self.tabs):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)

        text_tab = QWidget(self.tabs)
        text_layout = self._text_layout = QVBoxLayout(text_tab)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.setSpacing(0)
        self.query_bar = MatchBar(editable=False, parent=text_tab)
        self.query_bar.previous_requested.connect(lambda: self.step_match(-1))
        self.query_bar.next_requested.connect(lambda: self.step_match(1))
        self.query_bar.hide()
        self.find_bar = MatchBar(editable=True, parent=text_tab)
        self.find_bar.previous_requested.connect(lambda: self.step_match(-1))
        self.find_bar.next_requested.connect(lambda: self.step_match(1))
        self.find_bar.text_changed.connect(self._find_changed)
        self.find_bar.closed.connect(self.close_find)
        self.find_bar.hide()
        text_layout.addWidget(self.query_bar)
        text_layout.addWidget(self.find_bar)

        self.text_column = QWidget(text_tab)
        column = QVBoxLayout(self.text_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.browser = QTextBrowser(self.text_column)
        self.browser.setObjectName("documentText")
        self.browser.setAccessibleName(self.tr("Document text"))
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        self.browser.viewport().installEventFilter(self)
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._context_menu)
        self.setFocusProxy(self.browser)  # focusing the pane puts the keys on the text
        column.addWidget(self.browser, 1)
        self.related_panel = QWidget(self.text_column)
        self.related_panel.setObjectName("relatedPanel")
        self.related_panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        related_layout = self._related_layout = QVBoxLayout(self.related_panel)
        related_layout.setContentsMargins(8, 6, 8, 8)
        related_layout.setSpacing(4)
        self.related_title = QLabel(self.tr("&Related documents"), self.related_panel)
        self.related_list = QListWidget(self.related_panel)
        self.related_list.setObjectName("relatedList")
        self.related_list.setAccessibleName(self.tr("Related documents"))
        self.related_list.setUniformItemSizes(True)
        self.related_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.related_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.related_list.itemActivated.connect(self._related_activated)
        self.related_list.itemClicked.connect(self._related_activated)
        self.related_title.setBuddy(self.related_list)
        related_layout.addWidget(self.related_title)
        related_layout.addWidget(self.related_list)
        column.addWidget(self.related_panel)
        self._build_notes(text_tab, text_layout)
        self.tabs.addTab(text_tab, self.tr("Text"))
        self.text_tab = text_tab

        self.facsimile = FacsimileView(self.tabs)
        self.facsimile.hide()  # a tab only while the document has facsimiles
        self.stack.setCurrentWidget(self.placeholder)

    def _message_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setMargin(32)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys = (
            (QKeySequence.StandardKey.Find, self.open_find),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence("Ctrl+="), self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.zoom_reset),
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence("Ctrl+Shift+C"), self.copy_citation),
            (QKeySequence("Ctrl+Shift+S"), self.save_as_pdf),
        )
        self._shortcut_objects = []
        for key, slot in keys:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
            self._shortcut_objects.append(shortcut)

    # -- the API the main window uses ------------------------------------------------------------
    def show_document(
        self,
        view: DocumentView,
        query: str = "",
        related: tuple[Hit, ...] = (),
        matches: dict[str, list[tuple[int, int]]] | None = None,
    ) -> None:
        """Show ``view``, the matches of ``query`` highlighted.

        ``matches`` are the query's matches in each part (``doc_matching.document_matches``),
        found beforehand off the GUI thread; without them they are found here.
        """
        self.note_popup.hide()
        self.passages.clear()
        self.notes_panel.clear()
        self._view = view
        self._query = query.strip()
        self._matches = matches if matches is not None else document_matches(view, self._query)
        self._show_facsimiles(view.attachments)
        self.stack.setCurrentWidget(self.tabs)
        self._layout.activate()  # the text's real width before it is laid out and scrolled
        self._render()
        self.browser.verticalScrollBar().setValue(0)
        self._current = {"query": 0, "find": 0}
        self._find_spans = self._compute_find()
        self._update_matches(scroll=True)
        self._show_related(related)
        self.browser.setAccessibleDescription(view.title)
        self.toolbar.set_document_actions(True)
        self.document_shown.emit(view)

    def set_navigation(self, position: int, total: int) -> None:
        self.toolbar.set_navigation(position, total)

    def show_error(self, message: str) -> None:
        self.note_popup.hide()
        self.error_label.setText(message)
        self._view = None
        self.passages.clear()
        self.notes_panel.clear()
        self.toolbar.set_document_actions(False)
        self.document_shown.emit(None)  # no document: no notes to write on it
        self.stack.setCurrentWidget(self.error_label)

    # -- rendering --------------------------------------------------------------------------
    def _point_size(self) -> float:
        base = max(QApplication.font().pointSizeF(), 9.0) * 1.2
        return round(base * self._zoom / 100, 1)

    def _render(self) -> None:
        if self._view is None:
            return
        old = self._rendered
        colours = Colours.from_palette(self.browser.palette())
        self._rendered = build_document(self._view, colours, self._point_size())
        self._rendered.document.setParent(self.browser)
        self._fit_measure()  # before it is shown: laid out once, in its column
        self._highlight_to = HIGHLIGHT_FIRST
        self.browser.setDocument(self._rendered.document)
        if old is not None:
            old.document.deleteLater()
        spans: list[tuple[int, int]] = []
        for part in PARTS:
            for start, end in self._matches.get(part, ()):
                position = self._rendered.position(part, start, end)
                if position:
                    spans.append(position)
        self._query_spans = spans
        self._place_passages()

    def _fit_measure(self) -> None:
        """Centre the text in a column of at most MEASURE characters, however wide the pane."""
        if self._rendered is None:
            return
        document = self._rendered.document
        metrics = QFontMetricsF(fonts(SERIF, self._point_size()))
        measure = metrics.averageCharWidth() * MEASURE
        margin = document.documentMargin()
        side = max(margin, (self.browser.viewport().width() - measure) / 2)
        root = document.rootFrame()
        fmt = root.frameFormat()
        if abs(fmt.leftMargin() - side) > 0.5:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)

    def _compute_find(self) -> list[tuple[int, int]]:
        needle = self.find_bar.text()
        if self.find_bar.isHidden() or not needle.strip() or self._rendered is None:
            return []
        return find_plain(self._rendered.document.toRawText(), needle)

    # -- matches ----------------------------------------------------------------------------
    def _active(self) -> str:
        return "find" if not self.find_bar.isHidden() and self.find_bar.text().strip() else "query"

    def _spans(self, which: str) -> list[tuple[int, int]]:
        return self._find_spans if which == "find" else self._query_spans

    def match_count(self) -> int:
        """How many matches the active bar (find, else the search's query) counts."""
        return len(self._spans(self._active()))

    def current_match(self) -> int:
        """0-based index of the current match of the active bar."""
        return self._current[self._active()]

    def step_match(self, step: int) -> None:
        """Next (+1) or previous (-1) match, wrapping around at the ends."""
        which = self._active()
        spans = self._spans(which)
        if not spans:
            return
        self._current[which] = (self._current[which] + step) % len(spans)
        self._update_matches(scroll=True)

    def _update_matches(self, scroll: bool = False) -> None:
        which = self._active()
        query_total = len(self._query_spans)
        self.query_bar.setVisible(bool(self._query))
        if self._query:
            shown = self._query if len(self._query) <= 40 else self._query[:39] + "…"
            caption = self.tr("Search matches for “%1”:").replace("%1", shown)
            self.query_bar.set_caption(caption)
            self.query_bar.set_count(self._current["query"], query_total)
            if not query_total:
                self.query_bar.counter.setText(self.tr("none in the text"))
        self.find_bar.set_count(self._current["find"], len(self._find_spans))
        spans = self._spans(which)
        if spans:  # the match shown is highlighted, however far down it is
            self._highlight_to = max(self._highlight_to, spans[self._current[which]][1] + 1)
        self._paint_highlights(which)
        if scroll and spans:
            scroll_into_view(self.browser, spans[self._current[which]][0])

    def _paint_highlights(self, active: str) -> None:
        """Matches and annotated passages, painted over the text (extra selections).

        Qt lays the text out down to every selection it is given, at once, where it would
        otherwise lay out the first screen and the rest a piece at a time: a long document
        (100,000 characters) with matches near its end was laid out whole on opening, for
        40 ms and more. So the highlights are given from the top down: those of the first
        ``HIGHLIGHT_FIRST`` characters (and of the match shown), then ``HIGHLIGHT_STEP``
        more per turn of the event loop, while Qt lays the rest out in steps of its own.
        """
        document = self.browser.document()
        limit = self._highlight_to
        formats = highlight_formats(self.browser.palette())
        found = self.passages.selections(
            document, self.browser.palette(), self.notes_panel.current_entry(), limit
        )
        more = self.passages.beyond(limit)
        for which in ("query", "find"):
            current = self._current[which] if which == active else None
            spans = self._spans(which)
            found += selections(document, spans, current, formats, limit)
            more = more or any(start >= limit for start, _end in spans[-1:])
        self.browser.setExtraSelections(found)
        if more:
            self._highlight_timer.start()

    def _highlight_more(self) -> None:
        if self._rendered is None or self._view is None:
            return
        self._highlight_to += HIGHLIGHT_STEP
        self._paint_highlights(self._active())

    @property
    def highlighting(self) -> bool:
        """Highlights further down the text are still to be painted (a turn or a few later)."""
        return self._highlight_timer.isActive()

    # -- find in document -------------------------------------------------------------------
    def open_find(self) -> None:
        if self._view is None:
            return
        self.tabs.setCurrentWidget(self.text_tab)
        self.find_bar.show()
        assert self.find_bar.edit is not None
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()
        self._find_changed(self.find_bar.text())

    def close_find(self) -> None:
        self.find_bar.hide()
        self._find_spans = []
        self._update_matches()
        self.browser.setFocus()

    def _find_changed(self, _text: str) -> None:
        self._find_spans = self._compute_find()
        self._current["find"] = first_on_screen(self.browser, self._find_spans)
        self._update_matches(scroll=True)

    # -- links, notes, related documents ---------------------------------------------------------
    def _anchor_clicked(self, url: QUrl) -> None:
        scheme, _, value = url.toString().partition(":")
        if self._rendered is None:
            return
        if scheme == LINK_SCHEME and value.isdigit() and int(value) < len(self._rendered.links):
            target = self._rendered.links[int(value)]
            self.search_requested.emit(target.field, target.value)
        elif scheme == NOTE_SCHEME and value in self._rendered.notes:
            self.show_note(value)

    def show_note(self, key: str) -> None:
        """The footnote ``key`` in a popup beside its first marker in the text."""
        if self._rendered is None or key not in self._rendered.notes:
            return
        position = self._marker_position(key)
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        rect = self.browser.cursorRect(cursor)
        at = self.browser.viewport().mapToGlobal(rect.bottomLeft())
        self.note_popup.show_note(key, self._rendered.notes[key], at)

    def _marker_position(self, key: str) -> int:
        block = self.browser.document().begin()
        href = f"{NOTE_SCHEME}:{key}"
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                if fragment.charFormat().anchorHref() == href:
                    return fragment.position()
                iterator += 1
            block = block.next()
        return 0

    def scroll_to_note(self, key: str) -> None:
        self.browser.scrollToAnchor(NOTE_ANCHOR + key)

    def show_related(self, ref: str, related: tuple[Hit, ...]) -> None:
        """The related documents of ``ref``, found after it was shown (if it still is)."""
        if self._view is not None and self._view.ref == ref:
            self._show_related(related)

    def _show_related(self, related: tuple[Hit, ...]) -> None:
        self.related_list.clear()
        for hit in related:
            date = f" — {hit.date_text}" if hit.date_text else ""
            item = QListWidgetItem(f"{hit.title}{date}", self.related_list)
            item.setData(Qt.ItemDataRole.UserRole, hit.ref)
            item.setToolTip(f"{hit.title}\n{hit.ref}")
        self.related_panel.setVisible(bool(related))
        # as tall as its rows, up to five; more scroll
        rows = max(1, min(len(related), 5))
        row_height = self.related_list.sizeHintForRow(0) if related else 0
        height = rows * max(row_height, 1) + 2 * self.related_list.frameWidth()
        self.related_list.setFixedHeight(height)
        self._related_layout.activate()
        self._text_layout.activate()

    def _related_activated(self, item: QListWidgetItem) -> None:
        ref = item.data(Qt.ItemDataRole.UserRole)
        if ref:
            self.document_requested.emit(str(ref))

    def _show_facsimiles(self, attachments: tuple[str, ...]) -> None:
        index = self.tabs.indexOf(self.facsimile)
        if attachments:
            if index < 0:
                self.tabs.addTab(self.facsimile, self.tr("Facsimile"))
            self.facsimile.set_attachments(attachments)
            label = self.tr("Facsimile")
            if len(attachments) > 1:
                label = self.tr("Facsimiles (%1)").replace("%1", str(len(attachments)))
            self.tabs.setTabText(self.tabs.indexOf(self.facsimile), label)
        elif index >= 0:
            self.tabs.removeTab(index)
            self.facsimile.hide()
            self.facsimile.set_attachments(())

    def _tab_changed(self, _index: int) -> None:
        self.note_popup.hide()

    # -- zoom -------------------------------------------------------------------------------
    def zoom(self) -> int:
        """Text size in percent."""
        return self._zoom

    def _stored_zoom(self) -> int:
        try:
            value = int(str(self._settings.value(ZOOM_KEY, 100)))
        except (TypeError, ValueError):
            value = 100
        return min(ZOOM_STEPS, key=lambda step: abs(step - value))

    def set_zoom(self, percent: int) -> None:
        percent = min(ZOOM_STEPS, key=lambda step: abs(step - percent))
        if percent == self._zoom:
            return
        scroll = self.browser.verticalScrollBar()
        fraction = scroll.value() / scroll.maximum() if scroll.maximum() else 0.0
        self._zoom = percent
        self._settings.setValue(ZOOM_KEY, percent)
        self.toolbar.set_zoom(percent)
        if self._view is not None:
            self._render()
            self._find_spans = self._compute_find()
            self._update_matches()
            scroll.setValue(round(fraction * scroll.maximum()))

    def zoom_in(self) -> None:
        if self._facsimile_active():
            self.facsimile.zoom_in()
        else:
            self.set_zoom(next((s for s in ZOOM_STEPS if s > self._zoom), self._zoom))

    def zoom_out(self) -> None:
        if self._facsimile_active():
            self.facsimile.zoom_out()
        else:
            self.set_zoom(next((s for s in reversed(ZOOM_STEPS) if s < self._zoom), self._zoom))

    def zoom_reset(self) -> None:
        if self._facsimile_active():
            self.facsimile.zoom_reset()
        else:
            self.set_zoom(100)

    def _facsimile_active(self) -> bool:
        return (
            self.stack.currentWidget() is self.tabs and self.tabs.currentWidget() is self.facsimile
        )

    # -- citation, print, PDF ---------------------------------------------------------------
    def citation(self, fmt: str = "text") -> str:
        """The Chicago note citation of the document shown ("" when none)."""
        return doc_export.citation(self._view, fmt) if self._view is not None else ""

    def copy_citation(self) -> None:
        if self._view is not None:
            self.toolbar.show_status(doc_export.copy_citation(self._view))

    def copy_reference(self) -> None:
        if self._view is not None:
            self.toolbar.show_status(doc_export.copy_reference(self._view))

    def save_pdf(self, path: str) -> None:
        """Write the document with header and citation footer to ``path`` (raises OSError)."""
        if self._view is not None:
            doc_export.write_pdf(self._view, path)

    def save_as_pdf(self) -> None:
        if self._view is not None:
            self.toolbar.show_status(doc_export.save_as_pdf(self._view, self))

    def print_document(self) -> None:
        if self._view is not None:
            self.toolbar.show_status(doc_export.print_view(self._view, self))

    # -- events -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focus = QApplication.focusWidget()
            if isinstance(focus, QAbstractButton):
                focus.animateClick()
            elif focus not in (self.related_list, self.notes_panel.list):
                shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.step_match(-1 if shift else 1)
            event.accept()
            return
        if key == Qt.Key.Key_Escape and not self.find_bar.isHidden():
            self.close_find()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.browser.viewport():
            if event.type() == QEvent.Type.Resize:
                self._fit_measure()
            elif event.type() == QEvent.Type.ToolTip:
                return self._tooltip(event)
            elif (
                event.type() == QEvent.Type.MouseButtonRelease
                and event.button() == Qt.MouseButton.LeftButton  # type: ignore[attr-defined]
            ):
                self._passage_clicked(event.position().toPoint())  # type: ignore[attr-defined]
        return super().eventFilter(watched, event)

    def _tooltip(self, event: QEvent) -> bool:
        """Hovering a footnote marker shows its note; a metadata link says what it searches."""
        href = self.browser.anchorAt(event.pos())  # type: ignore[attr-defined]
        tip = self._rendered.tooltips.get(href, "") if self._rendered and href else ""
        if not tip:
            position = self.browser.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            entry = self.passages.at(position)
            if entry is not None:
                tip = excerpt(entry.text, 600) or self.tr("(no note yet — click to write one)")
        if tip:
            QToolTip.showText(event.globalPos(), tip, self.browser.viewport())  # type: ignore[attr-defined]
        else:
            QToolTip.hideText()
        return True

    def link_tooltip(self, href: str) -> str:
        """What hovering the link ``href`` (e.g. ``rr-note:1``) shows."""
        return self._rendered.tooltips.get(href, "") if self._rendered else ""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.PaletteChange and self._view is not None:
            scrolled = self.browser.verticalScrollBar().value()
            self._render()  # colours follow a light/dark switch
            self._find_spans = self._compute_find()
            self._update_matches()
            self.browser.verticalScrollBar().setValue(scrolled)
        super().changeEvent(event)
