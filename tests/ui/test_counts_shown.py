"""Large counts as a reader sees them: whole, and grouped as their locale writes them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QSplitter, QWidget

from reading_room.core.search.types import FacetValue, Page, SearchRequest
from reading_room.ui.facets import FacetsPanel
from reading_room.ui.labels import group_digits_in_c_locale, number
from reading_room.ui.pager import header_text


@pytest.fixture
def restore_locale() -> Iterator[None]:
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_counts_are_grouped_under_the_c_locale_too(qapp: Any, restore_locale: None) -> None:
    QLocale.setDefault(QLocale.c())  # a bare system, LANG=C: Qt alone writes 543258
    group_digits_in_c_locale()
    assert number(543_258) == "543,258"
    page = Page(hits=(), total=543_258, page=1, page_size=10, first=1, last=10)
    assert header_text(page) == "Results: 1 – 10 of 543,258"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    group_digits_in_c_locale()  # another locale is left as it is
    assert number(543_258) == "543.258"


def test_six_digit_facet_counts_are_not_cut_off(qtbot: Any, restore_locale: None) -> None:
    QLocale.setDefault(QLocale.c())
    group_digits_in_c_locale()
    splitter = QSplitter()
    splitter.setChildrenCollapsible(False)
    panel = FacetsPanel()
    splitter.addWidget(panel)
    splitter.addWidget(QWidget())
    qtbot.addWidget(splitter)
    splitter.resize(900, 700)
    splitter.show()
    values = (
        FacetValue("Washington, D.C.", 389_149),
        FacetValue("Department of State", 61_103),
        FacetValue("Paris", 19_634),
    )
    page = Page(
        hits=(), total=543_258, page=1, page_size=10, first=1, last=10, facets={"place": values}
    )
    panel.set_page(page, SearchRequest(query="washington"))
    splitter.setSizes([20, 880])  # dragged as narrow as the splitter lets it
    view = panel.lists["place"].view

    def fitted() -> None:
        assert panel.lists["place"].row_count() == 3
        header = view.header()
        right = header.sectionViewportPosition(1) + header.sectionSize(1)
        assert right <= view.viewport().width()
        assert view.fontMetrics().horizontalAdvance("389,149") < header.sectionSize(1)
        assert panel.widget().width() <= panel.viewport().width()  # nothing clipped on the right

    qtbot.waitUntil(fitted, timeout=3000)
    assert view.model().index(0, 1).data() == "389,149"
