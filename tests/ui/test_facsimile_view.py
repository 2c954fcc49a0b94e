"""The facsimile tab: PDF and image pages, paging, zoom, several files, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication, QWidget

from reading_room.ui.facsimile_view import FacsimileView


def make_pdf(path: Path, pages: int) -> str:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
    painter = QPainter(writer)
    for number in range(pages):
        if number:
            writer.newPage()
        painter.drawText(QRect(100, 100, 3000, 400), f"Facsimile page {number + 1}")
    painter.end()
    return str(path)


def make_png(path: Path, width: int = 300, height: int = 420) -> str:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4efe4"))
    assert image.save(str(path))
    return str(path)


def focus(qtbot, widget: QWidget) -> None:
    """Keyboard focus for shortcuts: the offscreen window must be the active one."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


@pytest.fixture
def view(qtbot) -> FacsimileView:
    widget = FacsimileView()
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    return widget


def test_a_two_page_pdf_pages_forward_and_back(qtbot, view: FacsimileView, tmp_path: Path) -> None:
    view.set_attachments([make_pdf(tmp_path / "letter.pdf", 2)])
    assert view.page_label.text() == "Page 1 of 2"
    assert not view.previous_button.isEnabled()
    assert view.image_label.pixmap() is not None and not view.image_label.pixmap().isNull()
    view.next_button.click()
    assert view.page_label.text() == "Page 2 of 2"
    assert not view.next_button.isEnabled()
    view.next_page()  # past the end: stays
    assert view.current_page() == 2
    focus(qtbot, view.scroll_area)
    qtbot.keyClick(view.scroll_area, Qt.Key.Key_PageUp)
    assert view.page_label.text() == "Page 1 of 2"
    qtbot.keyClick(view.scroll_area, Qt.Key.Key_PageDown)
    assert view.page_label.text() == "Page 2 of 2"


def test_zoom_and_fit_width(view: FacsimileView, tmp_path: Path) -> None:
    view.set_attachments([make_png(tmp_path / "page.png")])
    assert view.page_label.text() == "Page 1 of 1"
    assert view.fit_button.isChecked()
    fitted = view.image_label.width()
    view.zoom_in()
    assert not view.fit_button.isChecked()
    assert view.image_label.width() > fitted
    zoomed = view.image_label.width()
    view.zoom_out()
    assert view.image_label.width() < zoomed
    view.fit_button.click()
    assert view.fit_button.isChecked()
    assert view.image_label.width() == fitted


def test_several_attachments_are_listed(view: FacsimileView, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "three.pdf", 3)
    png = make_png(tmp_path / "photo.png")
    view.set_attachments([png, pdf])
    assert view.file_list.isVisible()
    assert [view.file_list.item(i).text() for i in range(2)] == ["photo.png", "three.pdf"]
    assert view.page_label.text() == "Page 1 of 1"
    view.file_list.setCurrentRow(1)
    assert view.page_label.text() == "Page 1 of 3"
    view.previous_page()  # before the first page of a file: the last page of the one before
    assert view.file_list.currentRow() == 0
    view.next_page()  # after the last page of a file: the next file
    assert view.file_list.currentRow() == 1
    view.next_page()
    assert view.page_label.text() == "Page 2 of 3"
    view.set_attachments([pdf])
    assert not view.file_list.isVisible()


def test_missing_and_damaged_files_are_a_message(view: FacsimileView, tmp_path: Path) -> None:
    view.set_attachments([str(tmp_path / "nowhere.pdf")])
    assert "missing" in view.message()
    assert view.page_label.text() == ""
    assert not view.next_button.isEnabled()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a PDF")
    view.set_attachments([str(broken)])
    assert "cannot be shown" in view.message()
    bad_image = tmp_path / "scan.png"
    bad_image.write_bytes(b"not an image at all")
    view.set_attachments([str(bad_image)])
    assert "cannot be shown" in view.message()
    view.set_attachments([make_pdf(tmp_path / "good.pdf", 2)])
    assert view.message() == ""
    assert view.page_label.text() == "Page 1 of 2"


def test_the_document_pane_shows_facsimiles_in_their_tab(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from reading_room.core.library import DocumentView
    from reading_room.ui.document_view import DocumentPane

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    pane = DocumentPane(settings=settings)
    qtbot.addWidget(pane)
    pane.resize(800, 600)
    pane.show()
    pdf = make_pdf(tmp_path / "scan.pdf", 2)
    view = DocumentView(
        ref="t/1", collection_id="t", collection_title="T", title="A scanned letter",
        date_text="", date_start=None, date_end=None, date_precision=None, date_certain=True,
        date_flag=None, summary="", body="Typed text of the letter.", notes="", source="",
        place="", language="", doc_type="", section="", persons=(), places=(), subjects=(),
        attachments=(pdf,), extra={}, source_file="",
    )  # fmt: skip
    pane.show_document(view, "")
    assert pane.tabs.tabText(1) == "Facsimile"
    pane.tabs.setCurrentIndex(1)
    assert pane.facsimile.page_label.text() == "Page 1 of 2"
    pane.facsimile.next_button.click()
    assert pane.facsimile.page_label.text() == "Page 2 of 2"
    fitted = pane.facsimile.scroll_area.width() - 60
    qtbot.waitUntil(lambda: pane.facsimile.image_label.width() > fitted)  # fit to the shown tab
    width = pane.facsimile.image_label.width()
    focus(qtbot, pane.facsimile.scroll_area)
    qtbot.keyClick(pane.facsimile.scroll_area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pane.facsimile.image_label.width() > width  # Ctrl+ zooms the facsimile in its tab
    assert pane.zoom() == 100  # and not the text
