"""Bookmarks in the window: Ctrl+D, the star in the list, the pane, lists, the search scope."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from test_main_window import type_query
from ui_fixture import QUERY, TOTAL, open_document, ref, wait_user_idle

from reading_room.core.userdata import UserStore
from reading_room.ui.bookmarks_model import BookmarksModel, ListsModel
from reading_room.ui.results import BookmarkedRole
from reading_room.ui.user_session import ALL_BOOKMARKS


def stars(window: Any) -> dict[str, bool]:
    model = window.results.model
    return {
        model.hit(r).ref: bool(model.index(r).data(BookmarkedRole)) for r in range(model.rowCount())
    }


def click_star(qtbot: Any, window: Any, row: int) -> None:
    view = window.results.view
    index = window.results.model.index(row)
    view.scrollTo(index)
    rect = window.results.delegate.star_rect(view.visualRect(index))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_ctrl_d_and_the_list_star_bookmark_and_the_pane_counts_them(
    qtbot: Any, user_window: Any
) -> None:
    window = user_window
    user = window.user_panes.user
    type_query(qtbot, window, QUERY)
    pane = open_document(qtbot, window, ref(3))
    assert not pane.toolbar.bookmark_action.isChecked()

    # Ctrl+D on the document being read
    window.activateWindow()
    pane.browser.setFocus()
    qtbot.keyClick(pane.browser, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_user_idle(qtbot, window)
    assert pane.toolbar.bookmark_action.isChecked()
    assert pane.toolbar.bookmark_action.text() == "Bookmarked"
    assert stars(window)[ref(3)] is True

    # the star of another row, clicked in the results list
    row = next(
        r
        for r in range(window.results.model.rowCount())
        if window.results.model.hit(r).ref == ref(5)
    )
    click_star(qtbot, window, row)
    wait_user_idle(qtbot, window)
    assert {r for r, starred in stars(window).items() if starred} == {ref(3), ref(5)}
    assert user.bookmarked == {ref(3), ref(5)}

    # the bookmarks pane: "All bookmarks (2)" and the default list with its two documents
    bookmarks = window.user_panes.bookmarks
    lists = bookmarks.lists_model
    assert [lists.index(r, 0).data() for r in range(lists.rowCount())] == [
        "All bookmarks",
        "Bookmarks",
    ]
    assert [lists.index(r, 1).data() for r in range(lists.rowCount())] == ["2", "2"]
    assert window.centre_tabs.tabText(window.centre_tabs.indexOf(bookmarks)) == "Bookmarks (2)"
    titles = [bookmarks.model.index(r, 1).data() for r in range(bookmarks.model.rowCount())]
    assert sorted(titles) == ["Document 03", "Document 05"]

    # clicking the star again takes the bookmark off (into the trash)
    click_star(qtbot, window, row)
    wait_user_idle(qtbot, window)
    assert user.bookmarked == {ref(3)}
    assert lists.index(0, 1).data() == "1"
    assert window.user_panes.trash.model.rowCount() == 1

    # saved for good: a new store on the same database sees the bookmark
    with UserStore() as store:
        assert store.sign_in().bookmarked_refs() == {ref(3)}


def test_my_bookmarks_scope_narrows_the_search_to_exactly_them(
    qtbot: Any, user_window: Any
) -> None:
    window = user_window
    user = window.user_panes.user
    notebook = user.notebook
    for number in (2, 7, 25):  # document 25 is on a harvest, not a treaty
        notebook.bookmark(ref(number))
    notebook.bookmark(ref(9), list_name="Reading list")
    user.refresh_bookmarks()
    wait_user_idle(qtbot, window)
    type_query(qtbot, window, QUERY)
    assert window.session.page.total == TOTAL

    box = window.search_pane.scope_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All documents",
        "My bookmarks (4)",
        "List: Bookmarks (3)",
        "List: Reading list (1)",
    ]
    box.setCurrentIndex(box.findData(ALL_BOOKMARKS))
    wait_user_idle(qtbot, window)
    refs = {window.results.model.hit(r).ref for r in range(window.results.model.rowCount())}
    assert refs == {ref(2), ref(7), ref(9)}  # the bookmarks the query matches, and only them
    assert window.session.request.refs == {ref(2), ref(7), ref(9), ref(25)}
    assert [chip.text() for chip in window.active_filters.chips] == ["In: my bookmarks"]

    box.setCurrentIndex(box.findData("Reading list"))
    wait_user_idle(qtbot, window)
    assert [window.results.model.hit(r).ref for r in range(window.results.model.rowCount())] == [
        ref(9)
    ]
    assert [chip.text() for chip in window.active_filters.chips] == ["In: the list “Reading list”"]

    # the chip takes the scope off again
    qtbot.mouseClick(window.active_filters.chips[0], Qt.MouseButton.LeftButton)
    wait_user_idle(qtbot, window)
    assert window.session.page.total == TOTAL
    assert box.currentIndex() == 0


def test_moving_bookmarks_between_lists(qtbot: Any, user_window: Any) -> None:
    window = user_window
    user = window.user_panes.user
    user.notebook.bookmark(ref(1))
    user.notebook.bookmark(ref(4))
    user.notebook.create_list("Hungary 1956")
    user.refresh_bookmarks()
    wait_user_idle(qtbot, window)
    pane = window.user_panes.bookmarks
    window.user_panes.show_tab(pane)
    pane.choose_list("Bookmarks")
    assert pane.model.rowCount() == 2

    # by the "Move to" menu on the chosen document
    pane.view.setCurrentIndex(pane.model.index(pane.model.row_of(ref(4)), 0))
    pane.move_selected("Hungary 1956")
    wait_user_idle(qtbot, window)
    assert {b.ref: b.list_name for b in user.bookmarks} == {
        ref(1): "Bookmarks",
        ref(4): "Hungary 1956",
    }
    assert [pane.model.bookmark(r).ref for r in range(pane.model.rowCount())] == [ref(1)]
    counts = {
        pane.lists_model.index(r, 0).data(): pane.lists_model.index(r, 1).data()
        for r in range(pane.lists_model.rowCount())
    }
    assert counts == {"All bookmarks": "2", "Bookmarks": "1", "Hungary 1956": "1"}

    # by dragging it onto another list (the drop the list view would make)
    data = pane.model.mimeData([pane.model.index(0, 0)])
    target = pane.lists_model.index(pane.lists_model.row_of("Hungary 1956"), 0)
    assert pane.lists_model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    pane.lists_model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, target)
    wait_user_idle(qtbot, window)
    assert {b.list_name for b in user.bookmarks} == {"Hungary 1956"}
    # onto "All bookmarks" is no move
    all_row = pane.lists_model.index(0, 0)
    assert not pane.lists_model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, all_row)

    # open on click
    pane.choose_list("Hungary 1956")
    index = pane.model.index(pane.model.row_of(ref(1)), 1)
    qtbot.mouseClick(
        pane.view.viewport(), Qt.MouseButton.LeftButton, pos=pane.view.visualRect(index).center()
    )
    doc = window.document_pane
    qtbot.waitUntil(lambda: doc.view is not None and doc.view.ref == ref(1), timeout=5000)
    assert doc.toolbar.bookmark_action.isChecked()


def test_the_bookmark_models_pass_the_model_tester(
    qtmodeltester: Any, user_window: Any, qtbot: Any
) -> None:
    user = user_window.user_panes.user
    user.notebook.bookmark(ref(1), tags=["treaty"])
    user.notebook.bookmark(ref(2), list_name="Other")
    user.refresh_bookmarks()
    wait_user_idle(qtbot, user_window)
    lists = ListsModel()
    lists.set_lists(user.lists, len(user.bookmarks))
    qtmodeltester.check(lists)
    documents = BookmarksModel()
    documents.set_bookmarks(user.bookmarks, frozenset({ref(2)}))
    qtmodeltester.check(documents)
    assert documents.index(1, 1).data() == f"{ref(2)} — document no longer in the collection"
    assert lists.rowCount(QModelIndex()) == 3
