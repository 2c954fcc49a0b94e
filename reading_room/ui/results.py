"""The results list: one page of hits in a Qt model, painted by a delegate.

"Results: 11 – 20 of 22" above; the pager's first/previous/next/last buttons,
a page number that can be typed and the page size beside it. The delegate
paints each hit — number, date, collection, title and the snippet with its
matched words marked — without a widget per row (DESIGN.md conventions 4–5).
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..core.search.types import Hit, Page
from . import style
from .icons import icon, tinted
from .list_models import AnyIndex, ReadOnlyListModel
from .pager import PagerBar

HitRole = Qt.ItemDataRole.UserRole + 1
NumberRole = Qt.ItemDataRole.UserRole + 2
RefRole = Qt.ItemDataRole.UserRole + 3
DateRole = Qt.ItemDataRole.UserRole + 4
TitleRole = Qt.ItemDataRole.UserRole + 5
CollectionRole = Qt.ItemDataRole.UserRole + 6
SnippetRole = Qt.ItemDataRole.UserRole + 7
BookmarkedRole = Qt.ItemDataRole.UserRole + 8

LONG_DATE = 34  # printed dates longer than this (datelines) give way to the normalised date


def tr(text: str) -> str:
    return QCoreApplication.translate("Results", text)


def hit_date(hit: Hit) -> str:
    text = " ".join(hit.date_text.split())
    if text and len(text) <= LONG_DATE:
        return text
    if hit.date_start:
        if hit.date_end and hit.date_end != hit.date_start:
            return f"{hit.date_start} – {hit.date_end}"
        return hit.date_start
    return text[:LONG_DATE] + "…" if text else tr("undated")


def plain_snippet(snippet: str) -> str:
    return html.unescape(snippet.replace("<b>", "").replace("</b>", ""))


class ResultsModel(ReadOnlyListModel):
    """The hits of the page shown; the search engine keeps the rest."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._page: Page | None = None
        self._hits: tuple[Hit, ...] = ()
        self.collection_label: Callable[[str], str] = str
        self.is_bookmarked: Callable[[str], bool] = lambda _ref: False  # until bookmarks exist

    def bookmarks_changed(self) -> None:
        """Stars to repaint: the bookmarked documents changed (or the profile did)."""
        if self._hits:
            roles = [BookmarkedRole, Qt.ItemDataRole.AccessibleTextRole]
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1), roles)

    def set_page(self, page: Page | None) -> None:
        self.beginResetModel()
        self._page = page
        self._hits = page.hits if page is not None else ()
        self.endResetModel()

    @property
    def page(self) -> Page | None:
        return self._page

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of_number(self, number: int) -> int | None:
        return next((row for row, hit in enumerate(self._hits) if hit.number == number), None)

    def row_of_ref(self, ref: str) -> int | None:
        return next((row for row, hit in enumerate(self._hits) if hit.ref == ref), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.number}. {hit.title}"
        if role == HitRole:
            return hit
        if role == NumberRole:
            return hit.number
        if role == RefRole:
            return hit.ref
        if role == DateRole:
            return hit_date(hit)
        if role == TitleRole:
            return hit.title
        if role == CollectionRole:
            return self.collection_label(hit.collection)
        if role == SnippetRole:
            return hit.snippet
        if role == BookmarkedRole:
            return bool(self.is_bookmarked(hit.ref))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{hit.ref}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            starred = tr("bookmarked") if self.is_bookmarked(hit.ref) else ""
            parts = [
                f"{hit.number}.",
                starred,
                hit_date(hit),
                hit.title,
                plain_snippet(hit.snippet),
            ]
            return " ".join(part for part in parts if part)
        return None


