"""What keeps the window answering while a search or a document arrives (issue 3).

The hits first, their counts after; facet lists filled only when shown and only when
changed; stale work skipped; the settings file written off the GUI thread; a long
document highlighted a screen first. What is tested here is behaviour, never a duration.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from test_document_view import BODY, make_view
from ui_fixture import QUERY, TOTAL, wait_idle

from reading_room.core.search.types import FacetValue, SearchRequest
from reading_room.ui import icons
from reading_room.ui.doc_matching import document_matches, fold, fold_with_offsets
from reading_room.ui.document_view import DocumentPane
from reading_room.ui.facets import FacetList, FacetModel, PickedRole
from reading_room.ui.quiet_tabs import QuietTabWidget
from reading_room.ui.settings import Settings
from reading_room.ui.tasks import TaskManager

VALUES = (FacetValue("Tito", 11), FacetValue("Kardelj", 3))


class CountingLibrary:
    """The library, each search written down; the counting ones held back until released."""

    def __init__(self, library: Any) -> None:
        self._library = library
        self.asked: list[SearchRequest] = []
        self.release = threading.Event()
        self.release.set()

    def search(self, request: SearchRequest) -> Any:
        self.asked.append(request)
        if request.with_facets:
            self.release.wait(10)
        return self._library.search(request)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._library, name)


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@pytest.fixture
def pane(qtbot: Any, tmp_path: Path) -> DocumentPane:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = DocumentPane(settings=settings)
    qtbot.addWidget(widget)
    widget.resize(800, 700)
    widget.show()
    return widget


def settle(rounds: int = 5) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


# -- the search: hits first, counts after ------------------------------------------------------


def test_the_hits_are_shown_before_their_counts(
    qtbot: Any, window: Any, shared_library: Any
) -> None:
    library = CountingLibrary(shared_library)
    window.session.set_library(library)
    wait_idle(qtbot, window)
    seen: list[tuple[str, Any]] = []
    window.session.page_ready.connect(lambda page: seen.append(("hits", page)))
    window.session.facets_ready.connect(lambda page: seen.append(("counts", page)))
    library.release.clear()
    window.session.set_query(QUERY)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    kind, page = seen[0]
    assert kind == "hits" and page.total == TOTAL and page.facets == {}
    assert window.results.model.rowCount() == 10  # listed while the counts are still counted
    assert window.session.counting and window.updating
    library.release.set()
    wait_idle(qtbot, window)
    assert [kind for kind, _page in seen] == ["hits", "counts"]
    counted = seen[1][1]
    assert counted.facets and counted.years and counted.hits == page.hits
    assert window.session.page.facets == counted.facets
    assert window.facets.lists["person"].model.values()  # the lists are filled
    assert window.timeline.years  # and the timeline
    # the search with the counts came after the one for the hits
    counting = [r for r in library.asked if r.query == QUERY and r.with_facets]
    assert len(counting) == 1 and not counting[0].with_snippets


def test_turning_the_page_keeps_the_counts(qtbot: Any, window: Any, shared_library: Any) -> None:
    library = CountingLibrary(shared_library)
    window.session.set_library(library)
    window.session.set_query(QUERY)
    wait_idle(qtbot, window)
    facets = window.session.page.facets
    asked = len(library.asked)
    window.session.go_to_page(2)
    wait_idle(qtbot, window)
    assert window.session.page.page == 2
    assert window.session.page.facets == facets
    assert not any(r.with_facets for r in library.asked[asked:])  # nothing counted again


def test_the_open_document_stays_as_it_is_when_its_hit_is_opened_again(
    qtbot: Any, window: Any
) -> None:
    window.session.set_query(QUERY)
    wait_idle(qtbot, window)
    hit = window.results.model.hit(0)
    pane = window.document_pane
    window.open_hit(hit)
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.ref == hit.ref, timeout=5000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=5000)
    document = pane.browser.document()
    window.open_hit(hit, focus=True)  # Enter on the row already read
    qtbot.wait(100)
    assert pane.browser.document() is document  # not read and laid out again
    other = window.results.model.hit(1)
    window.open_hit(other)
    qtbot.waitUntil(lambda: pane.view.ref == other.ref, timeout=5000)
    assert pane.browser.document() is not document


def test_of_documents_asked_for_in_a_row_only_the_last_is_read(qtbot: Any, window: Any) -> None:
    window.session.set_query(QUERY)
    wait_idle(qtbot, window)
    pane = window.document_pane
    shown: list[str] = []
    pane.document_shown.connect(lambda view: view is not None and shown.append(view.ref))
    refs = [window.results.model.hit(row).ref for row in range(4)]
    for ref in refs:  # arrowing down the list faster than documents are read
        window.open_ref(ref)
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.ref == refs[-1], timeout=5000)
    qtbot.wait(100)
    assert shown == [refs[-1]]


def test_the_window_says_when_the_collections_are_open(qtbot: Any, window: Any) -> None:
    opened: list[Any] = []
    window.library_opened.connect(opened.append)
    library = window.library
    window.set_library(library)
    wait_idle(qtbot, window)
    assert opened == [library]


# -- the facet lists ------------------------------------------------------------------------------


def test_a_folded_facet_list_is_filled_when_it_is_opened(qtbot: Any) -> None:
    facet = FacetList("person")
    qtbot.addWidget(facet)
    facet.show()
    facet.header.setChecked(False)  # folded
    facet.set_values(VALUES, ("Djilas",))
    assert facet.pending
    assert facet.model.rowCount() == 0  # nothing filled while nobody sees it
    assert facet.row_count() == 3
    assert "1 picked" in facet.header.text()  # the header still says what is picked
    facet.header.setChecked(True)
    assert not facet.pending
    assert facet.model.values() == ["Djilas", "Tito", "Kardelj"]
    assert facet.model.index(1, 1).data() == "11"


def test_the_same_facet_values_leave_the_list_alone(qtbot: Any, qtmodeltester: Any) -> None:
    model = FacetModel("person")
    resets: list[int] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(1))
    model.set_values(VALUES, ())
    model.set_values(VALUES, ())  # the same search again, or its next page
    assert len(resets) == 1
    model.set_values((FacetValue("Tito", 12),), ())
    assert len(resets) == 2
    assert model.values() == ["Tito"] and model.index(0, 1).data() == "12"
    model.set_values((FacetValue("Tito", 12),), ("Tito",))  # the same value, picked now
    assert len(resets) == 3
    assert model.index(0, 0).data(PickedRole) is True
    qtmodeltester.check(model)


# -- the workers ----------------------------------------------------------------------------------


def test_a_superseded_task_still_waiting_for_a_worker_is_not_run(qtbot: Any) -> None:
    tasks = TaskManager(read_threads=1)
    try:
        ran: list[str] = []
        done: list[str] = []
        started = threading.Event()
        tasks.read(lambda: (started.set(), time.sleep(0.3)))  # keeps the only worker busy
        started.wait(5)
        tasks.read(lambda: ran.append("old") or "old", on_done=done.append, channel="document")
        tasks.read(lambda: ran.append("new") or "new", on_done=done.append, channel="document")
        qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
        assert ran == ["new"] and done == ["new"]
    finally:
        tasks.shutdown()


def test_workers_hand_the_interpreter_back_often() -> None:
    from reading_room.ui.app import SWITCH_INTERVAL, share_the_interpreter

    before = sys.getswitchinterval()
    try:
        share_the_interpreter()
        assert sys.getswitchinterval() == SWITCH_INTERVAL < before
    finally:
        sys.setswitchinterval(before)


def test_the_settings_file_is_written_off_the_gui_thread(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = Settings.open(path)
    settings.preferences.remember_query("tito")
    assert settings.qsettings.wait_written(10)
    assert "tito" in path.read_text(encoding="utf-8")  # no event loop, no sync() from here
    assert Settings.open(path).preferences.recent_searches == ["tito"]


# -- painting -------------------------------------------------------------------------------------


def test_a_tab_page_is_not_repainted_when_nothing_moved(qtbot: Any) -> None:
    tabs = QuietTabWidget()
    qtbot.addWidget(tabs)
    page = QWidget()
    label = QLabel("Results: 1 – 10 of 22")
    big = QWidget()
    big.setMinimumSize(300, 300)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    layout.addWidget(big)
    tabs.addTab(page, "Results")
    tabs.addTab(QWidget(), "Notes")
    tabs.resize(500, 500)
    tabs.show()
    qtbot.waitExposed(tabs)
    settle()
    counter = PaintCounter()
    big.installEventFilter(counter)
    label.setText("Results: 1 – 10 of 1,048")  # its size hint changes: a layout request climbs
    settle()
    assert counter.paints == 0
    tabs.setTabText(1, "Notes (3)")  # the tab bar does change: laid out again
    settle()
    assert tabs.tabBar().width() >= tabs.tabBar().sizeHint().width()
    assert tabs.tabText(1) == "Notes (3)"


def test_icons_are_drawn_once_per_name_and_colours() -> None:
    palette = QApplication.palette()
    first = icons.icon("star", palette)
    assert icons.icon("star", palette).cacheKey() == first.cacheKey()
    assert icons.check_icons(palette) is icons.check_icons(palette)
    assert not first.pixmap(16, 16).isNull()


# -- the document ---------------------------------------------------------------------------------


def test_a_long_document_is_highlighted_a_screen_first_then_all(qtbot: Any, pane: Any) -> None:
    view = make_view(body=BODY * 300)  # about 130,000 characters
    pane.show_document(view, "tito")
    total = pane.match_count()
    assert total > 300
    assert 0 < len(pane.browser.extraSelections()) <= total
    qtbot.waitUntil(lambda: len(pane.browser.extraSelections()) == total, timeout=10_000)
    assert not pane.highlighting
    pane.show_document(make_view(body=BODY * 300, ref="other/1"), "tito")
    pane.step_match(-1)  # the last match, at the very end: highlighted at once
    current = [s for s in pane.browser.extraSelections() if s.format.fontUnderline()]
    assert len(current) == 1
    assert current[0].cursor.selectionEnd() == pane._query_spans[-1][1]


def test_matches_found_beforehand_are_those_shown(qtbot: Any, pane: Any) -> None:
    view = make_view()
    pane.show_document(view, "tito")
    found_here = pane.match_count()
    pane.show_document(view, "tito", matches=document_matches(view, "tito"))
    assert pane.match_count() == found_here > 0
    assert len(pane.browser.extraSelections()) == found_here


def test_folding_runs_of_ascii_at_once_folds_as_one_by_one() -> None:
    for text in ("Koča Popović, ÉTÉ", "plain text", "", "straße Æon", "a\u0301b", "𝔄 Й x"):
        folded, origin = fold_with_offsets(text)
        expected = "".join(fold(char) for char in text)
        assert folded == expected
        assert len(origin) == len(folded)
        assert all(fold(text[origin[i]]) for i in range(len(folded)))
