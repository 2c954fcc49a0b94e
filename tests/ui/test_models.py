"""Every Qt model of the window passes pytest-qt's model tester (DESIGN.md convention 4)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel
from ui_fixture import QUERY, wait_idle

from reading_room.core.search.types import FacetValue, Hit, Page
from reading_room.ui.facets import FacetModel
from reading_room.ui.results import BookmarkedRole, HitRole, NumberRole, ResultsModel, SnippetRole


def test_the_results_model(qtmodeltester: Any) -> None:
    model = ResultsModel()
    hits = tuple(
        Hit(
            ref=f"c/{i}",
            collection="c",
            title=f"Title {i}",
            date_text="1956",
            date_start="1956-01-01",
            date_end="1956-12-31",
            snippet="a <b>treaty</b>",
            number=i,
        )
        for i in range(11, 21)
    )
    qtmodeltester.check(model)
    model.set_page(Page(hits=hits, total=22, page=2, page_size=10, first=11, last=20))
    qtmodeltester.check(model)
    index = model.index(0)
    assert index.data(NumberRole) == 11
    assert index.data(HitRole) is hits[0]
    assert index.data(SnippetRole) == "a <b>treaty</b>"
    assert index.data(BookmarkedRole) is False
    model.set_page(None)
    qtmodeltester.check(model)


def test_a_facet_model(qtmodeltester: Any) -> None:
    model = FacetModel("person")
    qtmodeltester.check(model)
    model.set_values((FacetValue("Tito", 11), FacetValue("Kardelj", 3)), ("Djilas",))
    qtmodeltester.check(model)
    assert model.values() == ["Djilas", "Tito", "Kardelj"]
    toggled = []
    model.toggled.connect(lambda value, on: toggled.append((value, on)))
    model.toggle(1)
    assert toggled == [("Tito", True)]
    qtmodeltester.check(model)


def test_every_model_of_a_live_window(qtbot: Any, qtmodeltester: Any, window: Any) -> None:
    window.search_pane.query_box.setText(QUERY)
    window.search_pane.submit()
    wait_idle(qtbot, window)
    qtmodeltester.check(window.results.model)
    for facet in window.facets.lists.values():
        qtmodeltester.check(facet.model)
        qtmodeltester.check(facet.proxy)
    recent = window.search_pane.recent_model
    assert isinstance(recent, QStringListModel)
    qtmodeltester.check(recent)
