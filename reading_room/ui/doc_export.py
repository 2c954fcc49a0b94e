"""What the document pane hands on: the citation to the clipboard, the document to a printer
or a PDF file. Each function returns the short confirmation or problem to show the reader."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from reading_room.core.errors import ReadingRoomError

from .doc_print import PageFrame, default_pdf_name, paint_pages, save_pdf
from .doc_render import Colours, build_document, display_date

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from reading_room.core.library import DocumentView

PRINT_POINT_SIZE = 10.5
translate = QCoreApplication.translate


def citation(view: DocumentView, fmt: str = "text") -> str:
    """The Chicago note citation of a document, as text or HTML."""
    from reading_room.core.citation import format_citation

    return format_citation(view, fmt=fmt)


def copy_citation(view: DocumentView) -> str:
    """Both text/plain and text/html of the citation on the clipboard."""
    try:
        text, html = citation(view, "text"), citation(view, "html")
    except ReadingRoomError as error:
        return str(error)
    data = QMimeData()
    data.setText(text)
    data.setHtml(html)
    QGuiApplication.clipboard().setMimeData(data)
    return translate("DocumentView", "Citation copied.")


def copy_reference(view: DocumentView) -> str:
    QGuiApplication.clipboard().setText(view.ref)
    return translate("DocumentView", "Reference copied.")


def page_frame(view: DocumentView) -> PageFrame:
    """Header (title; date · reference) and footer (the citation) of every printed page."""
    date = " · ".join(x for x in (" ".join(view.date_text.split()), display_date(view)) if x)
    try:
        footer = citation(view)
    except Exception:  # noqa: BLE001 - the printout is still worth having without its citation
        footer = f"{view.title}, {view.ref}"
    return PageFrame(view.title or view.ref, f"{date}   ·   {view.ref}", footer)


def printable(view: DocumentView) -> QTextDocument:
    """The document laid out in print colours (dark on white) whatever the screen's theme."""
    return build_document(view, Colours.for_print(), PRINT_POINT_SIZE).document


def write_pdf(view: DocumentView, path: str) -> None:
    """The document with its header and citation footer as a PDF file (raises OSError)."""
    save_pdf(printable(view), path, page_frame(view))


def save_as_pdf(view: DocumentView, parent: QWidget) -> str:
    """Ask where, then write the PDF; "" when the reader cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder or ".") / default_pdf_name(view.ref))
    path, _ = QFileDialog.getSaveFileName(
        parent,
        translate("DocumentView", "Save as PDF"),
        suggested,
        translate("DocumentView", "PDF files (*.pdf)"),
    )
    if not path:
        return ""
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    try:
        write_pdf(view, path)
    except OSError as error:
        return str(error)
    return translate("DocumentView", "Saved %1.").replace("%1", Path(path).name)


def print_view(view: DocumentView, parent: QWidget) -> str:
    """The print dialog, then the pages; "" when the reader cancelled or all went well."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(view.title or view.ref)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("DocumentView", "Print document"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return ""
    if not paint_pages(printable(view), printer, page_frame(view)):
        return translate("DocumentView", "The printer could not be used.")
    return ""
