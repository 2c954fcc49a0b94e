"""A banner across the top of the window for what went wrong, in plain words.

Errors a user causes are said here, where they are working — never in a dialog
with a traceback. Information fades after a while; errors stay until closed or
until the next thing succeeds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from . import style
from .icons import IconButton, tinted


class MessageBar(QFrame):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(self.tr("Message"))
        self.close_button = IconButton("close", self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.kind = ""
        self.hide()

    def show_error(self, message: str) -> None:
        self._show(message, "error")

    def show_info(self, message: str, timeout_ms: int = 8000) -> None:
        self._show(message, "info")
        self._timer.start(timeout_ms)

    def _show(self, message: str, kind: str) -> None:
        self._timer.stop()
        self.kind = kind
        self.text.setText(message)
        self._paint_kind()
        self.show()

    def clear_error(self) -> None:
        if self.kind == "error":
            self.dismiss()

    def dismiss(self) -> None:
        self._timer.stop()
        self.kind = ""
        self.hide()
        self.closed.emit()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def _paint_kind(self) -> None:
        base = self.parentWidget().palette() if self.parentWidget() else self.palette()
        palette = QPalette(base)
        error = self.kind == "error"
        background = style.error_background(base) if error else style.info_background(base)
        palette.setColor(QPalette.ColorRole.Window, background)
        self.setPalette(palette)
        colour = style.error(base) if error else base.color(QPalette.ColorRole.Highlight)
        self.icon.setPixmap(tinted("warning" if error else "info", colour).pixmap(18, 18))

    def restyle(self) -> None:
        """Colours again from the window's palette (after light ↔ dark)."""
        if self.kind:
            self._paint_kind()

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.ParentChange:
            self.restyle()