@dataclass(frozen=True)
class _CardStyle:
    """What a card's look takes from the palette and font, worked out once for both."""

    key: tuple  # the colours and font it was worked out from
    text: str  # colour names for the HTML
    quiet: str
    mark: str
    mark_text: str
    small: float  # point sizes of the date line and the title
    big: float
    small_metrics: QFontMetrics
    number: QColor  # the hit's number
    line: QColor  # the line between cards


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as a small card; matched words sit on a marker derived from the palette.

    Each card is a small rich-text document, laid out once per hit, width and state and
    kept (the list asks for the size of a row several times and paints it again on every
    hover); the colours and sizes the cards share are worked out once per palette and font.
    """

    PAD_V = 9
    PAD_H = 10
    CACHE = 400

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._docs: OrderedDict[tuple, tuple[QTextDocument, int]] = OrderedDict()  # and height
        self._styles: dict[tuple, _CardStyle] = {}
        self._number_widths: dict[tuple[str, int], int] = {}

    def clear(self) -> None:
        self._docs.clear()
        self._styles.clear()
        self._number_widths.clear()

    def _style(self, option: QStyleOptionViewItem, font: str, selected: bool) -> _CardStyle:
        palette = option.palette
        colours = tuple(
            palette.color(group, role).rgba()
            for group, role in (
                (QPalette.ColorGroup.Active, QPalette.ColorRole.Text),  # muted mixes these two
                (QPalette.ColorGroup.Active, QPalette.ColorRole.Base),
                (QPalette.ColorGroup.Current, QPalette.ColorRole.Text),
                (QPalette.ColorGroup.Current, QPalette.ColorRole.Base),
                (QPalette.ColorGroup.Current, QPalette.ColorRole.Highlight),
                (QPalette.ColorGroup.Current, QPalette.ColorRole.HighlightedText),
            )
        )
        # the colours themselves, not the palette's identity: the list losing the focus
        # (Enter opens a document) gives it an inactive palette of the very same colours
        key = (colours, font, selected)
        found = self._styles.get(key)
        if found is not None:
            return found
        if len(self._styles) > 8:
            self._styles.clear()
        if selected:
            text = palette.color(QPalette.ColorRole.HighlightedText)
            quiet = style.mix(text, palette.color(QPalette.ColorRole.Highlight), 0.28)
            mark = style.marker_selected(palette)
        else:
            text = palette.color(QPalette.ColorRole.Text)
            quiet = style.muted(palette)
            mark = style.marker(palette)
        small = max(7.0, option.font.pointSizeF() * 0.9)
        small_font = QFont(option.font)
        small_font.setPointSizeF(small)
        found = self._styles[key] = _CardStyle(
            key=key,
            text=text.name(),
            quiet=quiet.name(),
            mark=mark.name(),
            mark_text=text.name(),
            small=small,
            big=option.font.pointSizeF() * 1.08,
            small_metrics=QFontMetrics(small_font),
            number=quiet,
            line=style.mix(
                palette.color(QPalette.ColorRole.Base),
                palette.color(QPalette.ColorRole.Text),
                0.1,
            ),
        )
        return found

    def _number_width(self, option: QStyleOptionViewItem, index: AnyIndex, font: str) -> int:
        model = index.model()
        page = getattr(model, "page", None)
        last = max(page.last if page is not None else 99, 99)
        key = (font, last)
        width = self._number_widths.get(key)
        if width is None:
            if len(self._number_widths) > 32:
                self._number_widths.clear()
            width = self._number_widths[key] = (
                option.fontMetrics.horizontalAdvance(str(last) + ".") + 8
            )
        return width

    def _text_width(self, option: QStyleOptionViewItem, number_width: int) -> int:
        width = self.view.viewport().width() if self.view is not None else option.rect.width()
        return max(120, width - 2 * self.PAD_H - number_width - 22)

    def _document(
        self,
        option: QStyleOptionViewItem,
        index: AnyIndex,
        width: int,
        selected: bool,
        font: str,
    ) -> tuple[QTextDocument, int]:
        """The card of a hit, laid out at ``width``, and its height."""
        hit = index.data(HitRole)
        card = self._style(option, font, selected)
        key = ((hit.ref, hit.number) if hit is not None else (index.row(),), width, card.key)
        found = self._docs.get(key)
        if found is not None:
            self._docs.move_to_end(key)
            return found
        metrics = card.small_metrics
        date = index.data(DateRole) or ""
        collection = index.data(CollectionRole) or ""
        room = width - metrics.horizontalAdvance(date + " \u00a0·\u00a0 ") - 6
        collection = metrics.elidedText(collection, Qt.TextElideMode.ElideRight, max(room, 40))
        meta = " &nbsp;·&nbsp; ".join(html.escape(part) for part in (date, collection) if part)
        snippet = index.data(SnippetRole) or ""
        snippet = snippet.replace(
            "<b>",
            f'<span style="background-color:{card.mark}; color:{card.mark_text}; font-weight:600;">',
        ).replace("</b>", "</span>")
        parts = [
            f'<div style="color:{card.quiet}; font-size:{card.small:.1f}pt;">{meta}</div>',
            f'<div style="color:{card.text}; font-size:{card.big:.1f}pt; font-weight:600; margin-top:2px;">'
            f"{html.escape(index.data(TitleRole) or tr('Untitled'))}</div>",
        ]
        if snippet:
            parts.append(f'<div style="color:{card.text}; margin-top:3px;">{snippet}</div>')
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml("".join(parts))
        doc.setTextWidth(width)
        found = self._docs[key] = (doc, int(doc.size().height()))  # laid out here, once
        while len(self._docs) > self.CACHE:
            self._docs.popitem(last=False)
        return found

    def star_rect(self, rect: QRect) -> QRect:
        """Where a row's bookmark star is drawn (and clicked)."""
        return QRect(rect.right() - 24, rect.top() + self.PAD_V, 16, 16)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        font = option.font.key()
        width = self._text_width(option, self._number_width(option, index, font))
        _doc, height = self._document(option, index, width, False, font)
        return QSize(width, height + 2 * self.PAD_V + 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style_ = widget.style() if widget is not None else None
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        font = opt.font.key()
        card = self._style(opt, font, selected)
        painter.save()
        if style_ is not None:
            style_.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        palette = opt.palette
        rect: QRect = opt.rect
        number_width = self._number_width(opt, index, font)
        painter.setPen(card.number)
        painter.setFont(opt.font)
        number_rect = QRect(
            rect.left() + self.PAD_H,
            rect.top() + self.PAD_V,
            number_width - 8,
            opt.fontMetrics.height(),
        )
        painter.drawText(
            number_rect,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            f"{index.data(NumberRole)}.",
        )
        width = self._text_width(opt, number_width)
        doc, _height = self._document(opt, index, width, selected, font)
        painter.translate(rect.left() + self.PAD_H + number_width, rect.top() + self.PAD_V)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = palette
        doc.documentLayout().draw(painter, context)
        painter.restore()
        hovered = bool(opt.state & QStyle.StateFlag.State_MouseOver)
        if index.data(BookmarkedRole):
            colour = (
                palette.color(QPalette.ColorRole.HighlightedText)
                if selected
                else style.star(palette)
            )
            tinted("star-filled", colour).paint(painter, self.star_rect(rect))
        elif hovered or selected:  # an empty star to click, where the filled one would be
            role = (
                QPalette.ColorRole.HighlightedText
                if selected
                else QPalette.ColorRole.PlaceholderText
            )
            icon("star", palette, role).paint(painter, self.star_rect(rect))
        if not selected:
            painter.save()
            painter.setPen(card.line)
            painter.drawLine(
                rect.left() + self.PAD_H, rect.bottom(), rect.right() - self.PAD_H, rect.bottom()
            )
            painter.restore()


class ResultsView(QListView):
    """Arrows move, Enter opens (on every platform), Space opens too; the star bookmarks."""

    open_requested = Signal(QModelIndex)
    star_clicked = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsView")
        self.setAccessibleName(tr("Results"))
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.doubleClicked.connect(self.open_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _star_at(self, position: QPoint) -> QModelIndex | None:
        index = self.indexAt(position)
        delegate = self.itemDelegate()
        if not index.isValid() or not isinstance(delegate, HitDelegate):
            return None
        area = delegate.star_rect(self.visualRect(index)).adjusted(-4, -4, 4, 4)
        return index if area.contains(position) else None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt)
        index = self._star_at(event.position().toPoint())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.star_clicked.emit(index)
            event.accept()
            return
        super().mousePressEvent(event)

    def viewportEvent(self, event) -> bool:  # noqa: ANN001, N802 - Qt override
        if event.type() == event.Type.ToolTip:
            index = self._star_at(event.pos())
            if index is not None:
                tip = (
                    tr("Remove the bookmark (Ctrl+D)")
                    if index.data(BookmarkedRole)
                    else tr("Bookmark this document (Ctrl+D)")
                )
                QToolTip.showText(event.globalPos(), tip, self.viewport())
                return True
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().resizeEvent(event)
        delegate = self.itemDelegate()
        if isinstance(delegate, HitDelegate) and event.oldSize().width() != event.size().width():
            delegate.clear()


class EmptyState(QLabel):
    """What to say when there is nothing to list: no results, or the collections still opening."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setMargin(24)
        self.setAccessibleName(tr("No results"))


class ResultsPane(QWidget):
    """Pager, a note on what the search ignored, and the list (or the empty state)."""

    open_requested = Signal(object)  # Hit, by Enter or double click
    star_clicked = Signal(object)  # Hit whose star was clicked
    current_changed = Signal(object)  # Hit or None, by arrows or click
    page_requested = Signal(int)
    page_size_requested = Signal(int)
    suggestion_chosen = Signal(str)
    clear_filters_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ResultsModel(self)
        self.pager = PagerBar()
        self.pager.page_requested.connect(self.page_requested)
        self.pager.page_size_requested.connect(self.page_size_requested)
        self.note = QLabel()
        self.note.setObjectName("noteBar")
        self.note.setWordWrap(True)
        self.note.setAccessibleName(tr("Search note"))
        self.note.hide()
        self.view = ResultsView()
        self.delegate = HitDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.setModel(self.model)
        self.model.modelAboutToBeReset.connect(self.delegate.clear)
        self.view.open_requested.connect(self._open_index)
        self.view.star_clicked.connect(
            lambda index: self.star_clicked.emit(self.model.hit(index.row()))
        )
        self._quiet = False
        self.view.selectionModel().currentChanged.connect(self._current_moved)
        self.empty = EmptyState()
        self.empty.linkActivated.connect(self._link)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.pager)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.pager.controls)

    def _current_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.current_changed.emit(self.model.hit(current.row()) if current.isValid() else None)

    def _open_index(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self.open_requested.emit(hit)

    def _link(self, link: str) -> None:
        if link == "clear":
            self.clear_filters_requested.emit()
        elif link.startswith("suggest:"):
            self.suggestion_chosen.emit(link.removeprefix("suggest:"))

    def set_page(self, page: Page, filters: list[str]) -> None:
        self.model.set_page(page)
        self.pager.set_page(page)
        self.pager.set_busy(False)
        ignored = "; ".join(page.ignored)
        if page.total and ignored:
            self.note.setText(tr("Searched leniently. Ignored: {ignored}").format(ignored=ignored))
        self.note.setVisible(bool(page.total and ignored))
        self.pager.controls.setVisible(page.page_count > 1)
        if page.total:
            self.stack.setCurrentWidget(self.view)
            self.view.scrollToTop()
        else:
            self.empty.setText(self._empty_html(page, filters))
            self.stack.setCurrentWidget(self.empty)

    def lay_out_now(self) -> None:
        """Lay the cards of the page out now, so that the next paint is the list's, whole.

        Left to itself, the list lays its rows out at a zero timer, after the paint already
        posted (which then has nothing of the list to show) and after anything else due.
        """
        view = self.view
        if self.stack.currentWidget() is view and view.isVisible():
            view.doItemsLayout()

    def _empty_html(self, page: Page, filters: list[str]) -> str:
        query = page.query.strip()
        if query:
            title = tr("No results for “{query}”").format(query=html.escape(query))
        else:
            title = tr("No documents match these filters")
        parts = [f"<h2>{title}</h2>"]
        if page.suggestion:
            suggestion = html.escape(page.suggestion)
            link = html.escape(page.suggestion, quote=True)
            parts.append(
                "<p>"
                + tr("Did you mean {suggestion}?").format(
                    suggestion=f'<a href="suggest:{link}"><b>{suggestion}</b></a>'
                )
                + "</p>"
            )
        if page.ignored:
            parts.append(
                "<p>"
                + tr("The query was searched leniently; ignored: {ignored}.").format(
                    ignored=html.escape("; ".join(page.ignored))
                )
                + "</p>"
            )
        if filters:
            listed = " · ".join(html.escape(f) for f in filters)
            parts.append(
                "<p>"
                + tr("Active filters: {filters}").format(filters=listed)
                + f' — <a href="clear">{tr("clear all filters")}</a></p>'
            )
        parts.append(
            "<p>"
            + tr(
                "Try fewer words, a word ending in * (<i>yugoslav*</i>), or ~ for a spelling you are unsure of (<i>micunovic~</i>). Press F1 for the query language."
            )
            + "</p>"
        )
        return "".join(parts)

    def show_message(self, title: str, text: str = "") -> None:
        """A state without a page: "Opening collections…", or why they cannot be opened."""
        self.model.set_page(None)
        self.pager.set_page(None)
        self.pager.controls.hide()
        self.note.hide()
        body = f"<p>{html.escape(text)}</p>" if text else ""
        self.empty.setText(f"<h2>{html.escape(title)}</h2>{body}")
        self.stack.setCurrentWidget(self.empty)

    def select_number(self, number: int, *, notify: bool = False) -> bool:
        """Make hit ``number`` the current row (quietly: the window already knows)."""
        row = self.model.row_of_number(number)
        if row is None:
            return False
        index = self.model.index(row)
        self._quiet = not notify
        try:
            self.view.setCurrentIndex(index)
        finally:
            self._quiet = False
        self.view.scrollTo(index)
        return True

    def current_hit(self) -> Hit | None:
        index = self.view.currentIndex()
        return self.model.hit(index.row()) if index.isValid() else None
