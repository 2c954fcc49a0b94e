"""Search matches painted over the text as extra selections: the document itself is never
changed, so printing and copying stay clean."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from . import style
from .doc_render import contrast

Span = tuple[int, int]


def highlight_formats(palette: QPalette) -> tuple[QTextCharFormat, QTextCharFormat]:
    """(every match, the current match): the marker the results list puts behind matched
    words (``style.marker``), and the selection colour itself, underlined."""
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    match = QTextCharFormat()
    match.setBackground(style.marker(palette))
    match.setForeground(style.marker_text(palette))
    current = QTextCharFormat()
    current.setBackground(highlight)
    highlighted_text = palette.color(QPalette.ColorRole.HighlightedText)
    readable = contrast(highlighted_text, highlight) >= 3.0
    current.setForeground(highlighted_text if readable else text)
    current.setFontUnderline(True)
    return match, current


def annotation_formats(palette: QPalette) -> tuple[QTextCharFormat, QTextCharFormat]:
    """(an annotated passage, the one whose note is open): soft green, underlined in green,
    so a passage reads apart from a search match even where both cover the same words."""
    formats = []
    for background in (style.annotation(palette), style.annotation_current(palette)):
        fmt = QTextCharFormat()
        fmt.setBackground(background)
        fmt.setForeground(palette.color(QPalette.ColorRole.Text))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(style.annotation_line(palette))
        formats.append(fmt)
    return formats[0], formats[1]


def span_cursors(document: QTextDocument, spans: Iterable[Span]) -> list[QTextCursor]:
    """A cursor selecting each span, made without laying the document out.

    A cursor moved to a position works out its x on screen for moving up and down, and for
    that lays the document out down to there: a match near the end of a long document
    made the whole of it be laid out at once, on opening it. Inside an edit block it does
    not (the document is not changed).
    """
    guard = QTextCursor(document)
    guard.beginEditBlock()
    try:
        cursors = []
        for start, end in spans:
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursors.append(cursor)
        return cursors
    finally:
        guard.endEditBlock()


def selections(
    document: QTextDocument,
    spans: list[Span],
    current: int | None,
    formats: tuple[QTextCharFormat, QTextCharFormat],
    limit: int | None = None,
) -> list[QTextEdit.ExtraSelection]:
    """The spans (those starting before ``limit``) as selections; span ``current`` stands out."""
    if limit is not None:
        spans = [span for span in spans if span[0] < limit]
    result = []
    for number, cursor in enumerate(span_cursors(document, spans)):
        selection = QTextEdit.ExtraSelection()
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
