"""The small popup that shows a footnote where it is cited."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

MAX_WIDTH = 440


class NotePopup(QFrame):
    """Footnote ``[n]``: its text, and a button that scrolls to it in the Notes at the end.

    A Qt popup: a click elsewhere or Esc closes it.
    """

    go_to_note = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("notePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Footnote"))
        self._key = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(6)
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel(self)
        self.text.setObjectName("noteText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setMaximumWidth(MAX_WIDTH)
        self.go_button = QPushButton(self.tr("Go to the note"), self)
        self.go_button.setFlat(True)
        self.go_button.setAccessibleName(self.tr("Go to the note in the Notes section"))
        self.go_button.clicked.connect(self._go)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.go_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_note(self, key: str, text: str, at: QPoint) -> None:
        """Show note ``key`` with its top-left near the global point ``at``, kept on screen."""
        self._key = key
        self.heading.setText(self.tr("Note %1").replace("%1", key))
        self.text.setText(text)
        self.text.setMinimumWidth(min(MAX_WIDTH, self.text.fontMetrics().horizontalAdvance(text)))
        self.adjustSize()
        screen = QGuiApplication.screenAt(at) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            at = QPoint(
                max(area.left(), min(at.x(), area.right() - self.width())),
                max(area.top(), min(at.y(), area.bottom() - self.height())),
            )
        self.move(at)
        self.show()
        self.go_button.setFocus()

    def note_text(self) -> str:
        return self.text.text()

    def _go(self) -> None:
        self.hide()
        self.go_to_note.emit(self._key)
