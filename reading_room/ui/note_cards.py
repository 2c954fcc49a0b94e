"""A note painted as a small card: what it is on, the quoted passage, the note's first lines.

Shared by the notes pane and the notes panel of the document view. Models give the
parts through the roles below; the delegate paints them (DESIGN.md convention 5), the
quote on the same soft green as the passage in the text, and a warning line — detached,
or no longer in the collection — in the error tint.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from . import style
from .list_models import AnyIndex

NoteRole = Qt.ItemDataRole.UserRole + 20  # the Note (or None for a note not written yet)
UidRole = Qt.ItemDataRole.UserRole + 21
RefRole = Qt.ItemDataRole.UserRole + 22
MetaRole = Qt.ItemDataRole.UserRole + 23  # "Document 03 · 1956-05-04 · edited …"
QuoteRole = Qt.ItemDataRole.UserRole + 24
TextRole = Qt.ItemDataRole.UserRole + 25
WarningRole = Qt.ItemDataRole.UserRole + 26  # "" or why the note is not where it was

EXCERPT = 240
QUOTE = 160


def tr(text: str) -> str:
    return QCoreApplication.translate("NoteCards", text)


def detached_words() -> str:
    return tr("detached — the words were not found in the current text")


def missing_words() -> str:
    return tr("document no longer in the collection")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def when(moment: datetime | None) -> str:
    """A note's time as a reader wants it: ``2025-05-12 14:03`` in local time."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def spoken(index: AnyIndex) -> str:
    """The card in words, for screen readers."""
    parts = [
        index.data(WarningRole) or "",
        index.data(MetaRole) or "",
        f"“{index.data(QuoteRole)}”" if index.data(QuoteRole) else "",
        index.data(TextRole) or "",
    ]
    return ". ".join(part for part in parts if part)


class NoteCardDelegate(QStyledItemDelegate):
    PAD_V = 7
    PAD_H = 10
    CACHE = 300

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple, QTextDocument] = OrderedDict()

    def clear(self) -> None:
        self._docs.clear()

    def _document(
        self, option: QStyleOptionViewItem, index: AnyIndex, selected: bool
    ) -> QTextDocument:
        width = max(80, option.rect.width() - 2 * self.PAD_H)
        view = option.widget
        if view is not None and hasattr(view, "viewport"):
            width = max(80, view.viewport().width() - 2 * self.PAD_H)
        parts = tuple(
            index.data(role) or "" for role in (MetaRole, QuoteRole, TextRole, WarningRole)
        )
        palette = option.palette
        key = (parts, width, selected, palette.cacheKey(), option.font.key())
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        meta, quote, text, warning = parts
        if selected:
            colour = palette.color(QPalette.ColorRole.HighlightedText)
            quiet = style.mix(colour, palette.color(QPalette.ColorRole.Highlight), 0.28)
            warn = colour
        else:
            colour = palette.color(QPalette.ColorRole.Text)
            quiet = style.muted(palette)
            warn = style.error(palette)
        small = max(7.0, option.font.pointSizeF() * 0.9)
        html_parts = []
        if meta:
            html_parts.append(
                f'<div style="color:{quiet.name()}; font-size:{small:.1f}pt;">{html.escape(meta)}</div>'
            )
        if warning:
            html_parts.append(
                f'<div style="color:{warn.name()}; font-size:{small:.1f}pt; font-style:italic;">'
                f"{html.escape(warning)}</div>"
            )
        if quote:
            shown = html.escape(excerpt(quote, QUOTE))
            back = style.annotation(palette)
            html_parts.append(
                f'<div style="margin-top:2px;"><span style="background-color:{back.name()};'
                f' color:{palette.color(QPalette.ColorRole.Text).name()}; font-style:italic;">'
                f"“{shown}”</span></div>"
            )
        body = html.escape(excerpt(text)) if text.strip() else ""
        if body:
            html_parts.append(f'<div style="color:{colour.name()}; margin-top:2px;">{body}</div>')
        elif not quote:
            html_parts.append(
                f'<div style="color:{quiet.name()}; font-style:italic;">'
                f"{html.escape(tr('(empty)'))}</div>"
            )
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml("".join(html_parts))
        doc.setTextWidth(width)
        self._docs[key] = doc
        while len(self._docs) > self.CACHE:
            self._docs.popitem(last=False)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        doc = self._document(option, index, False)
        return QSize(int(doc.textWidth()), int(doc.size().height()) + 2 * self.PAD_V + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget
            )
        doc = self._document(opt, index, selected)
        painter.translate(opt.rect.left() + self.PAD_H, opt.rect.top() + self.PAD_V)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = opt.palette
        doc.documentLayout().draw(painter, context)
        painter.restore()
        if not selected:
            painter.save()
            palette = opt.palette
            painter.setPen(
                style.mix(
                    palette.color(QPalette.ColorRole.Base),
                    palette.color(QPalette.ColorRole.Text),
                    0.1,
                )
            )
            rect = opt.rect
            painter.drawLine(
                rect.left() + self.PAD_H, rect.bottom(), rect.right() - self.PAD_H, rect.bottom()
            )
            painter.restore()
