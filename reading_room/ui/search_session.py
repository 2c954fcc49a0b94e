"""The search the window shows: one SearchRequest, searched off the GUI thread.

Every change (a word typed, a facet picked, a page turned) makes a new request;
the newest one wins and late answers to older ones are dropped by the task
manager's "search" channel. Widgets only call the methods here and listen to
the signals; none of them holds the library.

A new search is asked in two parts: first the page of hits alone (a few
milliseconds at 100,000 documents), shown as soon as it is found (``page_ready``);
then, once the window has painted it, the facet counts and the timeline (most of
a search's time on a large collection: counting uses every core, and would only
slow the painting down if it ran meanwhile), shown when they come
(``facets_ready``, ``timeline_ready``). Turning the page of a search keeps its
counts.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

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
    facets_ready = Signal(object)  # Page: the page shown, now with its facet counts
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
        self._counting: SearchRequest | None = None  # the search whose counts are awaited
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)  # the next turn of the event loop, after its paint
        self._count_timer.timeout.connect(self._count)

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

    @property
    def counting(self) -> bool:
        """The facets and timeline of the search shown are still being counted."""
        return self._counting is not None

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
        previous = self._page if turning else None
        hits = replace(request, with_facets=False)
        self._set_searching(True)
        self._tasks.read(
            lambda: library.search(hits),
            on_done=lambda page: self._on_page(request, page, previous),
            on_error=lambda message: self._on_error(message, request),
            channel="search",
            doing=tr("searching"),
        )
        if turning:
            return  # the same search on another page: its counts stay
        self._count_timer.stop()
        self._tasks.supersede("facets")  # the counts of the search before are not wanted
        self._counting = request  # counted once its hits are shown (``_on_page``)

    def _count(self) -> None:
        request = self._counting
        library = self._library
        shown = self._page_request
        if request is None or library is None or shown is None:
            return
        if _search_part(shown) != _search_part(request):
            return  # its hits are not shown yet: counted when they are
        counts = replace(request, with_facets=True, with_snippets=False)
        self._tasks.read(
            lambda: library.search(counts),
            on_done=lambda page: self._on_counts(request, page),
            on_error=lambda message: self._on_counts_failed(request, message),
            channel="facets",
            doing=tr("counting the facets"),
        )

    def _on_page(self, request: SearchRequest, page: Page, previous: Page | None) -> None:
        if previous is not None:
            page = replace(page, facets=previous.facets, years=previous.years)
        if page.total and not page.hits and request.page > page.page_count:
            self.submit(replace(request, page=page.page_count), keep_wanted=True)
            return
        self._page = page
        self._page_request = request
        self._set_searching(False)
        self.page_ready.emit(page)  # the window lays the hits out and paints them meanwhile
        if previous is None and self._counting is request:
            self._count_timer.start()  # once what the hits changed is painted
        if self._wanted_number is not None:
            for hit in page.hits:
                if hit.number == self._wanted_number:
                    self._wanted_number = None
                    self.hit_reached.emit(hit)
                    break

    def _on_counts(self, request: SearchRequest, counted: Page) -> None:
        if self._counting is not request:
            return  # counts of a search since replaced
        self._counting = None
        shown = self._page_request
        if shown is None or _search_part(shown) != _search_part(request) or self._page is None:
            return  # not the search shown (cannot happen: counting starts once it is)
        self._page = replace(self._page, facets=counted.facets, years=counted.years)
        self.timeline_ready.emit(counted.years)
        self.facets_ready.emit(self._page)

    def _on_counts_failed(self, request: SearchRequest, message: str) -> None:
        if self._counting is request:
            self._counting = None
        log.warning("counting the facets failed: %s", message)  # the hits' search says why

    def _on_error(self, message: str, request: SearchRequest | None = None) -> None:
        if request is not None and self._counting is request:
            self._counting = None  # a search that failed has nothing to count
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
