"""The two "3 of 12" bars of the document view: the search's matches and find-in-document."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


def counter_text(current: int, total: int) -> str:
    """ "3 of 12" (``current`` 0-based), or "No matches"."""
    if total <= 0:
        return QCoreApplication.translate("MatchBar", "No matches")
    text = QCoreApplication.translate("MatchBar", "%1 of %2")
    return text.replace("%1", str(current + 1)).replace("%2", str(total))


class MatchBar(QWidget):
    """A counter with previous/next buttons; with ``editable``, a find box and a close button.

    Enter / Shift+Enter in the find box step forwards / backwards; Esc closes it.
    """

    previous_requested = Signal()
    next_requested = Signal()
    text_changed = Signal(str)
    closed = Signal()

    def __init__(self, *, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editable = editable
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(6)
        self.caption = QLabel(self)
        layout.addWidget(self.caption)
        self.edit: QLineEdit | None = None
        if editable:
            self.caption.setText(self.tr("Find:"))
            self.edit = QLineEdit(self)
            self.edit.setObjectName("findEdit")
            self.edit.setClearButtonEnabled(True)
            self.edit.setPlaceholderText(self.tr("Word or phrase, accents optional"))
            self.edit.setAccessibleName(self.tr("Find in document"))
            self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("x" * 12))
            self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("x" * 40))
            self.caption.setBuddy(self.edit)
            self.edit.textChanged.connect(self.text_changed)
            self.edit.installEventFilter(self)
            layout.addWidget(self.edit, 1)
        self.counter = QLabel(self)
        self.counter.setObjectName("findCounter" if editable else "matchCounter")
        self.counter.setMinimumWidth(self.counter.fontMetrics().horizontalAdvance("000 of 000"))
        self.counter.setAccessibleName(self.tr("Match counter"))
        layout.addWidget(self.counter)
        self.previous_button = self._button(self.tr("↑"), self.tr("Previous match (Shift+Enter)"))
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button = self._button(self.tr("↓"), self.tr("Next match (Enter)"))
        self.next_button.clicked.connect(self.next_requested)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addStretch(1)
        if editable:
            close = self._button(self.tr("✕"), self.tr("Close the find bar (Esc)"))
            close.clicked.connect(self.closed)
            layout.addWidget(close)
        self.set_count(0, 0)

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    def set_caption(self, text: str) -> None:
        self.caption.setText(text)

    def set_count(self, current: int, total: int) -> None:
        empty = self.editable and self.edit is not None and not self.edit.text().strip()
        self.counter.setText("" if empty else counter_text(current, total))
        self.previous_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)

    def text(self) -> str:
        return self.edit.text() if self.edit else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.edit and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous_requested.emit()
                else:
                    self.next_requested.emit()
                return True
            if key == Qt.Key.Key_Escape:
                self.closed.emit()
                return True
        return super().eventFilter(watched, event)
