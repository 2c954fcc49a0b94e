"""The pager above the results: "Results: 11 – 20 of 22", the page size, and the page buttons.

The header and page size sit above the list; first/previous/next/last and the
page number that can be typed sit in ``controls``, which the results pane puts
under the list, always in view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from ..core.search.types import PAGE_SIZES, Page
from .icons import IconButton
from .labels import number


def tr(text: str) -> str:
    return QCoreApplication.translate("Results", text)


def header_text(page: Page | None) -> str:
    """``Results: 11 – 20 of 22`` (en dash with spaces), or why there are none."""
    if page is None:
        return ""
    if not page.total:
        return tr("No results")
    return tr("Results: {first} – {last} of {total}").format(
        first=number(page.first), last=number(page.last), total=number(page.total)
    )


class PagerBar(QWidget):
    """The header and the page controls above the list."""

    page_requested = Signal(int)
    page_size_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pagerBar")
        self.header = QLabel()
        self.header.setObjectName("resultsHeader")
        self.header.setAccessibleName(tr("Results count"))
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QLabel(tr("Searching…"))
        self.busy.setObjectName("quietNote")
        self.busy.hide()
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(300)
        self._busy_timer.timeout.connect(self.busy.show)

        self.first_button = IconButton("go-first", tr("First page"))
        self.previous_button = IconButton("go-previous", tr("Previous page (Alt+Left)"))
        self.next_button = IconButton("go-next", tr("Next page (Alt+Right)"))
        self.last_button = IconButton("go-last", tr("Last page"))
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName(tr("Page number"))
        self.page_box.setToolTip(tr("Type a page number and press Enter"))
        self.page_box.setKeyboardTracking(False)
        self.page_box.setMinimum(1)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_of = QLabel()
        self.size_box = QComboBox()
        for size in PAGE_SIZES:
            self.size_box.addItem(str(size), size)
        self.size_box.setAccessibleName(tr("Results per page"))
        self.size_box.setToolTip(tr("Results per page"))
        size_label = QLabel(tr("Per page"))
        size_label.setObjectName("quietNote")
        size_label.setBuddy(self.size_box)

        self.first_button.clicked.connect(lambda: self.page_requested.emit(1))
        self.previous_button.clicked.connect(
            lambda: self.page_requested.emit(self.page_box.value() - 1)
        )
        self.next_button.clicked.connect(
            lambda: self.page_requested.emit(self.page_box.value() + 1)
        )
        self.last_button.clicked.connect(lambda: self.page_requested.emit(self.page_box.maximum()))
        self.page_box.valueChanged.connect(self.page_requested)
        self.size_box.currentIndexChanged.connect(
            lambda _i: self.page_size_requested.emit(self.size_box.currentData())
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addSpacing(8)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(size_label)
        layout.addWidget(self.size_box)

        # the page buttons sit under the list, always in view
        self.controls = QWidget()
        self.controls.setObjectName("pageControls")
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(6, 3, 6, 3)
        controls.setSpacing(2)
        controls.addStretch(1)
        for widget in (self.first_button, self.previous_button):
            controls.addWidget(widget)
        page_label = QLabel(tr("Page"))
        page_label.setObjectName("quietNote")
        page_label.setBuddy(self.page_box)
        controls.addSpacing(6)
        controls.addWidget(page_label)
        controls.addSpacing(4)
        controls.addWidget(self.page_box)
        controls.addSpacing(4)
        controls.addWidget(self.page_of)
        controls.addSpacing(6)
        for widget in (self.next_button, self.last_button):
            controls.addWidget(widget)
        controls.addStretch(1)
        self.set_page(None)

    def set_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.hide()

    def set_page_size(self, size: int) -> None:
        index = self.size_box.findData(size)
        if index >= 0 and index != self.size_box.currentIndex():
            self.size_box.blockSignals(True)
            self.size_box.setCurrentIndex(index)
            self.size_box.blockSignals(False)

    def set_page(self, page: Page | None) -> None:
        self.header.setText(header_text(page) if page is not None else "")
        count = page.page_count if page is not None else 1
        current = page.page if page is not None else 1
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, count))
        self.page_box.setValue(current)
        self.page_box.blockSignals(False)
        digits = len(str(max(1, count)))
        self.page_box.setFixedWidth(self.fontMetrics().horizontalAdvance("0" * max(2, digits)) + 22)
        self.page_of.setText(tr("of {count}").format(count=number(count)))
        has_hits = page is not None and page.total > 0
        self.first_button.setEnabled(has_hits and current > 1)
        self.previous_button.setEnabled(has_hits and current > 1)
        self.next_button.setEnabled(has_hits and current < count)
        self.last_button.setEnabled(has_hits and current < count)
        self.page_box.setEnabled(has_hits and count > 1)
        if page is not None:
            self.set_page_size(page.page_size)
