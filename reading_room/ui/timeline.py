"""Hits per year as a bar chart; dragging across the years sets the date filter.

The chart shows the search *without* its dates, with the chosen years lit and
the rest faded, so the shape of the whole record stays in view while one part
of it is read. By keyboard: Left/Right move a cursor, Shift extends it, Enter
sets the range, Escape clears it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from . import style

MAX_BAR = 34.0
LABEL_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)


def year_of(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


class TimelineWidget(QWidget):
    range_selected = Signal(int, int)  # (first year, last year), both included
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setAccessibleName(self.tr("Timeline: hits per year"))
        self.setToolTip("")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._counts: dict[int, int] = {}
        self._first = 0
        self._last = -1
        self._selection: tuple[int, int] | None = None
        self._drag: tuple[int, int] | None = None  # (anchor, current)
        self._cursor: int | None = None
        self._anchor: int | None = None
        self._hover: int | None = None
        self._shown = False  # nothing to say before the first search

    # -- data ---------------------------------------------------------------------
    def set_years(self, years: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> None:
        self._shown = True
        self._counts = {int(year): int(count) for year, count in years if count}
        if self._counts:
            self._first, self._last = min(self._counts), max(self._counts)
        else:
            self._first, self._last = 0, -1
        self._describe()
        self.update()

    def set_selection(self, first: int | None, last: int | None) -> None:
        """Light the years of the date filter (either end may be open)."""
        if first is None and last is None:
            selection = None
        else:
            lo = first if first is not None else min(self._first, last or self._first)
            hi = last if last is not None else max(self._last, first or self._last)
            selection = (min(lo, hi), max(lo, hi))
        if selection == self._selection:
            return  # every search shows its request here: most leave the dates as they were
        self._selection = selection
        self._describe()
        self.update()

    @property
    def years(self) -> dict[int, int]:
        return dict(self._counts)

    @property
    def selection(self) -> tuple[int, int] | None:
        return self._selection

    def _describe(self) -> None:
        if not self._counts:
            self.setAccessibleDescription(self.tr("No dated documents for this search."))
            return
        peak = max(self._counts, key=lambda y: self._counts[y])
        text = self.tr("Hits per year from {first} to {last}; most in {peak} ({count}).").format(
            first=self._first, last=self._last, peak=peak, count=self._counts[peak]
        )
        if self._selection:
            text += " " + self.tr("Selected: {first} to {last}.").format(
                first=self._selection[0], last=self._selection[1]
            )
        self.setAccessibleDescription(text)

    # -- geometry ---------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(400, 96)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 72)

    def _chart(self) -> tuple[QRectF, float]:
        """The bars' area and the width of one year's slot."""
        label_height = self.fontMetrics().height() + 4
        area = QRectF(self.rect()).adjusted(10, 8, -10, -label_height)
        span = max(1, self._last - self._first + 1)
        slot = area.width() / span
        if slot > MAX_BAR * 1.35:
            slot = MAX_BAR * 1.35
            width = slot * span
            area = QRectF(area.center().x() - width / 2, area.top(), width, area.height())
        return area, slot

    def year_at(self, x: float) -> int | None:
        if not self._counts:
            return None
        area, slot = self._chart()
        offset = int((x - area.left()) // slot) if slot else 0
        return max(self._first, min(self._last, self._first + offset))

    def x_of(self, year: int) -> float:
        """The middle of a year's bar (tests drag from bar to bar)."""
        area, slot = self._chart()
        return area.left() + (year - self._first + 0.5) * slot

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        quiet = style.muted(palette)
        if not self._counts:
            if not self._shown:
                return
            painter.setPen(quiet)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("No dated documents for this search"),
            )
            return
        area, slot = self._chart()
        highest = max(self._counts.values())
        lit = self._drag_range() or self._selection
        accent = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        faded = style.mix(accent, base, 0.7)
        resting = style.mix(accent, base, 0.2)
        if lit:
            lo, hi = max(lit[0], self._first), min(lit[1], self._last)
            if lo <= hi:
                band = QRectF(
                    area.left() + (lo - self._first) * slot,
                    area.top() - 4,
                    (hi - lo + 1) * slot,
                    area.height() + 4,
                )
                painter.fillRect(band, style.mix(base, accent, 0.12))
        bar_width = max(1.0, min(MAX_BAR, slot * 0.78))
        for year in range(self._first, self._last + 1):
            count = self._counts.get(year, 0)
            if not count:
                continue
            height = max(2.0, area.height() * count / highest)
            x = area.left() + (year - self._first) * slot + (slot - bar_width) / 2
            bar = QRectF(x, area.bottom() - height, bar_width, height)
            colour = (accent if lit[0] <= year <= lit[1] else faded) if lit else resting
            if year == self._hover or year == self._cursor:
                colour = style.mix(colour, palette.color(QPalette.ColorRole.Text), 0.25)
            painter.fillRect(bar, colour)
        painter.setPen(QPen(quiet, 1))
        painter.drawLine(
            QPointF(area.left(), area.bottom() + 0.5), QPointF(area.right(), area.bottom() + 0.5)
        )
        if self._cursor is not None and self.hasFocus():
            x = area.left() + (self._cursor - self._first) * slot
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.drawRect(QRectF(x + 0.5, area.top() - 3.5, slot - 1, area.height() + 3))
        self._paint_labels(painter, area, slot, quiet)

    def _paint_labels(self, painter: QPainter, area: QRectF, slot: float, colour) -> None:  # noqa: ANN001
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        painter.setPen(colour)
        width = painter.fontMetrics().horizontalAdvance("00000")
        step = next((s for s in LABEL_STEPS if s * slot >= width), LABEL_STEPS[-1])
        top = area.bottom() + 3
        height = self.rect().bottom() - top
        years = [y for y in range(self._first, self._last + 1) if y % step == 0]
        if step > 1 or not years:
            years = sorted({self._first, *years, self._last})
        drawn: list[float] = []
        for year in years:
            centre = area.left() + (year - self._first + 0.5) * slot
            if any(abs(centre - x) < width for x in drawn):
                continue
            drawn.append(centre)
            painter.drawText(
                QRectF(centre - width, top, 2 * width, height),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                str(year),
            )

    def _drag_range(self) -> tuple[int, int] | None:
        if self._drag is not None:
            return min(self._drag), max(self._drag)
        if self._anchor is not None and self._cursor is not None:
            return min(self._anchor, self._cursor), max(self._anchor, self._cursor)
        return None

    # -- mouse ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        year = self.year_at(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and year is not None:
            self._drag = (year, year)
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        year = self.year_at(event.position().x())
        if self._drag is not None and year is not None:
            self._drag = (self._drag[0], year)
            lo, hi = min(self._drag), max(self._drag)
            QToolTip.showText(
                event.globalPosition().toPoint(), f"{lo} – {hi}" if lo != hi else str(lo), self
            )
        elif year is not None:
            count = self._counts.get(year, 0)
            text = (
                self.tr("{year}: 1 document")
                if count == 1
                else self.tr("{year}: {count} documents")
            )
            QToolTip.showText(
                event.globalPosition().toPoint(), text.format(year=year, count=count), self
            )
        if year != self._hover:
            self._hover = year
        self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._drag is not None:
            year = self.year_at(event.position().x())
            if year is not None:
                self._drag = (self._drag[0], year)
            lo, hi = min(self._drag), max(self._drag)
            self._drag = None
            self._hover = None
            self._selection = (lo, hi)
            self.update()
            self.range_selected.emit(lo, hi)
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        self._hover = None
        self.update()
        super().leaveEvent(event)

    # -- keyboard -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if not self._counts:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            if self._cursor is None:
                self._cursor = self._selection[0] if self._selection else self._first
            extend = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if extend and self._anchor is None:
                self._anchor = self._cursor
            elif not extend:
                self._anchor = None
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(key)
            if step is not None:
                self._cursor = max(self._first, min(self._last, self._cursor + step))
            else:
                self._cursor = self._first if key == Qt.Key.Key_Home else self._last
            self.update()
            return
        if (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and self._cursor is not None
        ):
            lo, hi = self._drag_range() or (self._cursor, self._cursor)
            self._anchor = None
            self._selection = (lo, hi)
            self.update()
            self.range_selected.emit(lo, hi)
            return
        if key == Qt.Key.Key_Escape and (self._selection or self._anchor is not None):
            self._anchor = None
            self._selection = None
            self.update()
            self.cleared.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        self._anchor = None
        self.update()
        super().focusOutEvent(event)
