"""The query box, the date fields and the sort order: the question being asked.

Typing searches after a short pause (debounced); Enter searches at once and
remembers the query among the recent searches the completer offers. Dates are
checked as they are typed, and a date that cannot be read is said so under the
fields instead of being searched.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.dates import parse_filter_bound
from ..core.errors import BadDate
from ..core.search.types import SearchRequest
from . import style
from .icons import icon, tinted

SORT_LABELS = (
    ("relevance", "Relevance"),
    ("date", "Date, oldest first"),
    ("-date", "Date, newest first"),
    ("title", "Title"),
)


class SearchPane(QWidget):
    query_changed = Signal(str)  # after the pause, or at once on Enter
    query_submitted = Signal(str)  # Enter: also worth remembering
    dates_changed = Signal(object, object)  # (from, to) as typed, each None when empty
    sort_changed = Signal(str)
    scope_changed = Signal(object)  # None (all documents), ALL_BOOKMARKS or a list's name

    def __init__(self, delay_ms: int = 250, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query_box = QLineEdit()
        self.query_box.setObjectName("queryBox")
        self.query_box.setPlaceholderText(
            self.tr('Search: words, "a phrase", yugoslav*, person:kennan … (F1 for help)')
        )
        self.query_box.setAccessibleName(self.tr("Query"))
        self.query_box.setAccessibleDescription(
            self.tr("The search query. Results follow as you type; Enter searches at once.")
        )
        self.query_box.setClearButtonEnabled(True)
        self.query_box.setToolTip(self.tr("Search the collections (Ctrl+L)"))
        self._search_action = self.query_box.addAction(
            icon("search", self.palette(), QPalette.ColorRole.PlaceholderText),
            QLineEdit.ActionPosition.LeadingPosition,
        )
        self._search_action.setText(self.tr("Search now"))
        self._search_action.setToolTip(self.tr("Search now (Enter)"))
        self._search_action.triggered.connect(self.submit)

        self.recent_model = QStringListModel(self)
        self.completer = QCompleter(self.recent_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.query_box.setCompleter(self.completer)
        self.completer.activated[str].connect(self._completion_chosen)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(delay_ms)
        self.debounce.timeout.connect(self._emit_query)
        self.query_box.textEdited.connect(lambda _text: self.debounce.start())
        self.query_box.returnPressed.connect(self.submit)
        # the clear button edits the text without textEdited
        self.query_box.textChanged.connect(self._maybe_cleared)

        self._warnings: dict[QLineEdit, QAction] = {}
        self.date_from = self._date_box(self.tr("Date from"), self.tr("from, e.g. 1956"))
        self.date_to = self._date_box(self.tr("Date to"), self.tr("to, e.g. 1962-10"))
        self.date_error = QLabel()
        self.date_error.setObjectName("dateError")
        self.date_error.setWordWrap(True)
        self.date_error.setAccessibleName(self.tr("Date problem"))
        self.date_error.hide()

        self.sort_box = QComboBox()
        for value, label in SORT_LABELS:
            self.sort_box.addItem(self.tr(label), value)
        self.sort_box.setAccessibleName(self.tr("Sort order"))
        self.sort_box.setToolTip(self.tr("Order of the results"))
        self.sort_box.currentIndexChanged.connect(
            lambda _i: self.sort_changed.emit(self.sort_box.currentData())
        )

        self.scope_box = QComboBox()
        self.scope_box.setObjectName("scopeBox")
        self.scope_box.setAccessibleName(self.tr("Search in"))
        self.scope_box.setToolTip(self.tr("Search all documents, or only my bookmarks or one list"))
        self.set_scopes([])
        self.scope_box.currentIndexChanged.connect(
            lambda _i: self.scope_changed.emit(self.scope_box.currentData())
        )
        scope_label = QLabel(self.tr("&In"))
        scope_label.setBuddy(self.scope_box)

        dates_label = QLabel(self.tr("&Dates"))
        dates_label.setBuddy(self.date_from)
        sort_label = QLabel(self.tr("S&ort"))
        sort_label.setBuddy(self.sort_box)
        dash = QLabel("–")
        dash.setAccessibleName(self.tr("to"))

        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.query_box, 1)
        row.addSpacing(10)
        row.addWidget(scope_label)
        row.addWidget(self.scope_box)
        row.addSpacing(10)
        row.addWidget(dates_label)
        row.addWidget(self.date_from)
        row.addWidget(dash)
        row.addWidget(self.date_to)
        row.addSpacing(10)
        row.addWidget(sort_label)
        row.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.date_error, 0, Qt.AlignmentFlag.AlignRight)
        self._refresh_colours()

    def _date_box(self, name: str, placeholder: str) -> QLineEdit:
        box = QLineEdit()
        box.setAccessibleName(name)
        box.setPlaceholderText(placeholder)
        box.setToolTip(self.tr("A year (1956), a month (1956-10) or a day (1956-10-23)"))
        box.setClearButtonEnabled(True)
        box.setFixedWidth(self.fontMetrics().horizontalAdvance("0000-00-00") + 62)
        warning = box.addAction(
            tinted("warning", style.error(self.palette())),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        warning.setText(self.tr("This date cannot be read"))
        warning.setToolTip(self.tr("This date cannot be read"))
        warning.setVisible(False)
        self._warnings[box] = warning
        box.editingFinished.connect(self._dates_edited)
        box.textChanged.connect(self._date_typed)
        return box

    # -- scope ------------------------------------------------------------------
    def set_scopes(self, lists: list[tuple[str, int]], *, bookmarks: int = 0) -> None:
        """Offer "All documents", "My bookmarks" and each list (name, count), keeping the choice."""
        from .user_session import ALL_BOOKMARKS

        box = self.scope_box
        current = box.currentData() if box.count() else None
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All documents"), None)
        box.addItem(self.tr("My bookmarks ({count})").format(count=bookmarks), ALL_BOOKMARKS)
        for name, count in lists:
            box.addItem(self.tr("List: {name} ({count})").format(name=name, count=count), name)
        index = box.findData(current) if current is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)
        if current is not None and index < 0:
            self.scope_changed.emit(None)  # the list went away: search everything again

    def set_scope(self, key: str | None) -> None:
        index = self.scope_box.findData(key) if key is not None else 0
        if index >= 0:
            self.scope_box.setCurrentIndex(index)

    def scope(self) -> str | None:
        return self.scope_box.currentData()

    # -- query ------------------------------------------------------------------
    def _emit_query(self) -> None:
        self.debounce.stop()
        self.query_changed.emit(self.query_box.text().strip())

    def submit(self) -> None:
        """Enter: search now, remember the query, and check the dates too."""
        if self.completer.popup().isVisible():
            self.completer.popup().hide()
        text = self.query_box.text().strip()
        if text:  # remembered first: the search then has the interpreter to itself
            self.query_submitted.emit(text)
        self._emit_query()

    def _completion_chosen(self, text: str) -> None:
        self.query_box.setText(text)
        self.submit()

    def _maybe_cleared(self, text: str) -> None:
        if not text and not self.debounce.isActive():
            self.debounce.start()

    def set_recent(self, queries: list[str]) -> None:
        self.recent_model.setStringList(queries)

    def focus_query(self) -> None:
        self.query_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query_box.selectAll()

    @property
    def typing(self) -> bool:
        return self.debounce.isActive()

    # -- dates --------------------------------------------------------------------
    def _date_typed(self, _text: str) -> None:
        if self.date_error.isVisible():
            self.validate_dates()  # let the message go as soon as the date is right

    def _dates_edited(self) -> None:
        dates = self.validate_dates()
        if dates is not None:
            self.dates_changed.emit(*dates)

    def validate_dates(self) -> tuple[str | None, str | None] | None:
        """The two dates as typed when both can be read and are in order; else None, said inline."""
        texts = [box.text().strip() or None for box in (self.date_from, self.date_to)]
        problem = ""
        bounds: list[str | None] = []
        for box, text, end in ((self.date_from, texts[0], False), (self.date_to, texts[1], True)):
            try:
                bounds.append(parse_filter_bound(text, end=end))
                self._warnings[box].setVisible(False)
            except BadDate as error:
                bounds.append(None)
                problem = problem or str(error)
                self._warnings[box].setVisible(True)
        if not problem and bounds[0] and bounds[1] and bounds[0] > bounds[1]:
            problem = self.tr(
                "The first date ({first}) is later than the second ({second})."
            ).format(first=texts[0], second=texts[1])
        self.date_error.setText(problem)
        self.date_error.setVisible(bool(problem))
        return None if problem else (texts[0], texts[1])

    def set_date_error(self, message: str) -> None:
        self.date_error.setText(message)
        self.date_error.setVisible(bool(message))

    # -- showing the request ----------------------------------------------------------
    def set_request(self, request: SearchRequest) -> None:
        """Show what is being searched, without overwriting what is being typed."""
        if not self.typing and self.query_box.text().strip() != request.query:
            self.query_box.setText(request.query)
        for box, value in ((self.date_from, request.date_from), (self.date_to, request.date_to)):
            if not box.hasFocus() and box.text().strip() != (value or ""):
                box.blockSignals(True)
                box.setText(value or "")
                box.blockSignals(False)
        if not (self.date_from.hasFocus() or self.date_to.hasFocus()):
            self.validate_dates()
        if request.refs is None and self.scope_box.currentIndex() != 0:
            self.scope_box.blockSignals(True)
            self.scope_box.setCurrentIndex(0)  # the scope was removed (its chip, "Clear all")
            self.scope_box.blockSignals(False)
        index = self.sort_box.findData(request.sort)
        if index >= 0 and index != self.sort_box.currentIndex():
            self.sort_box.blockSignals(True)
            self.sort_box.setCurrentIndex(index)
            self.sort_box.blockSignals(False)

    def _refresh_colours(self) -> None:
        palette = self.date_error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, style.error(self.palette()))
        self.date_error.setPalette(palette)
        self._search_action.setIcon(
            icon("search", self.palette(), QPalette.ColorRole.PlaceholderText)
        )
        for warning in self._warnings.values():
            warning.setIcon(tinted("warning", style.error(self.palette())))

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._refresh_colours()
