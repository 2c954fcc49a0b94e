"""Printing a document, or saving it as PDF: its text on numbered pages, each page headed by
the title, date and reference, with the citation at the foot so a printout can be cited."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from .doc_render import SANS, fonts

PDF_RESOLUTION = 300


@dataclass(frozen=True)
class PageFrame:
    """What every printed page carries besides the text."""

    title: str
    subtitle: str  # date · reference
    footer: str  # the citation


def default_pdf_name(ref: str) -> str:
    """A file name from a reference: ``frus1918Russiav03/d41`` → ``frus1918Russiav03-d41.pdf``."""
    stem = re.sub(r"[^\w.-]+", "-", ref, flags=re.UNICODE).strip("-.") or "document"
    return stem + ".pdf"


def save_pdf(document: QTextDocument, path: str, frame: PageFrame) -> None:
    """Write ``document`` to a PDF file at ``path`` (raises OSError if it cannot be written)."""
    writer = QPdfWriter(path)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 16, 18, 14), QPageLayout.Unit.Millimeter)
    writer.setTitle(frame.title)
    writer.setCreator("Reading Room")
    if not paint_pages(document, writer, frame):
        raise OSError(
            QCoreApplication.translate("DocumentView", "Cannot write the file %1.").replace(
                "%1", path
            )
        )


def paint_pages(document: QTextDocument, device: QPagedPaintDevice, frame: PageFrame) -> bool:
    """Lay ``document`` out on the device's pages and paint them with header and footer.

    Returns False when the device cannot be painted on (e.g. an unwritable file).
    """
    doc = document.clone()
    painter = QPainter()
    if not painter.begin(device):
        return False
    try:
        layout = device.pageLayout()
        page = QRectF(layout.paintRectPixels(device.logicalDpiX()))
        page.moveTo(0, 0)
        doc.documentLayout().setPaintDevice(device)
        doc.setDocumentMargin(0)

        small = fonts(SANS, 8.0)
        header_title = fonts(SANS, 9.0, weight=QFont.Weight.DemiBold)
        title_metrics = QFontMetricsF(header_title, device)
        small_metrics = QFontMetricsF(small, device)
        gap = small_metrics.height() * 1.2
        header_height = title_metrics.height() + small_metrics.height() + gap
        footer_rect = small_metrics.boundingRect(
            QRectF(0, 0, page.width() * 0.82, page.height()),
            int(Qt.TextFlag.TextWordWrap),
            frame.footer,
        )
        footer_height = footer_rect.height() + gap
        body = QRectF(0, header_height, page.width(), page.height() - header_height - footer_height)
        doc.setPageSize(QSizeF(body.width(), body.height()))
        count = max(1, doc.pageCount())
        for number in range(count):
            if number:
                device.newPage()
            _paint_frame(painter, page, frame, number, count, header_title, small, gap)
            painter.save()
            painter.translate(body.left(), body.top() - number * body.height())
            doc.drawContents(
                painter, QRectF(0, number * body.height(), body.width(), body.height())
            )
            painter.restore()
    finally:
        painter.end()
    return True


def _paint_frame(
    painter: QPainter,
    page: QRectF,
    frame: PageFrame,
    number: int,
    count: int,
    title_font: QFont,
    small: QFont,
    gap: float,
) -> None:
    muted = QColor("#555555")
    title_metrics = QFontMetricsF(title_font, painter.device())
    small_metrics = QFontMetricsF(small, painter.device())
    painter.save()
    painter.setPen(QColor("#111111"))
    painter.setFont(title_font)
    title = title_metrics.elidedText(frame.title, Qt.TextElideMode.ElideRight, page.width())
    painter.drawText(QRectF(0, 0, page.width(), title_metrics.height()), title)
    painter.setFont(small)
    painter.setPen(muted)
    subtitle_top = title_metrics.height()
    painter.drawText(QRectF(0, subtitle_top, page.width(), small_metrics.height()), frame.subtitle)
    rule_y = subtitle_top + small_metrics.height() + gap * 0.35
    painter.setPen(QPen(QColor("#bbbbbb"), max(1.0, painter.device().logicalDpiY() / 300)))
    painter.drawLine(0, int(rule_y), int(page.width()), int(rule_y))

    footer_width = page.width() * 0.82
    footer_box = small_metrics.boundingRect(
        QRectF(0, 0, footer_width, page.height()), int(Qt.TextFlag.TextWordWrap), frame.footer
    )
    top = page.height() - footer_box.height()
    painter.drawLine(0, int(top - gap * 0.35), int(page.width()), int(top - gap * 0.35))
    painter.setPen(muted)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    painter.drawText(QRectF(0, top, footer_width, footer_box.height()), frame.footer, option)
    pages = QCoreApplication.translate("DocumentView", "Page %1 of %2")
    pages = pages.replace("%1", str(number + 1)).replace("%2", str(count))
    right = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    painter.drawText(QRectF(0, top, page.width(), small_metrics.height()), pages, right)
    painter.restore()
