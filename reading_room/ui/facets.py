"""Facet lists: collection, person, place, subject, language and type, each value with its count.

One model per list (DESIGN.md convention 4). Picking a value narrows the
search; several values of one list widen each other (any of them). The values
picked stay at the top of their list, with their count, even when the engine
would no longer rank them among the most frequent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.search.types import FACET_FIELDS, FacetValue, Page, SearchRequest
from . import style
from .icons import check_icons
from .labels import number

CountRole = Qt.ItemDataRole.UserRole + 1
ValueRole = Qt.ItemDataRole.UserRole + 2
PickedRole = Qt.ItemDataRole.UserRole + 3

#: translated when shown (QCoreApplication.translate("Facets", …))
FACET_TITLES = {
    "collection": "Collections",
    "person": "People",
    "place": "Places",
    "subject": "Subjects",
    "language": "Languages",
    "type": "Document types",
}
SHORT_LIST = 6  # values shown until "Show all" is asked for
LONG_LIST = 14  # values in view once it is (the rest scroll)
FILTER_ABOVE = 10  # an opened list longer than this gets a box to find a value


def facet_title(field: str) -> str:
    return QCoreApplication.translate("Facets", FACET_TITLES.get(field, field.title()))


@dataclass
class FacetRow:
    value: str
    count: int | None  # None: picked, but not among the values counted for this search
    checked: bool


class FacetModel(QStandardItemModel):
    """The values of one facet for the current search: the value, and its count in column 1.

    The items live in C++ (a standard item model, painted by Qt's own delegate):
    a facet list is rebuilt and repainted on every search, while the search's
    worker may hold the GIL, so no Python runs per cell and per role. A new
    search's values are written into the items already there, all the roles of a
    cell in one call (``setItemData``), and not at all when they did not change
    (a page turned, the same search again).
    """

    toggled = Signal(str, bool)  # (value, picked)

    def __init__(self, field: str, label: Callable[[str], str] = str, parent=None) -> None:  # noqa: ANN001
        super().__init__(0, 2, parent)
        self.field = field
        self.label = label
        self._rows: list[FacetRow] = []
        self._shown: list[str] = []  # the label of each row, as shown
        self._boxes = check_icons(QApplication.palette())
        prototype = QStandardItem()
        prototype.setFlags(FLAGS)
        self.setItemPrototype(prototype)  # the items made for new rows carry our flags

    @staticmethod
    def rows_for(values: tuple[FacetValue, ...], selected: tuple[str, ...]) -> list[FacetRow]:
        """The rows a list shows: the values picked first (with their count, if counted)."""
        counts = {v.value: v.count for v in values}
        picked = [FacetRow(value, counts.get(value), True) for value in selected]
        chosen = set(selected)
        return picked + [FacetRow(v.value, v.count, False) for v in values if v.value not in chosen]

    def set_values(self, values: tuple[FacetValue, ...], selected: tuple[str, ...]) -> None:
        rows = self.rows_for(values, selected)
        shown = [self.label(row.value) for row in rows]
        palette = QApplication.palette()
        boxes = check_icons(palette)
        if rows == self._rows and shown == self._shown and boxes is self._boxes:
            return  # the same values, counts and picks: nothing to redraw
        self._rows = rows
        self._shown = shown
        self._boxes = boxes
        quiet = QBrush(style.muted(palette))
        index = self.index
        set_item_data = self.setItemData
        self.beginResetModel()
        self.blockSignals(True)
        self.setRowCount(len(rows))  # keeps the items of the rows that stay
        for position, (row, label) in enumerate(zip(rows, shown, strict=True)):
            set_item_data(
                index(position, 0),
                {
                    DISPLAY: label,
                    PickedRole: row.checked,
                    DECORATION: boxes[row.checked],
                    ValueRole: row.value,
                    CountRole: row.count,
                    TOOLTIP: _tooltip(label, row),
                    SPOKEN: _spoken(label, row),
                },
            )
            set_item_data(
                index(position, 1),
                {
                    DISPLAY: "" if row.count is None else number(row.count),
                    CountRole: row.count,
                    ALIGNMENT: RIGHT,
                    FOREGROUND: quiet,
                },
            )
        self.blockSignals(False)
        self.endResetModel()

    def counts(self) -> list[int]:
        return [row.count for row in self._rows if row.count is not None]

    def relabel(self) -> None:
        for position, row in enumerate(self._rows):
            item = self.item(position, 0)
            label = self.label(row.value)
            self._shown[position] = label
            if item is not None and item.text() != label:
                item.setText(label)
                item.setToolTip(_tooltip(label, row))
                item.setData(_spoken(label, row), Qt.ItemDataRole.AccessibleTextRole)

    def restyle(self) -> None:
        """The counts' quiet colour again, after the palette changed (light ↔ dark)."""
        palette = QApplication.palette()
        quiet = QBrush(style.muted(palette))
        self._boxes = check_icons(palette)
        for row, facet in enumerate(self._rows):
            self.item(row, 0).setIcon(self._boxes[facet.checked])
            self.item(row, 1).setForeground(quiet)

    def value(self, row: int) -> str:
        return self._rows[row].value

    def rows(self) -> list[FacetRow]:
        return list(self._rows)

    def values(self) -> list[str]:
        return [row.value for row in self._rows]

    def picked(self) -> int:
        return sum(1 for row in self._rows if row.checked)

    def toggle(self, row: int) -> None:
        """Pick or unpick a value; the search that follows brings the new counts."""
        if not 0 <= row < len(self._rows):
            return
        facet = self._rows[row]
        facet.checked = not facet.checked
        item = self.item(row, 0)
        item.setData(facet.checked, PickedRole)
        item.setIcon(self._boxes[facet.checked])
        item.setData(_spoken(item.text(), facet), Qt.ItemDataRole.AccessibleTextRole)
        self.toggled.emit(facet.value, facet.checked)


FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
SPOKEN = int(Qt.ItemDataRole.AccessibleTextRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


def _tooltip(label: str, row: FacetRow) -> str:
    if label != row.value:
        label = f"{label} ({row.value})"
    if row.count is None:
        return label
    if row.count == 1:
        return QCoreApplication.translate("Facets", "{label}: 1 document").format(label=label)
    return QCoreApplication.translate("Facets", "{label}: {count} documents").format(
        label=label, count=number(row.count)
    )


def _spoken(label: str, row: FacetRow) -> str:
    state = QCoreApplication.translate("Facets", "picked") if row.checked else ""
    count = "" if row.count is None else str(row.count)
    return ", ".join(part for part in (label, count, state) if part)


class _RowHeight(QStyledItemDelegate):
    """Qt's own painting, with rows tall enough to click; asked once per list (uniform rows)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: ANN001
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 8))


class FacetView(QTreeView):
    """A flat two-column list; a click or Space/Enter picks the value of the row."""

    toggle_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setAllColumnsShowFocus(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(_RowHeight(self))

    def setModel(self, model) -> None:  # noqa: ANN001 - Qt override
        super().setModel(model)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("00,000") + 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Room for the counts whole and a few letters of each value beside its box."""
        hint = super().minimumSizeHint()
        box = max(self.iconSize().width(), 16) + 8
        label = self.fontMetrics().horizontalAdvance("Washi…")
        counts = self.header().sectionSize(1)
        return QSize(max(hint.width(), box + label + counts + 2 * self.frameWidth()), hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.currentIndex().isValid()
        ):
            self.toggle_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class FacetList(QWidget):
    """One facet: a header that folds the list, a box to find a value, and the values."""

    toggled = Signal(str, str, bool)  # (field, value, picked)

    def __init__(
        self, field: str, label: Callable[[str], str] = str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.model = FacetModel(field, label, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.header = QToolButton()
        self.header.setObjectName("facetHeader")
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow)
        self.header.setAutoRaise(True)
        self.header.toggled.connect(self._fold)
        self.header.setAccessibleName(facet_title(field))

        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(self.tr("Find a value…"))
        self.find_box.setAccessibleName(self.tr("Find in {facet}").format(facet=facet_title(field)))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self._find)
        self.find_box.hide()

        self.more_button = QPushButton()
        self.more_button.setObjectName("linkButton")
        self.more_button.setFlat(True)
        self.more_button.setCheckable(True)
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.toggled.connect(lambda _on: self._update())

        self.view = FacetView()
        self.view.setObjectName("facetView")
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(facet_title(field))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.clicked.connect(lambda index: self._toggle_proxy_row(index.row()))
        self.view.toggle_requested.connect(self._toggle_proxy_row)
        self.model.toggled.connect(lambda value, on: self.toggled.emit(self.field, value, on))
        self.model.modelReset.connect(self._update)
        self._pending: tuple[tuple[FacetValue, ...], tuple[str, ...]] | None = None
        self._row_height: tuple[str, int] | None = None  # (font key, height of a row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.find_box)
        layout.addWidget(self.view)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._update()

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().changeEvent(event)
        if event.type() in (event.Type.StyleChange, event.Type.FontChange):
            self._row_height = None  # measured again at the next fit

    def _toggle_proxy_row(self, row: int) -> None:
        source = self.proxy.mapToSource(self.proxy.index(row, 0))
        if source.isValid():
            self.model.toggle(source.row())

    def _find(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._fit()

    def _fold(self, open_: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        if open_:
            self._apply_pending()
        self._update()

    def set_values(self, values: tuple[FacetValue, ...], selected: tuple[str, ...]) -> None:
        """The values of a new search; a folded list fills its rows only when it is opened."""
        self._pending = (values, selected)
        if self.header.isChecked():
            self._apply_pending()
        else:
            self._update()  # its header still says how many are picked, and hides when empty

    @property
    def pending(self) -> bool:
        """Values are waiting for the list to be unfolded."""
        return self._pending is not None

    def _apply_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.model.set_values(*pending)  # a reset, when anything changed, updates the rest

    def row_count(self) -> int:
        """The values of the list (those still waiting while it is folded too)."""
        return len(self._rows())

    def _rows(self) -> list[FacetRow]:
        if self._pending is not None:
            return FacetModel.rows_for(*self._pending)
        return self.model.rows()

    def _update(self) -> None:
        facet_rows = self._rows()
        rows = len(facet_rows)
        picked = sum(1 for row in facet_rows if row.checked)
        title = facet_title(self.field)
        if picked:
            title = self.tr("{facet} · {picked} picked").format(facet=title, picked=picked)
        self.header.setText(title)
        open_ = self.header.isChecked()
        long_ = self.more_button.isChecked()
        self.find_box.setVisible(open_ and long_ and rows > FILTER_ABOVE)
        if not long_ and self.find_box.text():
            self.find_box.clear()
        self.view.setVisible(open_)
        self.more_button.setVisible(open_ and rows > SHORT_LIST)
        self.more_button.setText(
            self.tr("Show fewer") if long_ else self.tr("Show all {count}").format(count=rows)
        )
        self.more_button.setAccessibleName(
            self.tr("Show fewer {facet}").format(facet=facet_title(self.field))
            if long_
            else self.tr("Show all {count} {facet}").format(
                count=rows, facet=facet_title(self.field)
            )
        )
        self.view.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if long_ else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setVisible(rows > 0)
        if open_ and self._pending is None:
            self._fit_count_column()
            self._fit()

    def _fit_count_column(self) -> None:
        metrics = self.view.fontMetrics()
        # digits are as wide as each other (tabular figures): the largest count is the widest
        widest = max(self.model.counts(), default=0)
        width = max(metrics.horizontalAdvance(number(widest)), metrics.horizontalAdvance("000"))
        header = self.view.header()
        if header.sectionSize(1) != width + 14:
            header.resizeSection(1, width + 14)
            self.view.updateGeometry()  # the panel is never narrower than the counts need

    def _fit(self) -> None:
        rows = self.proxy.rowCount()
        row_height = self.view.fontMetrics().height() + 8
        if rows:
            key = self.view.font().key()
            if self._row_height is None or self._row_height[0] != key:
                measured = max(
                    row_height,
                    self.view.sizeHintForRow(0),
                    self.view.rowHeight(self.proxy.index(0, 0)),
                )
                self._row_height = (key, measured)  # uniform rows: measured once per font
            row_height = self._row_height[1]
        limit = LONG_LIST if self.more_button.isChecked() else SHORT_LIST
        shown = max(1, min(rows, limit))
        self.view.setFixedHeight(shown * max(row_height, 1) + 2 * self.view.frameWidth() + 2)


class FacetsPanel(QScrollArea):
    """Every facet list of the search, one under the other."""

    toggled = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetsPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Filters"))
        self._labels: dict[str, Callable[[str], str]] = {}
        inner = QWidget()
        inner.setObjectName("facetsInner")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 0, 8, 4)
        layout.setSpacing(4)
        heading = QLabel(self.tr("Narrow by"))
        heading.setObjectName("paneHeading")
        layout.addWidget(heading)
        self.empty_note = QLabel(
            self.tr("Search to see people, places and subjects with their counts.")
        )
        self.empty_note.setWordWrap(True)
        self.empty_note.setObjectName("quietNote")
        layout.addWidget(self.empty_note)
        self.lists: dict[str, FacetList] = {}
        for field in FACET_FIELDS:
            facet = FacetList(field, lambda value, f=field: self._labels.get(f, str)(value))
            facet.toggled.connect(self.toggled)
            self.lists[field] = facet
            layout.addWidget(facet)
        layout.addStretch(1)
        self.setWidget(inner)
        # the lists' needs change as they fill (see ``minimumSizeHint``): tell the splitter
        inner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Never narrower than the lists need: a narrower panel cut the counts off ("54,05"
        for 54,051), its lists being as wide as their widest count and a few letters."""
        hint = super().minimumSizeHint()
        inner = self.widget().minimumSizeHint().width() if self.widget() else 0
        scrollbar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), inner + scrollbar + 2 * self.frameWidth()), hint.height())

    def set_label(self, field: str, label: Callable[[str], str]) -> None:
        """How the values of a facet read (collection ids as titles, language codes as names)."""
        self._labels[field] = label
        self.lists[field].model.relabel()

    def set_page(
        self, page: Page, request: SearchRequest, fields: Sequence[str] | None = None
    ) -> None:
        """The values of ``page``'s facets (of ``fields`` only: a list or a few at a time)."""
        for field in fields if fields is not None else self.lists:
            self.lists[field].set_values(page.facets.get(field, ()), getattr(request, field))
        self.empty_note.setVisible(not any(facet.row_count() for facet in self.lists.values()))

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            for facet in self.lists.values():
                facet.model.restyle()

    def models(self) -> list[FacetModel]:
        return [facet.model for facet in self.lists.values()]
