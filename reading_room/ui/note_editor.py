"""The note editor: plain text with light Markdown, shown as it is typed.

Notes stay plain text (they export as they are written); a syntax highlighter gives
``**bold**``, ``*italic*``, ``# headings``, ``- lists`` and ``> quotes`` their look
without hiding the marks. Undo and redo are the editor's own (Ctrl+Z, Ctrl+Shift+Z).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from . import style

_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*_\w])([*_])(?![*_\s])(.+?)(?<![*_\s])\1(?![*_\w])")
_CODE = re.compile(r"`[^`]+`")
_HEADING = re.compile(r"^#{1,6}\s.*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_QUOTE = re.compile(r"^\s*>.*$")


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        muted = style.muted(palette)
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)
        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.mark = QTextCharFormat()
        self.mark.setForeground(muted)
        self.quote = QTextCharFormat()
        self.quote.setForeground(muted)
        self.quote.setFontItalic(True)
        self.code = QTextCharFormat()
        self.code.setFontFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"])
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt)
        if _HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), self.quote)
            return
        listed = _LIST.match(text)
        if listed:
            self.setFormat(0, listed.end(), self.mark)
        for match in _BOLD.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.bold)
            self._marks(match.start(), match.end(), len(match.group(1)))
        for match in _ITALIC.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.italic)
            self._marks(match.start(), match.end(), 1)
        for match in _CODE.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.code)

    def _marks(self, start: int, end: int, width: int) -> None:
        self.setFormat(start, width, self.mark)
        self.setFormat(end - width, width, self.mark)


class NoteEditor(QPlainTextEdit):
    """Emits ``edited`` for what a person types, never for text the program puts in."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setTabChangesFocus(True)  # Tab leaves the note, as in a form
        self._loading = False
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.textChanged.connect(self._changed)

    def load(self, text: str) -> None:
        """Show a note's text, with a fresh undo history (undo never reaches another note)."""
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.toPlainText())

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())
