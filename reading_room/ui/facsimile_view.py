"""The facsimile tab: page images and PDFs of a document, page by page.

Images (PNG, JPEG, multi-page TIFF …) are read with QImageReader, PDFs rendered with QtPdf,
both into one scrollable page so that paging, zoom and "fit width" work alike. A missing or
unreadable file is a plain message in the tab, never an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
PDF_SUFFIXES = {".pdf"}
SCREEN_DPI = 96.0
PAGE_MARGIN = 10


class PageSourceError(Exception):
    """A facsimile that cannot be shown, with the reason in words."""


class PageSource:
    """The pages of one attachment: how many, their natural size, and each page as an image."""

    def page_count(self) -> int:
        raise NotImplementedError

    def natural_size(self, page: int) -> QSize:
        raise NotImplementedError

    def render(self, page: int, size: QSize) -> QImage:
        raise NotImplementedError

    def close(self) -> None:
        pass


class ImagePages(PageSource):
    def __init__(self, path: str) -> None:
        self.path = path
        reader = QImageReader(path)
        if not reader.canRead():
            raise PageSourceError(reader.errorString())
        self.count = max(1, reader.imageCount())
        self._cache: dict[int, QImage] = {}

    def _image(self, page: int) -> QImage:
        if page not in self._cache:
            reader = QImageReader(self.path)
            reader.setAutoTransform(True)
            if page:
                reader.jumpToImage(page)
            image = reader.read()
            if image.isNull():
                raise PageSourceError(reader.errorString())
            self._cache = {page: image}  # keep one decoded page, not the whole file
        return self._cache[page]

    def page_count(self) -> int:
        return self.count

    def natural_size(self, page: int) -> QSize:
        return self._image(page).size()

    def render(self, page: int, size: QSize) -> QImage:
        return self._image(page).scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )


class PdfPages(PageSource):
    def __init__(self, path: str) -> None:
        self.document = QPdfDocument()
        error = self.document.load(path)
        if error != QPdfDocument.Error.None_ or self.document.pageCount() < 1:
            self.document.close()
            raise PageSourceError(_pdf_error(error))

    def page_count(self) -> int:
        return self.document.pageCount()

    def natural_size(self, page: int) -> QSize:
        points = self.document.pagePointSize(page)
        return QSize(
            round(points.width() * SCREEN_DPI / 72), round(points.height() * SCREEN_DPI / 72)
        )

    def render(self, page: int, size: QSize) -> QImage:
        image = self.document.render(page, size)
        if image.isNull():
            raise PageSourceError(
                QCoreApplication.translate("FacsimileView", "the page could not be drawn")
            )
        return image

    def close(self) -> None:
        self.document.close()


def _pdf_error(error: QPdfDocument.Error) -> str:
    words = {
        QPdfDocument.Error.FileNotFound: QT_TRANSLATE_NOOP(
            "FacsimileView", "the file is not there"
        ),
        QPdfDocument.Error.InvalidFileFormat: QT_TRANSLATE_NOOP(
            "FacsimileView", "it is not a readable PDF"
        ),
        QPdfDocument.Error.IncorrectPassword: QT_TRANSLATE_NOOP(
            "FacsimileView", "it is protected by a password"
        ),
        QPdfDocument.Error.UnsupportedSecurityScheme: QT_TRANSLATE_NOOP(
            "FacsimileView", "its protection is not supported"
        ),
        QPdfDocument.Error.DataNotYetAvailable: QT_TRANSLATE_NOOP(
            "FacsimileView", "it is not fully available yet"
        ),
    }
    damaged = QT_TRANSLATE_NOOP("FacsimileView", "it is damaged or empty")
    return QCoreApplication.translate("FacsimileView", str(words.get(error, damaged)))


def open_pages(path: str) -> PageSource:
    if not Path(path).is_file():
        raise FileNotFoundError(path)
    if Path(path).suffix.lower() in PDF_SUFFIXES:
        return PdfPages(path)
    return ImagePages(path)


class FacsimileView(QWidget):
    """Attachments list (when several), the page, and a bar: Page 2 of 5, zoom, fit width."""

    page_changed = Signal(int, int)  # current (1-based), count

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facsimileView")
        self._paths: list[str] = []
        self._source: PageSource | None = None
        self._page = 0
        self._zoom = 1.0
        self._fit_width = True
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(0)
        self._render_timer.timeout.connect(self._render)
        self._build()
        self._shortcuts()

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QWidget(self)
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(8, 4, 8, 4)
        self.previous_button = self._button(self.tr("‹"), self.tr("Previous page (Page Up)"))
        self.previous_button.clicked.connect(self.previous_page)
        self.page_label = QLabel(bar)
        self.page_label.setObjectName("pageLabel")
        self.page_label.setAccessibleName(self.tr("Page number"))
        self.next_button = self._button(self.tr("›"), self.tr("Next page (Page Down)"))
        self.next_button.clicked.connect(self.next_page)
        self.zoom_out_button = self._button(self.tr("−"), self.tr("Zoom out (Ctrl+−)"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_label = QLabel(bar)
        self.zoom_label.setAccessibleName(self.tr("Zoom"))
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("400 %"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = self._button(self.tr("+"), self.tr("Zoom in (Ctrl++)"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button = self._button(self.tr("Fit width"), self.tr("Fit the page to the width"))
        self.fit_button.setCheckable(True)
        self.fit_button.setChecked(True)
        self.fit_button.toggled.connect(self.set_fit_width)
        for widget in (self.previous_button, self.page_label, self.next_button):
            bar_layout.addWidget(widget)
        bar_layout.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar_layout.addWidget(widget)
        layout.addWidget(bar)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.file_list = QListWidget(self.splitter)
        self.file_list.setObjectName("facsimileFiles")
        self.file_list.setAccessibleName(self.tr("Facsimile files"))
        self.file_list.currentRowChanged.connect(self._open_row)
        self.stack = QStackedWidget(self.splitter)
        self.scroll_area = QScrollArea(self.stack)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidgetResizable(False)
        self.scroll_area.setAccessibleName(self.tr("Facsimile page"))
        self.scroll_area.setBackgroundRole(QPalette.ColorRole.Mid)  # the page stands out from it
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_label.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self.scroll_area.setWidget(self.image_label)
        self.scroll_area.installEventFilter(self)
        self.message_label = QLabel(self.stack)
        self.message_label.setObjectName("facsimileMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setMargin(24)
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self.message_label)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([160, 600])
        layout.addWidget(self.splitter, 1)
        self._update_bar()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        return button

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
        ):
            shortcut = QShortcut(key, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    # -- public -----------------------------------------------------------------------------
    def set_attachments(self, paths: Sequence[str]) -> None:
        self._close_source()
        self._paths = list(paths)
        self.file_list.blockSignals(True)
        self.file_list.clear()
        for path in self._paths:
            item = QListWidgetItem(Path(path).name or path, self.file_list)
            item.setToolTip(path)
        self.file_list.blockSignals(False)
        self.file_list.setVisible(len(self._paths) > 1)
        if self._paths:
            self.file_list.setCurrentRow(0)
            self._open_row(0)
        else:
            self._show_message(self.tr("This document has no facsimile."))

    def current_page(self) -> int:
        """1-based; 0 when nothing is shown."""
        return self._page + 1 if self._source else 0

    def page_count(self) -> int:
        return self._source.page_count() if self._source else 0

    def message(self) -> str:
        return self.message_label.text() if self.stack.currentWidget() is self.message_label else ""

    def next_page(self) -> None:
        """The next page, or the first page of the next file after the last one."""
        if self._source and self._page + 1 < self._source.page_count():
            self.go_to_page(self._page + 1)
        elif self.file_list.currentRow() + 1 < len(self._paths):
            self.file_list.setCurrentRow(self.file_list.currentRow() + 1)

    def previous_page(self) -> None:
        """The previous page, or the last page of the previous file before the first one."""
        if self._source and self._page > 0:
            self.go_to_page(self._page - 1)
        elif self.file_list.currentRow() > 0:
            self.file_list.setCurrentRow(self.file_list.currentRow() - 1)
            if self._source:
                self.go_to_page(self._source.page_count() - 1)

    def go_to_page(self, page: int) -> None:
        """Go to a 0-based page (out-of-range pages are ignored)."""
        if not self._source or not 0 <= page < self._source.page_count() or page == self._page:
            return
        self._page = page
        self._render()
        self.scroll_area.verticalScrollBar().setValue(0)

    def zoom_in(self) -> None:
        self._set_zoom(next((z for z in ZOOM_STEPS if z > self._effective_zoom() + 1e-3), None))

    def zoom_out(self) -> None:
        lower = [z for z in ZOOM_STEPS if z < self._effective_zoom() - 1e-3]
        self._set_zoom(lower[-1] if lower else None)

    def zoom_reset(self) -> None:
        self.fit_button.setChecked(True)

    def set_fit_width(self, fit: bool) -> None:
        self._fit_width = fit
        if self.fit_button.isChecked() != fit:
            self.fit_button.setChecked(fit)
        self._render()

    # -- internals --------------------------------------------------------------------------
    def _set_zoom(self, zoom: float | None) -> None:
        if zoom is None:
            return
        self._zoom = zoom
        self._fit_width = False
        self.fit_button.blockSignals(True)
        self.fit_button.setChecked(False)
        self.fit_button.blockSignals(False)
        self._render()

    def _open_row(self, row: int) -> None:
        self._close_source()
        if not 0 <= row < len(self._paths):
            return
        path = self._paths[row]
        name = Path(path).name or path
        try:
            self._source = open_pages(path)
        except FileNotFoundError:
            self._show_message(
                self.tr("The facsimile “%1” is missing: it is no longer at %2.")
                .replace("%1", name)
                .replace("%2", str(Path(path).parent))
            )
            return
        except (PageSourceError, OSError) as error:
            self._show_message(
                self.tr("The facsimile “%1” cannot be shown: %2.")
                .replace("%1", name)
                .replace("%2", str(error).rstrip(".") or self.tr("the file is damaged"))
            )
            return
        self._page = 0
        self.stack.setCurrentWidget(self.scroll_area)
        self._render()

    def _close_source(self) -> None:
        if self._source:
            self._source.close()
        self._source = None
        self._page = 0
        self.image_label.clear()

    def _show_message(self, text: str) -> None:
        self._source = None
        self.message_label.setText(text)
        self.stack.setCurrentWidget(self.message_label)
        self._update_bar()

    def _effective_zoom(self) -> float:
        if not self._fit_width or not self._source:
            return self._zoom
        natural = self._source.natural_size(self._page)
        return self._fit_zoom(natural)

    def _fit_zoom(self, natural: QSize) -> float:
        # the width with a scroll bar, shown or not, so fitting never flips it on and off
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        margins = 2 * (self.scroll_area.frameWidth() + PAGE_MARGIN)
        available = self.scroll_area.width() - margins - scrollbar - 2
        return max(0.05, available / max(1, natural.width()))

    def _render(self) -> None:
        if not self._source:
            self._update_bar()
            return
        try:
            natural = self._source.natural_size(self._page)
            zoom = self._fit_zoom(natural) if self._fit_width else self._zoom
            ratio = self.devicePixelRatioF()
            size = QSize(
                max(1, round(natural.width() * zoom * ratio)),
                max(1, round(natural.height() * zoom * ratio)),
            )
            image = self._source.render(self._page, size)
        except PageSourceError as error:
            self._show_message(
                self.tr("Page %1 cannot be shown: %2.")
                .replace("%1", str(self._page + 1))
                .replace("%2", str(error).rstrip("."))
            )
            return
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.image_label.setPixmap(pixmap)
        size = pixmap.deviceIndependentSize().toSize()
        self.image_label.resize(size.width() + 2 * PAGE_MARGIN, size.height() + 2 * PAGE_MARGIN)
        self.image_label.setAccessibleName(
            self.tr("Facsimile page %1 of %2")
            .replace("%1", str(self._page + 1))
            .replace("%2", str(self._source.page_count()))
        )
        self._update_bar()

    def _update_bar(self) -> None:
        count = self.page_count()
        current = self.current_page()
        if count:
            self.page_label.setText(
                self.tr("Page %1 of %2").replace("%1", str(current)).replace("%2", str(count))
            )
        else:
            self.page_label.setText("")
        row = self.file_list.currentRow()
        self.previous_button.setEnabled(current > 1 or row > 0)
        self.next_button.setEnabled(0 < current < count or 0 <= row < len(self._paths) - 1)
        for widget in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            widget.setEnabled(bool(count))
        self.zoom_label.setText(
            self.tr("%1 %").replace("%1", str(round(self._effective_zoom() * 100))) if count else ""
        )
        self.page_changed.emit(current, count)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if (
            watched is self.scroll_area
            and event.type() == QEvent.Type.Resize
            and self._fit_width
            and self._source
        ):
            self._render_timer.start()
        return super().eventFilter(watched, event)
