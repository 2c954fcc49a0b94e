"""A tab widget that repaints its pages only when its own layout changes.

QTabWidget answers every LayoutRequest by laying out its tab bar and pages again
and repainting all of them. Such requests climb from any widget on a page whose
size hint may have changed — each new page of results changes the text of
"Results: 1 – 10 of 1,048" and the pager — so after every search the whole
results column (list, timeline, pager) was painted a second time, 10–17 ms of the
GUI thread at 100,000 documents. Here a request that would move neither the tab
bar nor the pages only passes the news of the size hints on to the parent.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QTabWidget, QWidget


class QuietTabWidget(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._laid_out: tuple[Any, ...] | None = None

    def _layout_state(self) -> tuple[Any, ...]:
        """What QTabWidget places its tab bar and pages from."""
        bar = self.tabBar()
        corners = tuple(
            (corner.sizeHint(), corner.isVisibleTo(self)) if corner is not None else None
            for corner in (
                self.cornerWidget(Qt.Corner.TopLeftCorner),
                self.cornerWidget(Qt.Corner.TopRightCorner),
            )
        )
        return (
            self.size(),
            bar.sizeHint(),
            bar.minimumSizeHint(),
            bar.isVisibleTo(self),
            self.count(),
            self.tabPosition(),
            self.documentMode(),
            corners,
        )

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.LayoutRequest:
            return super().event(event)
        state = self._layout_state()
        if state == self._laid_out:
            self.updateGeometry()  # the pages' size hints may still matter to the splitter
            return True
        handled = super().event(event)
        self._laid_out = self._layout_state()
        return handled
