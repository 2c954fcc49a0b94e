"""Search matches painted over the text as extra selections: the document itself is never
changed, so printing and copying stay clean."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from .doc_render import blend, contrast

Span = tuple[int, int]


def highlight_formats(palette: QPalette) -> tuple[QTextCharFormat, QTextCharFormat]:
    """(every match, the current match) in colours taken from the palette: a tint of the
    selection colour under the normal text, and the selection colour itself, underlined."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    dark = base.lightnessF() < 0.5
    match = QTextCharFormat()
    match.setBackground(blend(base, highlight, 0.42 if dark else 0.26))
    match.setForeground(text)
    current = QTextCharFormat()
    current.setBackground(highlight)
    highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
    readable = contrast(highlighted_text, highlight) >= 3.0
    current.setForeground(highlighted_text if readable else text)
    current.setFontUnderline(True)
    return match, current


def selections(
    document: QTextDocument,
    spans: list[Span],
    current: int | None,
    formats: tuple[QTextCharFormat, QTextCharFormat],
) -> list[QTextEdit.ExtraSelection]:
    result = []
    for number, (start, end) in enumerate(spans):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = formats[1] if number == current else formats[0]
        result.append(selection)
    return result


def scroll_into_view(browser: QTextBrowser, position: int) -> None:
    """Bring a position on screen, a third of the way down, unless it is well in view."""
    cursor = QTextCursor(browser.document())
    cursor.setPosition(position)
    rect = browser.cursorRect(cursor)
    height = browser.viewport().height()
    margin = rect.height() * 2
    if rect.top() < margin or rect.bottom() > height - margin:
        bar = browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - height // 3)


def first_on_screen(browser: QTextBrowser, spans: list[Span]) -> int:
    """The first match at or below the top of the screen, so typing in the find box never
    jumps back to the start of a long document."""
    top = browser.cursorForPosition(browser.viewport().rect().topLeft()).position()
    return next((number for number, (start, _end) in enumerate(spans) if start >= top), 0)
