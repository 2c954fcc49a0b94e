"""A plain document pane, used only when the full one (document_view.py) cannot be loaded.

It has the same signals and methods as ``DocumentPane``, so the window keeps
working — title, date, text and previous/next — if that module is missing or
broken; the reason is logged.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..core.search.types import Hit
from .icons import IconButton

log = logging.getLogger(__name__)


def make_document_pane(parent: QWidget | None = None) -> QWidget:
    """The document view; this plain stand-in if its module cannot be loaded (the reason is logged)."""
    try:
        from .document_view import DocumentPane
    except Exception as error:  # noqa: BLE001 - the window must open whatever happened there
        log.warning("the document view could not be loaded (%s); using the plain one", error)
        return PlainDocumentPane(parent)
    return DocumentPane(parent)


class PlainDocumentPane(QWidget):
    search_requested = Signal(str, str)
    previous_requested = Signal()
    next_requested = Signal()
    document_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Document"))
        self.position = QLabel()
        self.position.setObjectName("quietNote")
        self.previous_button = IconButton("go-previous", self.tr("Previous document"))
        self.next_button = IconButton("go-next", self.tr("Next document"))
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Document text"))
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(lambda url: self.document_requested.emit(url.toString()))
        bar = QHBoxLayout()
        bar.addWidget(self.position, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.set_navigation(0, 0)
        self.browser.setHtml(f"<p>{html.escape(self.tr('Open a result to read it here.'))}</p>")

    def show_document(  # noqa: ANN001
        self, view, query: str = "", related: tuple[Hit, ...] = (), matches: object = None
    ) -> None:
        paragraphs = "".join(
            f"<p>{html.escape(p)}</p>" for p in view.body.split("\n\n") if p.strip()
        )
        links = "".join(
            f'<li><a href="{html.escape(h.ref, quote=True)}">{html.escape(h.title)}</a></li>'
            for h in related
        )
        self.browser.setHtml(
            f"<h2>{html.escape(view.title)}</h2><p><i>{html.escape(view.date_text or view.normalised_date)}</i>"
            f" · {html.escape(view.collection_title)}</p>"
            + (f"<p><b>{html.escape(view.summary)}</b></p>" if view.summary else "")
            + paragraphs
            + (
                f"<h3>{html.escape(self.tr('Related documents'))}</h3><ul>{links}</ul>"
                if links
                else ""
            )
        )

    def set_navigation(self, position: int, total: int) -> None:
        self.position.setText(
            self.tr("Document {position} of {total}").format(position=position, total=total)
            if position
            else ""
        )
        self.previous_button.setEnabled(position > 1)
        self.next_button.setEnabled(0 < position < total)

    def show_error(self, message: str) -> None:
        self.browser.setHtml(f"<p>{html.escape(message)}</p>")
