"""The timeline: bars per year, a dragged or typed range, tooltips' words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt

from reading_room.ui.timeline import TimelineWidget, year_of


def make(qtbot: Any) -> TimelineWidget:
    timeline = TimelineWidget()
    qtbot.addWidget(timeline)
    timeline.resize(500, 100)
    timeline.show()
    timeline.set_years(((1954, 3), (1956, 14), (1957, 2), (1962, 1)))
    return timeline


def test_years_in_between_are_kept_as_gaps(qtbot: Any) -> None:
    timeline = make(qtbot)
    assert timeline.year_at(timeline.x_of(1955)) == 1955
    assert timeline.year_at(timeline.x_of(1962)) == 1962
    assert timeline.year_at(-50) == 1954 and timeline.year_at(10_000) == 1962
    assert "most in 1956 (14)" in timeline.accessibleDescription()
    timeline.grab()  # paints without error


def test_drag_backwards_and_click_one_year(qtbot: Any) -> None:
    timeline = make(qtbot)
    ranges: list[tuple[int, int]] = []
    timeline.range_selected.connect(lambda lo, hi: ranges.append((lo, hi)))
    y = timeline.height() // 2
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(int(timeline.x_of(1960)), y))
    qtbot.mouseMove(timeline, pos=QPoint(int(timeline.x_of(1955)), y))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(int(timeline.x_of(1955)), y))
    qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(int(timeline.x_of(1956)), y))
    assert ranges == [(1955, 1960), (1956, 1956)]


def test_keyboard_range(qtbot: Any) -> None:
    timeline = make(qtbot)
    ranges: list[tuple[int, int]] = []
    cleared: list[bool] = []
    timeline.range_selected.connect(lambda lo, hi: ranges.append((lo, hi)))
    timeline.cleared.connect(lambda: cleared.append(True))
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert ranges == [(1955, 1957)]
    assert timeline.selection == (1955, 1957)
    qtbot.keyClick(timeline, Qt.Key.Key_Escape)
    assert cleared == [True] and timeline.selection is None


def test_open_ended_selection_and_empty_chart(qtbot: Any) -> None:
    timeline = make(qtbot)
    timeline.set_selection(1956, None)
    assert timeline.selection == (1956, 1962)
    timeline.set_years(())
    assert timeline.year_at(100) is None
    timeline.grab()
    assert year_of("1956-10-23") == 1956 and year_of(None) is None and year_of("c. 1956") is None
