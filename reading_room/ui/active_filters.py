"""The row of active filters: each one a chip with ×, and "Clear all".

Always in view while any filter narrows the search, so nobody wonders why a
document they expected is missing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QWidget

from ..core.search.types import FACET_FIELDS, SearchRequest
from .flow_layout import FlowLayout
from .icons import icon
from .search_session import DATE, SCOPE

SINGULAR = {
    "collection": "Collection",
    "person": "Person",
    "place": "Place",
    "subject": "Subject",
    "language": "Language",
    "type": "Type",
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ActiveFilters", text)


def date_label(date_from: str | None, date_to: str | None) -> str:
    if date_from and date_to:
        if date_from == date_to:
            return tr("Date: {date}").format(date=date_from)
        return tr("Date: {first} – {last}").format(first=date_from, last=date_to)
    if date_from:
        return tr("Date: from {first}").format(first=date_from)
    return tr("Date: until {last}").format(last=date_to)


def scope_label(name: str) -> str:
    return tr("In: {scope}").format(scope=name)


def describe_filters(
    request: SearchRequest, label: Callable[[str, str], str] | None = None, scope: str = ""
) -> list[str]:
    """Each active filter in words, e.g. ``Person: Tito`` (also for the empty-results panel)."""
    words = [scope_label(scope or tr("my bookmarks"))] if request.refs is not None else []
    if request.date_from or request.date_to:
        words.append(date_label(request.date_from, request.date_to))
    for field in FACET_FIELDS:
        for value in getattr(request, field):
            shown = label(field, value) if label else value
            name = tr(SINGULAR[field])
            words.append(f"{name}: {shown}")
    return words


class FilterChip(QToolButton):
    """One active filter; clicking it (or its ×) removes it."""

    def __init__(self, text: str, field: str, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.value = value
        self.setObjectName("filterChip")
        self.setText(text)
        self.setToolTip(self.tr("Remove this filter"))
        self.setAccessibleName(self.tr("Remove filter {filter}").format(filter=text))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the × after the words
        self.setIconSize(QSize(12, 12))
        self.setIcon(icon("close", self.palette()))
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self.setIcon(icon("close", self.palette()))


class ActiveFiltersBar(QWidget):
    remove_requested = Signal(str, str)  # (field, value); field "date" for the dates
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activeFilters")
        self.setAccessibleName(self.tr("Active filters"))
        self._label: Callable[[str, str], str] | None = None
        self.scope = ""  # what a search limited to some documents is limited to, in words
        self._layout = FlowLayout(self, spacing=6)
        self.caption = QLabel(self.tr("Filtered by:"))
        self.caption.setObjectName("quietNote")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.clear_button = QPushButton(self.tr("Clear all"))
        self.clear_button.setObjectName("linkButton")
        self.clear_button.setFlat(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.setAccessibleName(self.tr("Clear all filters"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.chips: list[FilterChip] = []
        self.hide()

    def set_labeller(self, label: Callable[[str, str], str]) -> None:
        self._label = label

    def set_request(self, request: SearchRequest) -> None:
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        self._layout.removeWidget(self.caption)
        self._layout.removeWidget(self.clear_button)
        entries: list[tuple[str, str, str]] = []
        if request.refs is not None:
            entries.append((scope_label(self.scope or tr("my bookmarks")), SCOPE, ""))
        if request.date_from or request.date_to:
            entries.append((date_label(request.date_from, request.date_to), DATE, ""))
        for field in FACET_FIELDS:
            for value in getattr(request, field):
                shown = self._label(field, value) if self._label else value
                name = tr(SINGULAR[field])
                entries.append((f"{name}: {shown}", field, value))
        if not entries:
            self.hide()
            return
        self._layout.addWidget(self.caption)
        for text, field, value in entries:
            chip = FilterChip(text, field, value, self)
            chip.clicked.connect(lambda _=False, f=field, v=value: self.remove_requested.emit(f, v))
            self.chips.append(chip)
            self._layout.addWidget(chip)
        self._layout.addWidget(self.clear_button)
        self.clear_button.setVisible(len(entries) > 1)
        height = self.chips[0].sizeHint().height()
        for label in (self.caption, self.clear_button):
            label.setFixedHeight(height)
        self.show()
        self.updateGeometry()
