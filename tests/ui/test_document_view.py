"""The document pane: matches, find, links, footnotes, zoom, citation, PDF, errors."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from reading_room.core.library import DocumentView
from reading_room.core.search.types import Hit
from reading_room.ui.document_view import ZOOM_KEY, DocumentPane

BODY = (
    "Brioni, 12 July 1956. Marshal Tito received the ambassador on the terrace after lunch "
    "and spoke for an hour about the visit to Moscow.[1]\n\n"
    "He said that the talks with the Soviet leaders had been frank. Tito added that Koča "
    "Popović would travel to Warsaw in the autumn, and that nothing had been promised about "
    "the Cominform.[2]\n\n"
    "Asked about Hungary, TITO answered that the Hungarian comrades would have to find their "
    "own way, and that Yugoslavia would not give advice that had not been asked for."
)
NOTES = (
    "[1] The ambassador's telegram of the same evening gives the length of the talk as "
    "ninety minutes.\n\n"
    "[2] Popović's journey was postponed until the following year."
)


def make_view(**changes: object) -> DocumentView:
    fields: dict[str, object] = dict(
        ref="test-collection/1956-07-12",
        collection_id="test-collection",
        collection_title="Test Collection of Conversations",
        title="Conversation with Marshal Tito at Brioni",
        date_text="Brioni, July 12, 1956",
        date_start="1956-07-12",
        date_end="1956-07-12",
        date_precision="day",
        date_certain=True,
        date_flag=None,
        summary="The ambassador records what Tito told him about his visit to Moscow.",
        body=BODY,
        notes=NOTES,
        source="Telegram No. 37, file 661.68/7-1256",
        place="Brioni",
        language="en",
        doc_type="memorandum of conversation",
        section="1956 › Summer",
        persons=("Josip Broz Tito", "Koča Popović"),
        places=("Brioni", "Moscow"),
        subjects=("Soviet–Yugoslav relations",),
        attachments=(),
        extra={},
        source_file="test.jsonl",
    )
    fields.update(changes)
    return DocumentView(**fields)  # type: ignore[arg-type]


def independent_count(view: DocumentView, word: str) -> int:
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
    return sum(len(pattern.findall(t)) for t in (view.title, view.summary, view.body, view.notes))


def unaccented(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def pane(qtbot, settings: QSettings) -> DocumentPane:
    widget = DocumentPane(settings=settings)
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    widget.show()
    return widget


def focus(qtbot, widget: QWidget) -> None:
    """Keyboard focus for shortcuts: the offscreen window must be the active one."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def position_of(pane: DocumentPane, text: str, occurrence: int = 0) -> int:
    raw = pane.browser.document().toRawText()
    index = -1
    for _ in range(occurrence + 1):
        index = raw.index(text, index + 1)
    return index


