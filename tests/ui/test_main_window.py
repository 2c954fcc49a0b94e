"""The reading-room window driven through its real widgets, as a historian would."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QSpinBox
from ui_fixture import QUERY, RECORDS, TOTAL, SlowLibrary, make_window, wait_idle, year_of

from reading_room.core.search.types import FACET_FIELDS
from reading_room.ui.facets import PickedRole
from reading_room.ui.pager import header_text


def type_query(qtbot: Any, window: Any, text: str, *, enter: bool = False) -> None:
    box = window.search_pane.query_box
    box.setFocus()
    box.clear()
    qtbot.keyClicks(box, text)
    if enter:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.request.query == text, timeout=5000)
    wait_idle(qtbot, window)


def choose_combo(window: Any, combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def titles(window: Any) -> list[str]:
    model = window.results.model
    return [model.hit(row).title for row in range(model.rowCount())]


def numbers(window: Any) -> list[int]:
    model = window.results.model
    return [model.hit(row).number for row in range(model.rowCount())]


def by_title(qtbot: Any, window: Any) -> None:
    choose_combo(window, window.search_pane.sort_box, "title")
    wait_idle(qtbot, window)


def test_page_two_of_a_22_hit_query_reads_11_to_20(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    by_title(qtbot, window)
    choose_combo(window, window.results.pager.size_box, 10)
    assert window.results.pager.header.text() == "Results: 1 – 10 of 22"
    qtbot.mouseClick(window.results.pager.next_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 11 – 20 of 22"
    assert numbers(window) == list(range(11, 21))
    assert titles(window) == [f"Document {i:02d}" for i in range(11, 21)]
    assert window.results.pager.page_box.value() == 2
    assert window.results.pager.page_of.text() == "of 3"


def test_the_snippet_marks_the_matched_words(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    snippet = window.results.model.hit(0).snippet
    assert "<b>" in snippet.lower() and "treaty" in snippet.lower()


def test_typing_a_page_number_and_changing_the_page_size(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    by_title(qtbot, window)
    box = window.results.pager.page_box
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "3")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 21 – 22 of 22"
    choose_combo(window, window.results.pager.size_box, 20)
    wait_idle(qtbot, window)
    # the first hit shown (21) stays in view: page 2 of 20 per page
    assert window.results.pager.header.text() == "Results: 21 – 22 of 22"
    choose_combo(window, window.results.pager.size_box, 50)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 1 – 22 of 22"
    assert window.results.model.rowCount() == 22


def test_keyboard_paging_and_opening(qtbot: Any, window: Any) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.search_pane.query_box.hasFocus()
    qtbot.keyClicks(window.search_pane.query_box, QUERY)
    qtbot.keyClick(window.search_pane.query_box, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    by_title(qtbot, window)
    window.search_pane.query_box.setFocus()
    qtbot.keyClick(window.search_pane.query_box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 11 – 20 of 22"
    qtbot.keyClick(window.search_pane.query_box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 21 – 22 of 22"
    qtbot.keyClick(window.search_pane.query_box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 21 – 22 of 22"  # no page 4
    qtbot.keyClick(window.search_pane.query_box, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    wait_idle(qtbot, window)
    assert window.results.pager.header.text() == "Results: 11 – 20 of 22"

    # Down leaves the query box for the list; arrows move; Enter opens
    qtbot.keyClick(window.search_pane.query_box, Qt.Key.Key_Down)
    view = window.results.view
    assert view.hasFocus()
    assert window.results.current_hit().number == 11
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.results.current_hit().title == "Document 13"
    qtbot.keyClick(view, Qt.Key.Key_Return)
    pane = window.document_pane
    qtbot.waitUntil(
        lambda: getattr(pane, "_view", None) is not None and pane._view.title == "Document 13"
    )
    # the recent searches remember the query
    assert window.search_pane.recent_model.stringList()[0] == QUERY


def test_open_a_hit_step_through_its_matches_and_on_to_the_next_page(
    qtbot: Any, window: Any
) -> None:
    type_query(qtbot, window, QUERY)
    by_title(qtbot, window)
    pane = window.document_pane
    window.results.select_number(10, notify=True)
    window.open_hit(window.results.current_hit(), focus=True)
    qtbot.waitUntil(
        lambda: getattr(pane, "_view", None) is not None and pane._view.title == "Document 10"
    )
    assert pane.match_count() == 2  # "treaty" twice in the text
    assert pane.current_match() == 0
    pane.step_match(1)
    assert pane.current_match() == 1
    pane.step_match(1)
    assert pane.current_match() == 0  # wraps around
    assert pane.toolbar.position_label.text() == "Document 10 of 22"

    # next document: hit 11 is on page 2, which the window turns to
    pane.next_requested.emit()
    qtbot.waitUntil(lambda: pane._view.title == "Document 11", timeout=5000)
    assert window.results.pager.header.text() == "Results: 11 – 20 of 22"
    assert window.results.current_hit().number == 11
    assert pane.toolbar.position_label.text() == "Document 11 of 22"
    pane.previous_requested.emit()
    qtbot.waitUntil(lambda: pane._view.title == "Document 10", timeout=5000)
    assert window.results.pager.header.text() == "Results: 1 – 10 of 22"


def test_a_document_shows_before_its_related_documents_are_found(
    qtbot: Any, window: Any, monkeypatch: Any
) -> None:
    """Related documents take longest at a million documents: the text does not wait."""
    import threading

    type_query(qtbot, window, QUERY)
    pane = window.document_pane
    found = threading.Event()
    real = window.library.related

    def slow_related(ref: str, limit: int = 10) -> Any:
        found.wait(10)
        return real(ref, limit)

    monkeypatch.setattr(window.library, "related", slow_related)
    window.results.select_number(1, notify=True)
    hit = window.results.current_hit()
    window.open_hit(hit, focus=True)
    qtbot.waitUntil(lambda: getattr(pane, "_view", None) is not None and pane._view.ref == hit.ref)
    assert pane.related_list.count() == 0  # the document is there, its related ones not yet
    found.set()
    qtbot.waitUntil(lambda: pane.related_list.count() > 0, timeout=5000)
    refs = {pane.related_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(10)}
    assert hit.ref not in refs
    assert not pane.related_panel.isHidden()


def test_picking_a_facet_value_narrows_and_its_chip_removes_it(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    facet = window.facets.lists["person"]
    values = facet.model.values()
    assert "Tito, Josip Broz" in values
    row = values.index("Tito, Josip Broz")
    assert facet.model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) == 11  # its count
    rect = facet.view.visualRect(facet.proxy.index(row, 0))
    qtbot.mouseClick(facet.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_idle(qtbot, window)
    expected = sum(
        1 for i, r in enumerate(RECORDS, 1) if i <= TOTAL and "Tito, Josip Broz" in r["persons"]
    )
    assert window.session.page.total == expected == 11
    assert window.results.pager.header.text() == "Results: 1 – 10 of 11"
    chips = window.active_filters.chips
    assert [chip.text() for chip in chips] == ["Person: Tito, Josip Broz"]
    assert window.active_filters.isVisible()
    # the picked value stays at the top of its list, checked
    assert facet.model.index(0, 0).data(PickedRole) is True
    qtbot.mouseClick(chips[0], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.session.page.total == TOTAL
    assert not window.active_filters.isVisible()


def test_dragging_across_the_timeline_sets_the_dates(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    timeline = window.timeline
    qtbot.waitUntil(lambda: bool(timeline.years))
    assert sum(timeline.years.values()) == TOTAL
    start = QPointF(timeline.x_of(1955), timeline.height() / 2).toPoint()
    end = QPointF(timeline.x_of(1957), timeline.height() / 2).toPoint()
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(timeline, pos=QPoint((start.x() + end.x()) // 2, start.y()))
    qtbot.mouseMove(timeline, pos=end)
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=end)
    wait_idle(qtbot, window)
    assert (window.session.request.date_from, window.session.request.date_to) == ("1955", "1957")
    expected = sum(1 for i, r in enumerate(RECORDS, 1) if i <= TOTAL and 1955 <= year_of(r) <= 1957)
    assert window.session.page.total == expected
    assert window.search_pane.date_from.text() == "1955"
    assert window.search_pane.date_to.text() == "1957"
    assert [chip.text() for chip in window.active_filters.chips] == ["Date: 1955 – 1957"]
    # the timeline keeps every year in view, the chosen ones lit
    qtbot.waitUntil(lambda: sum(timeline.years.values()) == TOTAL)
    assert timeline.selection == (1955, 1957)

    # together with a facet
    facet = window.facets.lists["place"]
    facet.model.toggle(facet.model.values().index("Moscow"))
    wait_idle(qtbot, window)
    expected = sum(
        1
        for i, r in enumerate(RECORDS, 1)
        if i <= TOTAL and 1955 <= year_of(r) <= 1957 and "Moscow" in r["places"]
    )
    assert window.session.page.total == expected


def test_typed_dates_and_a_date_that_cannot_be_read(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    pane = window.search_pane
    pane.date_from.setFocus()
    qtbot.keyClicks(pane.date_from, "19x6")
    qtbot.keyClick(pane.date_from, Qt.Key.Key_Return)
    assert pane.date_error.isVisible()
    assert "Cannot read the date '19x6'" in pane.date_error.text()
    assert window.session.request.date_from is None  # nothing searched with it
    pane.date_from.clear()
    qtbot.keyClicks(pane.date_from, "1956-10")
    qtbot.keyClick(pane.date_from, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert not pane.date_error.isVisible()
    assert window.session.request.date_from == "1956-10"
    expected = sum(1 for i, r in enumerate(RECORDS, 1) if i <= TOTAL and r["date"][:7] >= "1956-10")
    assert window.session.page.total == expected

    # a bad date that reaches the engine anyway is said in the window, not raised
    window.session.set_dates("19x6", None)
    qtbot.waitUntil(lambda: bool(window.message_bar.message()))
    assert "Cannot read the date" in window.message_bar.message()
    assert "Traceback" not in window.message_bar.message()


def test_no_results_says_so_with_the_filters_and_a_suggestion(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, QUERY)
    window.facets.lists["person"].model.toggle(
        window.facets.lists["person"].model.values().index("Tito, Josip Broz")
    )
    wait_idle(qtbot, window)
    type_query(qtbot, window, "treatty")
    results = window.results
    assert results.stack.currentWidget() is results.empty
    text = results.empty.text()
    assert "No results for “treatty”" in text
    assert "Person: Tito, Josip Broz" in text
    suggestion = window.session.page.suggestion
    assert suggestion and suggestion.lower() == QUERY
    assert "Did you mean" in text and suggestion in text
    results.empty.linkActivated.emit(f"suggest:{suggestion}")
    wait_idle(qtbot, window)
    assert window.session.request.query == window.session.page.query == suggestion
    assert window.search_pane.query_box.text() == suggestion
    assert window.session.page.total == 11  # the filter is kept
    assert results.stack.currentWidget() is results.view


def test_a_lenient_search_says_what_was_ignored(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, "treaty AND (")
    page = window.session.page
    assert page.total == TOTAL
    assert page.ignored
    assert window.results.note.isVisible()
    assert window.results.note.text().startswith("Searched leniently. Ignored:")
    assert page.ignored[0] in window.results.note.text()


def test_a_late_answer_to_an_older_search_is_dropped(
    qtbot: Any, window: Any, shared_library: Any
) -> None:
    slow = SlowLibrary(shared_library, "harvest", delay=1.0)
    window.session.set_library(slow)
    wait_idle(qtbot, window)
    window.session.set_query("harvest")
    qtbot.wait(50)
    window.session.set_query(QUERY)
    wait_idle(qtbot, window)
    assert window.session.page.total == TOTAL
    qtbot.waitUntil(lambda: slow.slow_finished, timeout=5000)
    qtbot.wait(200)  # let the late result arrive and be dropped
    assert window.session.page.total == TOTAL
    assert window.results.pager.header.text() == header_text(window.session.page)
    assert window.results.pager.header.text().endswith("of 22")
    assert all("Document" in title for title in titles(window))
    assert window.session.request.query == QUERY


def test_dropping_files_on_the_window_imports_them(
    qtbot: Any, own_library: Any, tmp_path: Any
) -> None:
    window = make_window(qtbot, own_library)
    extra = tmp_path / "dropped.jsonl"
    extra.write_text(
        '{"ref": "x1", "title": "A dropped treaty", "date": "1958", "text": "treaty"}\n',
        encoding="utf-8",
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(extra))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert "Imported 1 document" in dialog.report_text()
    type_query(qtbot, window, QUERY)
    assert window.session.page.total == TOTAL + 1
    window.tasks.shutdown()


def test_settings_are_kept_between_runs(qtbot: Any, shared_library: Any) -> None:
    first = make_window(qtbot, shared_library)
    type_query(qtbot, first, QUERY, enter=True)
    choose_combo(first, first.results.pager.size_box, 20)
    choose_combo(first, first.search_pane.sort_box, "-date")
    wait_idle(qtbot, first)
    screen = first.screen().availableGeometry()
    size = (
        max(first.minimumSizeHint().width(), min(1111, screen.width() - 20)),
        min(577, screen.height() - 20),
    )
    first.resize(*size)
    first.splitter.setSizes([200, 400, 511])
    sizes = first.splitter.sizes()
    qtbot.wait(50)
    first.close()
    first.tasks.shutdown()

    second = make_window(qtbot, shared_library)
    assert second.search_pane.query_box.text() == QUERY
    assert second.session.request.page_size == 20
    assert second.results.pager.size_box.currentData() == 20
    assert second.session.request.sort == "-date"
    assert second.search_pane.sort_box.currentData() == "-date"
    assert (second.width(), second.height()) == size
    assert second.splitter.sizes() == sizes
    assert second.session.page.total == TOTAL
    assert second.search_pane.recent_model.stringList() == [QUERY]
    second.tasks.shutdown()


def test_every_control_has_an_accessible_name(window: Any) -> None:
    missing = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QSpinBox, QAbstractItemView):
        for widget in window.findChildren(kind):
            name = widget.accessibleName() or (
                widget.text() if isinstance(widget, QAbstractButton) else ""
            )
            if (
                not name.strip()
                and widget.isVisibleTo(window)
                and widget.objectName() not in ("qt_spinbox_lineedit",)
            ):
                if isinstance(widget, QLineEdit) and isinstance(
                    widget.parent(), QComboBox | QSpinBox
                ):
                    continue
                missing.append(
                    f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__} {widget.parent().objectName()!r}"
                )
    assert missing == []


def test_the_facet_lists_follow_the_search(qtbot: Any, window: Any) -> None:
    type_query(qtbot, window, "harvest")
    counts = {
        field: {
            window.facets.lists[field].model.value(row): window.facets.lists[field]
            .model.index(row, 0)
            .data(Qt.ItemDataRole.UserRole + 1)
            for row in range(window.facets.lists[field].model.rowCount())
        }
        for field in FACET_FIELDS
    }
    assert counts["person"] == {"Tito, Josip Broz": 4, "Khrushchev, Nikita": 4}
    assert counts["collection"] == {"fixture-treaties": 8}
    # collection ids read as titles, language codes as names
    assert (
        window.facets.lists["collection"].model.index(0, 0).data()
        == "Fixture: treaties and harvests"
    )
    languages = [
        window.facets.lists["language"].model.index(r, 0).data()
        for r in range(window.facets.lists["language"].model.rowCount())
    ]
    assert set(languages) == {"English", "Russian"}


def test_follows_a_change_of_palette(qtbot: Any, window: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from reading_room.ui import style
    from reading_room.ui.screenshots import dark_palette

    type_query(qtbot, window, QUERY)
    app = QApplication.instance()
    light = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.wait(50)
        assert style.is_dark(window.results.view.palette())
        assert style.marker(window.results.view.palette()).lightnessF() < 0.5
        window.grab()  # paints in the dark palette without error
        window.facets.lists["person"].model.restyle()
    finally:
        app.setPalette(light)
    qtbot.wait(50)
    assert not style.is_dark(window.results.view.palette())


def test_documents_deleted_behind_its_back_leave_the_results_after_the_start(
    qtbot: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    """The window opens without counting the documents; the check it makes next finds the
    rows deleted outside it, rebuilds the index and searches again."""
    import sqlite3

    from ui_fixture import open_library

    from reading_room.core import paths

    folder = tmp_path / "library"
    folder.mkdir()
    open_library(folder).close()
    db = folder / "collections.sqlite3"
    with sqlite3.connect(db) as connection:
        total = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        connection.execute(
            "DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents LIMIT 2)"
        )
    monkeypatch.setenv(paths.HOME_ENV, str(folder))
    window = make_window(qtbot, None)
    try:
        window.open_library(f"sqlite:///{db}", load_sample=False)
        qtbot.waitUntil(lambda: window.library is not None, timeout=10_000)
        qtbot.waitUntil(
            lambda: window.session.page is not None and window.session.page.total == total - 2,
            timeout=10_000,
        )
        assert window.collections_label.text().startswith(f"{total - 2} documents")
    finally:
        window.tasks.shutdown()
