"""The search the window shows: one SearchRequest, searched off the GUI thread.

Every change (a word typed, a facet picked, a page turned) makes a new request;
the newest one wins and late answers to older ones are dropped by the task
manager's "search" channel. Widgets only call the methods here and listen to
the signals; none of them holds the library.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..core.search.types import FACET_FIELDS, PAGE_SIZES, SORTS, Hit, Page, SearchRequest
from .tasks import TaskManager

log = logging.getLogger(__name__)

DATE = "date"  # the pseudo-field of the date filter, for removing it like a facet value
SCOPE = "scope"  # the pseudo-field of "search only my bookmarks / one list"


def tr(text: str) -> str:
    return QCoreApplication.translate("SearchSession", text)


def _search_part(request: SearchRequest) -> SearchRequest:
    """What decides the hits, facets and counts: the request without its page."""
    return replace(request, page=1, page_size=10, with_facets=True, with_snippets=True)


class SearchSession(QObject):
    request_changed = Signal(object)  # SearchRequest: the widgets show what is asked
    page_ready = Signal(object)  # Page
    timeline_ready = Signal(
        object
    )  # tuple[(year, hits), ...]: the engine counts them without the dates
    searching_changed = Signal(bool)
    failed = Signal(str)
    hit_reached = Signal(object)  # Hit: the one asked for by number, once its page is shown

    def __init__(
        self,
        tasks: TaskManager,
        request: SearchRequest | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._library: Any = None
        self._request = request or SearchRequest()
        self._page: Page | None = None
        self._page_request: SearchRequest | None = None
        self._wanted_number: int | None = None
        self._searching = False

    # -- state ----------------------------------------------------------------
    @property
    def request(self) -> SearchRequest:
        return self._request

    @property
    def page(self) -> Page | None:
        return self._page

    @property
    def library(self) -> Any:
        return self._library

    @property
    def searching(self) -> bool:
        return self._searching

    def set_library(self, library: Any) -> None:
        self._library = library
        self._page_request = None
        self.refresh()

    def refresh(self) -> None:
        """Search again (after an import the counts have changed)."""
        self._page_request = None
        self.submit(self._request)

    # -- searching --------------------------------------------------------------
    def submit(self, request: SearchRequest, *, keep_wanted: bool = False) -> None:
        if not keep_wanted:
            self._wanted_number = None
        self._request = request
        self.request_changed.emit(request)
        library = self._library
        if library is None:
            return
        turning = (
            self._page is not None
            and self._page_request is not None
            and _search_part(self._page_request) == _search_part(request)
        )
        asked = replace(request, with_facets=not turning)
        previous = self._page if turning else None
        self._set_searching(True)
        self._tasks.read(
            lambda: library.search(asked),
            on_done=lambda page: self._on_page(request, page, previous),
            on_error=self._on_error,
            channel="search",
            doing=tr("searching"),
        )

    def _on_page(self, request: SearchRequest, page: Page, previous: Page | None) -> None:
        if previous is not None and not page.facets and not page.years:
            page = replace(page, facets=previous.facets, years=previous.years)
        if page.total and not page.hits and request.page > page.page_count:
            self.submit(replace(request, page=page.page_count), keep_wanted=True)
            return
        self._page = page
        self._page_request = request
        self._set_searching(False)
        if previous is None:
            self.timeline_ready.emit(page.years)
        self.page_ready.emit(page)
        if self._wanted_number is not None:
            for hit in page.hits:
                if hit.number == self._wanted_number:
                    self._wanted_number = None
                    self.hit_reached.emit(hit)
                    break

    def _on_error(self, message: str) -> None:
        self._set_searching(False)
        self.failed.emit(message)

    def _set_searching(self, searching: bool) -> None:
        if searching != self._searching:
            self._searching = searching
            self.searching_changed.emit(searching)

    # -- what the widgets ask -------------------------------------------------------
    def set_query(self, query: str, *, force: bool = False) -> None:
        if query == self._request.query and not force and self._page_request is not None:
            return
        self.submit(replace(self._request, query=query, page=1))

    def set_dates(self, date_from: str | None, date_to: str | None) -> None:
        date_from, date_to = date_from or None, date_to or None
        if (date_from, date_to) != (self._request.date_from, self._request.date_to):
            self.submit(replace(self._request, date_from=date_from, date_to=date_to, page=1))

    def set_refs(self, refs: frozenset[str] | None) -> None:
        """Search only these documents (my bookmarks, one list), or all of them (None)."""
        if refs != self._request.refs:
            self.submit(replace(self._request, refs=refs, page=1))

    def set_filter(self, field: str, value: str, on: bool = True) -> None:
        if field == DATE:
            if not on:
                self.set_dates(None, None)
            return
        if field == SCOPE:
            if not on:
                self.set_refs(None)
            return
        if field not in FACET_FIELDS:
            raise ValueError(field)
        values = tuple(v for v in getattr(self._request, field) if v != value)
        if on:
            values += (value,)
        if values != getattr(self._request, field):
            self.submit(replace(self._request, page=1, **{field: values}))

    def remove_filter(self, field: str, value: str = "") -> None:
        self.set_filter(field, value, on=False)

    def clear_filters(self) -> None:
        cleared = replace(
            self._request,
            page=1,
            date_from=None,
            date_to=None,
            refs=None,
            **{name: () for name in FACET_FIELDS},
        )
        if cleared != self._request:
            self.submit(cleared)

    def search_only(self, field: str, value: str) -> None:
        """A new search for one person, place or subject (a link in a document)."""
        self.submit(
            SearchRequest(
                page_size=self._request.page_size,
                sort="date",
                **{field: (value,)},
            )
        )

    def set_sort(self, sort: str) -> None:
        if sort in SORTS and sort != self._request.sort:
            self.submit(replace(self._request, sort=sort, page=1))

    def page_count(self) -> int:
        return self._page.page_count if self._page is not None else 1

    def go_to_page(self, number: int) -> None:
        number = max(1, min(number, self.page_count()))
        if number != self._request.page or self._page_request != self._request:
            self.submit(replace(self._request, page=number))

    def turn_page(self, delta: int) -> None:
        self.go_to_page(self._request.page + delta)

    def set_page_size(self, size: int) -> None:
        if size not in PAGE_SIZES or size == self._request.page_size:
            return
        first = self._page.first if self._page is not None and self._page.first else 1
        self.submit(replace(self._request, page_size=size, page=(first - 1) // size + 1))

    def go_to_number(self, number: int) -> None:
        """Show hit ``number`` of the whole list, turning the page when it is on another."""
        page = self._page
        if page is None or not page.total:
            return
        number = max(1, min(number, page.total))
        for hit in page.hits:
            if hit.number == number:
                self.hit_reached.emit(hit)
                return
        self._wanted_number = number
        target = (number - 1) // self._request.page_size + 1
        self.submit(replace(self._request, page=target), keep_wanted=True)


def hit_at(page: Page | None, number: int) -> Hit | None:
    if page is None:
        return None
    return next((hit for hit in page.hits if hit.number == number), None)