def click_text(qtbot, pane: DocumentPane, text: str, occurrence: int = 0) -> None:
    start = position_of(pane, text, occurrence)
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(start + 1)
    pane.browser.ensureCursorVisible()
    pane.browser.setTextCursor(cursor)
    pane.browser.ensureCursorVisible()
    point = pane.browser.cursorRect(cursor).center()
    qtbot.mouseClick(pane.browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_query_matches_are_counted_and_stepped_with_enter(qtbot, pane: DocumentPane) -> None:
    view = make_view()
    expected = independent_count(view, "tito")
    assert expected == 5
    pane.show_document(view, "tito")
    assert pane.query_bar.isVisible()
    assert pane.query_bar.counter.text() == f"1 of {expected}"
    focus(qtbot, pane.browser)
    qtbot.keyClick(pane.browser, Qt.Key.Key_Return)
    assert pane.query_bar.counter.text() == f"2 of {expected}"
    qtbot.keyClick(pane.browser, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.query_bar.counter.text() == f"1 of {expected}"
    qtbot.keyClick(pane.browser, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert pane.query_bar.counter.text() == f"{expected} of {expected}"  # wrapped to the last
    qtbot.keyClick(pane.browser, Qt.Key.Key_Enter)
    assert pane.query_bar.counter.text() == f"1 of {expected}"  # and round to the first
    pane.query_bar.next_button.click()
    assert pane.current_match() == 1


def test_highlights_cover_the_matched_words(pane: DocumentPane) -> None:
    pane.show_document(make_view(), "tito")
    selections = pane.browser.extraSelections()
    assert [s.cursor.selectedText().lower() for s in selections] == ["tito"] * 5
    current = [s for s in selections if s.format.fontUnderline()]
    assert len(current) == 1
    assert current[0].format.background() != selections[1].format.background()


def test_matches_wear_the_results_lists_marker_in_light_and_dark(qtbot, pane: DocumentPane) -> None:
    from reading_room.ui import style
    from reading_room.ui.doc_render import contrast
    from reading_room.ui.screenshots import dark_palette

    for palette in (QApplication.palette(), dark_palette()):
        pane.setPalette(palette)
        pane.show_document(make_view(), "tito")
        plain = [s for s in pane.browser.extraSelections() if not s.format.fontUnderline()]
        marker = style.marker(pane.browser.palette())
        assert {s.format.background().color().name() for s in plain} == {marker.name()}
        text = plain[0].format.foreground().color()
        assert contrast(text, marker) >= 4.0  # readable on it
    pane.setPalette(QApplication.palette())


def test_no_query_no_match_bar_and_no_highlights(pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    assert not pane.query_bar.isVisible()
    assert pane.browser.extraSelections() == []
    pane.show_document(make_view(), "zanzibar")
    assert pane.query_bar.isVisible()
    assert pane.match_count() == 0


def test_ctrl_f_finds_an_accented_word_typed_without_accents(qtbot, pane: DocumentPane) -> None:
    pane.show_document(make_view(), "tito")
    focus(qtbot, pane.browser)
    qtbot.keyClick(pane.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.find_bar.isVisible()
    assert pane.find_bar.edit is not None
    qtbot.keyClicks(pane.find_bar.edit, "popovic")
    expected = unaccented(pane.browser.document().toPlainText()).count("popovic")
    assert expected == 3  # the persons row, the text and the second note
    assert pane.find_bar.counter.text().endswith(f"of {expected}")
    found = [s.cursor.selectedText() for s in pane.browser.extraSelections()]
    assert found.count("Popović") == expected
    first = pane.current_match()
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Return)
    assert pane.current_match() == (first + 1) % expected
    qtbot.keyClick(pane.find_bar.edit, Qt.Key.Key_Escape)
    assert not pane.find_bar.isVisible()
    assert pane.query_bar.counter.text().endswith("of 5")  # back to the search's matches


def test_metadata_links_start_a_filtered_search(qtbot, pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    with qtbot.waitSignal(pane.search_requested) as blocker:
        click_text(qtbot, pane, "Moscow")  # the Places row comes before the text
    assert blocker.args == ["place", "Moscow"]
    with qtbot.waitSignal(pane.search_requested) as blocker:
        click_text(qtbot, pane, "Josip Broz Tito")
    assert blocker.args == ["person", "Josip Broz Tito"]
    with qtbot.waitSignal(pane.search_requested) as blocker:
        click_text(qtbot, pane, "Test Collection of Conversations")
    assert blocker.args == ["collection", "test-collection"]  # the id the filter uses


def test_date_shows_printed_and_normalised_and_what_is_uncertain(pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    text = pane.browser.document().toPlainText()
    assert "Brioni, July 12, 1956  ·  1956-07-12" in text
    uncertain = make_view(
        date_text="12 July",
        date_start="1956-07-01",
        date_end="1956-07-31",
        date_precision="month",
        date_certain=False,
        date_flag="no year in source date '--07-12'",
    )
    pane.show_document(uncertain, "")
    text = pane.browser.document().toPlainText()
    assert "circa 1956-07" in text
    assert "no year in source date" in text


def test_footnote_marker_shows_its_note_on_hover_and_click(qtbot, pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    note = "ninety minutes"
    assert note in pane.link_tooltip("rr-note:1")
    marker = position_of(pane, "[1]")
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(marker + 1)
    assert note in cursor.charFormat().toolTip()

    point = pane.browser.cursorRect(cursor).center()
    viewport = pane.browser.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QGuiApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: note in QToolTip.text())

    click_text(qtbot, pane, "[1]")
    qtbot.waitUntil(pane.note_popup.isVisible)
    assert note in pane.note_popup.note_text()
    pane.note_popup.go_button.click()
    assert not pane.note_popup.isVisible()
    notes = pane.browser.toPlainText()
    assert notes.rstrip().endswith("the following year.")  # the notes are listed at the end


def test_text_size_zoom_changes_the_font_and_persists(
    qtbot, pane: DocumentPane, settings: QSettings
) -> None:
    pane.show_document(make_view(), "")
    size = pane.browser.document().defaultFont().pointSizeF()
    focus(qtbot, pane.browser)
    qtbot.keyClick(pane.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert pane.zoom() == 110
    assert pane.browser.document().defaultFont().pointSizeF() > size
    assert int(settings.value(ZOOM_KEY)) == 110
    again = DocumentPane(settings=settings)
    qtbot.addWidget(again)
    assert again.zoom() == 110
    qtbot.keyClick(pane.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pane.zoom() == 90
    assert pane.browser.document().defaultFont().pointSizeF() < size
    qtbot.keyClick(pane.browser, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert pane.zoom() == 100
    assert int(settings.value(ZOOM_KEY)) == 100


def test_navigation_buttons_and_position(qtbot, pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    pane.set_navigation(12, 22)
    toolbar = pane.toolbar
    assert toolbar.position_label.text() == "Document 12 of 22"
    assert toolbar.previous_button.isEnabled() and toolbar.next_button.isEnabled()
    with qtbot.waitSignal(pane.next_requested):
        toolbar.next_button.click()
    with qtbot.waitSignal(pane.previous_requested):
        toolbar.previous_button.click()
    pane.set_navigation(1, 22)
    assert not toolbar.previous_button.isEnabled()
    pane.set_navigation(22, 22)
    assert not toolbar.next_button.isEnabled()


def test_related_documents_open_on_click(qtbot, pane: DocumentPane) -> None:
    related = (
        Hit("test-collection/1956-06-20", "test-collection", "Moscow declaration", "June 20, 1956",
            "1956-06-20", "1956-06-20", ""),
        Hit("test-collection/1956-11-02", "test-collection", "Talks on Hungary", "November 2, 1956",
            "1956-11-02", "1956-11-02", ""),
    )  # fmt: skip
    pane.show_document(make_view(), "", related)
    assert pane.related_panel.isVisible()
    assert pane.related_list.count() == 2
    item = pane.related_list.item(1)
    rect = pane.related_list.visualItemRect(item)
    with qtbot.waitSignal(pane.document_requested) as blocker:
        qtbot.mouseClick(pane.related_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["test-collection/1956-11-02"]
    pane.show_document(make_view(), "")
    assert not pane.related_panel.isVisible()


def test_show_error_replaces_the_document_with_a_message(pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    pane.show_error("The document could not be read: the database is busy.")
    assert pane.stack.currentWidget() is pane.error_label
    assert "database is busy" in pane.error_label.text()
    assert not pane.toolbar.print_button.isEnabled()
    pane.show_document(make_view(), "")
    assert pane.stack.currentWidget() is pane.tabs


def test_copy_citation_puts_text_and_html_on_the_clipboard(pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    pane.toolbar.copy_button.click()
    data = QGuiApplication.clipboard().mimeData()
    assert "“Conversation with Marshal Tito at Brioni”" in data.text()
    assert "July 12, 1956" in data.text()
    assert data.hasHtml() and "Conversation with Marshal Tito at Brioni" in data.html()
    assert pane.toolbar.status_label.text() == "Citation copied."


def test_save_as_pdf_writes_the_document(pane: DocumentPane, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pane.show_document(make_view(body=BODY * 12), "tito")  # long enough for several pages
    target = tmp_path / "out.pdf"
    pane.save_pdf(str(target))
    assert target.stat().st_size > 1000
    reader = PdfReader(str(target))
    assert len(reader.pages) >= 2
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Conversation with Marshal Tito at Brioni" in first
    assert "test-collection/1956-07-12" in first  # the header
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "Test Collection of Conversations" in last  # the citation at the foot of each page


def test_pdf_file_name_comes_from_the_reference() -> None:
    from reading_room.ui.doc_print import default_pdf_name

    assert default_pdf_name("frus1918Russiav03/d41") == "frus1918Russiav03-d41.pdf"


def test_facsimile_tab_only_with_attachments(pane: DocumentPane, tmp_path: Path) -> None:
    pane.show_document(make_view(), "")
    assert pane.tabs.count() == 1
    missing = str(tmp_path / "gone.png")
    pane.show_document(make_view(attachments=(missing,)), "")
    assert pane.tabs.count() == 2
    assert pane.tabs.tabText(1) == "Facsimile"
    assert "missing" in pane.facsimile.message()
    pane.show_document(make_view(), "")
    assert pane.tabs.count() == 1


def test_controls_have_accessible_names(pane: DocumentPane) -> None:
    from PySide6.QtWidgets import QAbstractButton

    pane.show_document(make_view(), "tito")
    buttons = pane.findChildren(QAbstractButton)
    assert buttons
    unnamed = [b.text() for b in buttons if not b.accessibleName() and b.isVisibleTo(pane)]
    assert unnamed == []


def test_keyboard_link_focus_then_enter_opens_the_link(qtbot, pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    focus(qtbot, pane.browser)
    assert pane.browser.focusNextPrevChild(True)  # Tab: the first link (the collection)
    with qtbot.waitSignal(pane.search_requested) as blocker:
        qtbot.keyClick(pane.browser, Qt.Key.Key_Return)
    assert blocker.args[0] == "collection"


def test_pane_survives_a_point_outside_any_link(qtbot, pane: DocumentPane) -> None:
    pane.show_document(make_view(), "")
    viewport = pane.browser.viewport()
    point = QPoint(2, viewport.height() - 2)
    QGuiApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert not pane.note_popup.isVisible()
