"""The reading-room window: it assembles the panes and wires them to the search session.

The window itself does little: menus and shortcuts, opening the library on the
write worker, opening documents on the read pool, imports, and keeping the
settings. Searching lives in ``search_session``; my bookmarks, notes and profile
in ``user_panes``; each pane lives in its own module (DESIGN.md convention 9).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from ..core.opening import Opening
from ..core.search.types import FACET_FIELDS, Hit, Page, SearchRequest
from . import style
from .actions import install_actions
from .active_filters import ActiveFiltersBar, describe_filters
from .document_fallback import make_document_pane
from .document_loader import DocumentLoader
from .facets import FacetsPanel
from .help_dialog import HelpDialog
from .icons import app_icon
from .import_dialog import ImportDialog
from .labels import language_name, number
from .message_bar import MessageBar
from .quiet_tabs import QuietTabWidget
from .results import ResultsPane
from .search_pane import SearchPane
from .search_session import SearchSession, _search_part
from .settings import Settings
from .tasks import TaskManager
from .timeline import TimelineWidget, year_of
from .user_panes import UserPanes

log = logging.getLogger(__name__)

#: facet lists filled per turn of the event loop (several hundred values in all)
FACETS_AT_ONCE = 3


class MainWindow(QMainWindow):
    #: the collections are open (again, after an import): what lives as long as they do exists
    library_opened = Signal(object)

    def __init__(
        self,
        tasks: TaskManager | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks or TaskManager(self)
        if self.tasks.parent() is None:
            self.tasks.setParent(self)  # its thread pools go with the window, not at exit
        self.settings = settings or Settings.open()
        self.preferences = self.settings.preferences
        self.library: Any = None
        self.collection_titles: dict[str, str] = {}
        self.import_dialog: ImportDialog | None = None
        self._current: tuple[int, SearchRequest] | None = (
            None  # (hit number, search) of the open document
        )
        self.session = SearchSession(self.tasks, self.preferences.load_search(), self)
        self.setWindowTitle(self.tr("Reading Room"))
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build()
        self.actions_ = install_actions(self)
        self.import_action = self.actions_["import"]
        self._connect()
        self._restore()
        self._show_request(self.session.request)

    # -- assembling -------------------------------------------------------------------
    def _build(self) -> None:
        self.message_bar = MessageBar()
        self.search_pane = SearchPane(self.preferences.search_delay_ms)
        self.search_pane.set_recent(self.preferences.recent_searches)
        self.active_filters = ActiveFiltersBar()
        self.active_filters.set_labeller(self.value_label)
        self.facets = FacetsPanel()
        self.facets.set_label("collection", lambda value: self.collection_titles.get(value, value))
        self.facets.set_label("language", language_name)
        self.timeline = TimelineWidget()
        timeline_caption = QLabel(
            self.tr("Hits per year — drag across the years to filter by date")
        )
        timeline_caption.setObjectName("quietNote")
        self.results = ResultsPane()
        self.results.model.collection_label = lambda value: self.collection_titles.get(value, value)
        self.document_pane = make_document_pane()
        self.document_pane.setMinimumWidth(300)
        self.documents = DocumentLoader(self.tasks, self.document_pane, self)

        centre = QWidget()
        centre.setObjectName("resultsColumn")
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(2)
        centre_layout.addWidget(timeline_caption)
        centre_layout.addWidget(self.timeline)
        centre_layout.addWidget(self.results, 1)
        timeline_caption.setContentsMargins(10, 4, 0, 0)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.results_column = centre
        self.centre_tabs = QuietTabWidget()
        self.centre_tabs.setObjectName("centreTabs")
        self.centre_tabs.setDocumentMode(True)
        self.centre_tabs.setAccessibleName(self.tr("Results, bookmarks, notes and trash"))
        self.centre_tabs.addTab(centre, self.tr("Results"))
        self.user_panes = UserPanes(self, self.centre_tabs)
        centre_layout.insertWidget(0, self.user_panes.notes_match)
        self.user_panes.notes_match.setContentsMargins(10, 4, 10, 0)

        self.splitter.addWidget(self.facets)
        self.splitter.addWidget(self.centre_tabs)
        self.splitter.addWidget(self.document_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 3)
        centre.setMinimumWidth(300)

        top = QWidget()
        top.setObjectName("searchBar")
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(10, 8, 10, 6)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.search_pane)
        top_layout.addWidget(self.active_filters)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(top)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(body)
        self.collections_label = QLabel()
        self.statusBar().addPermanentWidget(self.user_panes.profile_label)
        self.statusBar().addPermanentWidget(self.collections_label)
        self.setStyleSheet(style.stylesheet())

        self._preview = QTimer(self)
        self._preview.setSingleShot(True)
        self._preview.setInterval(180)
        self._preview.timeout.connect(self._preview_current)
        # the facet lists of a search, filled a few per turn of the event loop once counted
        self._facets_due: tuple[Page, SearchRequest, tuple[str, ...]] | None = None
        self._facets_timer = QTimer(self)
        self._facets_timer.setSingleShot(True)
        self._facets_timer.setInterval(0)
        self._facets_timer.timeout.connect(self._show_facets)
        self.search_pane.query_box.installEventFilter(self)

        order = [
            self.search_pane.query_box,
            self.search_pane.date_from,
            self.search_pane.date_to,
            self.search_pane.sort_box,
            self.facets,
            self.timeline,
        ]
        pager = self.results.pager
        order += [
            pager.first_button,
            pager.previous_button,
            pager.page_box,
            pager.next_button,
            pager.last_button,
            pager.size_box,
            self.results.view,
            self.document_pane,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        session = self.session
        pane = self.search_pane
        pane.query_changed.connect(session.set_query)
        pane.query_submitted.connect(self.remember_query)
        pane.dates_changed.connect(session.set_dates)
        pane.sort_changed.connect(session.set_sort)
        self.active_filters.remove_requested.connect(session.remove_filter)
        self.active_filters.clear_requested.connect(session.clear_filters)
        self.facets.toggled.connect(session.set_filter)
        self.timeline.range_selected.connect(lambda lo, hi: session.set_dates(str(lo), str(hi)))
        self.timeline.cleared.connect(lambda: session.set_dates(None, None))
        results = self.results
        results.page_requested.connect(session.go_to_page)
        results.page_size_requested.connect(session.set_page_size)
        results.suggestion_chosen.connect(
            lambda text: (pane.query_box.setText(text), session.set_query(text))
        )
        results.clear_filters_requested.connect(session.clear_filters)
        results.open_requested.connect(lambda hit: self.open_hit(hit, focus=True))
        results.current_changed.connect(lambda _hit: self._preview.start())
        results.view.clicked.connect(lambda _index: self._preview_current())
        session.request_changed.connect(self._show_request)
        session.page_ready.connect(self._show_page)
        session.facets_ready.connect(self._counts_arrived)
        session.timeline_ready.connect(self.timeline.set_years)
        session.searching_changed.connect(results.pager.set_busy)
        session.failed.connect(self.message_bar.show_error)
        session.hit_reached.connect(self._reach_hit)
        doc = self.document_pane
        doc.previous_requested.connect(lambda: self.step_document(-1))
        doc.next_requested.connect(lambda: self.step_document(1))
        doc.search_requested.connect(self.search_for)
        doc.document_requested.connect(self.open_ref)

    # -- the library ----------------------------------------------------------------------
    def open_library(
        self,
        db_url: str | None = None,
        *,
        load_sample: bool | None = None,
        opening: Opening | None = None,
    ) -> None:
        """Open the collections off the GUI thread; the window is usable (and says so) meanwhile.

        ``opening``: one already under way (``reading-room`` starts it before it loads Qt).
        The write worker waits for it, so nothing is written to the collections before they
        are open."""
        if opening is None:
            opening = Opening(db_url, load_sample=load_sample)
        self.show_opening()

        def progress(payload: tuple[int, int]) -> None:
            done, total = payload
            self.statusBar().showMessage(
                self.tr("Updating the search index: {done} of {total} documents").format(
                    done=number(done), total=number(total)
                )
            )

        self.tasks.write(
            lambda context: opening.result(lambda done, total: context.report((done, total))),
            on_done=self._library_opened,
            on_error=self._library_failed,
            on_progress=progress,
            doing=self.tr("opening the collections"),
        )

    def _library_opened(self, library: Any) -> None:
        self.set_library(library)

        def progress(payload: tuple[int, int]) -> None:
            done, total = payload
            self.statusBar().showMessage(
                self.tr("Rebuilding the search index: {done} of {total} documents").format(
                    done=number(done), total=number(total)
                )
            )

        def checked(rebuilt: bool) -> None:
            if rebuilt and self.library is library:
                self.statusBar().clearMessage()
                self.refresh_collections()
                self.session.refresh()  # the page shown counted the documents that went

        # the count of documents that ``check_later`` left out, once the reader can search
        self.tasks.write(
            lambda context: library.check_index(lambda done, total: context.report((done, total))),
            on_done=checked,
            on_error=log.warning,
            on_progress=progress,
            doing=self.tr("checking the search index"),
        )

    def show_opening(self) -> None:
        self.results.show_message(
            self.tr("Opening the collections…"),
            self.tr("The first time, the search index is built; this can take a minute."),
        )

    def _library_failed(self, message: str) -> None:
        self.results.show_message(self.tr("The collections could not be opened"), message)
        self.message_bar.show_error(message)

    def open_user_data(self, url: str | None = None) -> None:
        """Open my notes (the user database) and sign in to the default profile, off the GUI thread."""
        self.user_panes.open(url)

    def set_library(self, library: Any) -> None:
        self.library = library
        self.user_panes.set_library(library)
        self.statusBar().clearMessage()
        self.import_action.setEnabled(True)
        self.refresh_collections()
        self.session.set_library(library)
        self.library_opened.emit(library)

    def refresh_collections(self) -> None:
        library = self.library
        self.tasks.read(
            library.collections,
            on_done=self._show_collections,
            on_error=log.warning,
            channel="collections",
            doing=self.tr("listing the collections"),
        )

    def _show_collections(self, collections: list[Any]) -> None:
        self.collection_titles = {c.id: c.title for c in collections}
        documents = sum(c.documents for c in collections)
        self.collections_label.setText(
            self.tr("{documents} documents in {count} collections").format(
                documents=number(documents), count=len(collections)
            )
            if len(collections) != 1
            else self.tr("{documents} documents in 1 collection").format(
                documents=number(documents)
            )
        )
        self.facets.set_label("collection", lambda value: self.collection_titles.get(value, value))
        self.results.delegate.clear()  # the cards name their collection by its title now
        self.results.model.layoutChanged.emit()
        self._show_request(self.session.request)

    def value_label(self, field: str, value: str) -> str:
        if field == "collection":
            return self.collection_titles.get(value, value)
        if field == "language":
            return language_name(value)
        return value

    # -- showing the search -----------------------------------------------------------------
    def _show_request(self, request: SearchRequest) -> None:
        self.search_pane.set_request(request)
        self.active_filters.set_request(request)
        self.timeline.set_selection(year_of(request.date_from), year_of(request.date_to))
        self.results.pager.set_page_size(request.page_size)

    def _show_page(self, page: Page) -> None:
        """The hits first; the facet lists and the timeline when their counts are in.

        The list is what the reader waits for: it is laid out here and painted at the next
        turn of the event loop; the facet lists (several hundred values) are filled when
        the counts come (``_counts_arrived``), a turn later again. Each part is a short
        stretch of the GUI thread, between which the keys typed meanwhile are handled.
        """
        request = self.session.request
        self.message_bar.clear_error()
        filters = describe_filters(request, self.value_label, self.active_filters.scope)
        self.results.set_page(page, filters)
        if self._current is not None and _search_part(self._current[1]) != _search_part(request):
            self._current = None  # a new search: the open document is no longer one of its results
        position = self._current[0] if self._current else 0
        if position:
            self.results.select_number(position)
        self.document_pane.set_navigation(position, page.total)
        self.results.lay_out_now()  # painted at the next turn of the event loop, first thing
        if not self.session.counting:
            self._counts_arrived(page)  # a page turned: the counts it keeps (or none to come)

    def _counts_arrived(self, page: Page) -> None:
        self._facets_due = (page, self.session.request, FACET_FIELDS)
        self._facets_timer.start()

    def _show_facets(self) -> None:
        """The facet lists, FACETS_AT_ONCE per turn of the event loop, from the top down."""
        due, self._facets_due = self._facets_due, None
        if due is None:
            return
        page, request, fields = due
        self.facets.set_page(page, request, fields[:FACETS_AT_ONCE])
        if fields[FACETS_AT_ONCE:]:
            self._facets_due = (page, request, fields[FACETS_AT_ONCE:])
            self._facets_timer.start()

    @property
    def updating(self) -> bool:
        """A search is still on its way to the screen: its hits, its counts or the facet lists."""
        session = self.session
        return session.searching or session.counting or self._facets_due is not None

    # -- documents ------------------------------------------------------------------------------
    def _preview_current(self) -> None:
        self._preview.stop()
        hit = self.results.current_hit()
        current = self._current
        if hit is None:
            return
        if (
            current is None
            or current[0] != hit.number
            or _search_part(current[1]) != _search_part(self.session.request)
        ):
            self.open_hit(hit)

    def open_hit(self, hit: Hit, *, focus: bool = False) -> None:
        """Show a hit in the document pane, with its matches highlighted and its neighbours a key away."""
        self._preview.stop()
        self._current = (hit.number, self.session.request)
        total = self.session.page.total if self.session.page else 0
        self.document_pane.set_navigation(hit.number, total)
        self.remember_query(self.session.request.query)
        self._load_document(hit.ref, self.session.request.query, reuse=True)
        if focus:
            self.document_pane.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_ref(self, ref: str) -> None:
        """A related document: outside the results, so without previous/next."""
        self._current = None
        self.document_pane.set_navigation(0, 0)
        self._load_document(ref, "")

    def _load_document(self, ref: str, query: str, *, reuse: bool = False) -> None:
        if self.library is not None:
            self.documents.load(self.library, ref, query, reuse=reuse)

    def step_document(self, delta: int) -> None:
        """Previous/next document of the results, turning the page when needed."""
        if self._current is None:
            hit = self.results.current_hit() or self.results.model.hit(0)
            if hit is not None:
                self.open_hit(hit)
            return
        self.session.go_to_number(self._current[0] + delta)

    def _reach_hit(self, hit: Hit) -> None:
        self.results.select_number(hit.number)
        self.open_hit(hit)

    def search_for(self, field: str, value: str) -> None:
        self.search_pane.query_box.setText("")
        self.session.search_only(field, value)

    # -- small things ---------------------------------------------------------------------------
    def remember_query(self, query: str) -> None:
        if query.strip():
            self.search_pane.set_recent(self.preferences.remember_query(query))

    def show_help(self) -> None:
        HelpDialog(self).open()

    def show_import_dialog(
        self, paths: list[str] | None = None, *, start: bool = False
    ) -> ImportDialog | None:
        if self.library is None:
            self.message_bar.show_info(
                self.tr("The collections are still opening; try the import again in a moment.")
            )
            return None
        if self.import_dialog is None or not self.import_dialog.isVisible():
            self.import_dialog = ImportDialog(self.tasks, self.library, self)
            self.import_dialog.imported.connect(self._imported)
        dialog = self.import_dialog
        if paths:
            dialog.add_paths(paths)
        dialog.open()
        if start and not dialog.running:
            dialog.start()
        return dialog

    def _imported(self, report: Any) -> None:
        self.documents.collections_changed()
        self.refresh_collections()
        self.session.refresh()
        self.message_bar.show_info(report.summary())
        if self.library is not None:
            self.library_opened.emit(self.library)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(url.isLocalFile() for url in urls) and self.library is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.show_import_dialog(paths, start=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the query box goes to the results, as in a mail client."""
        if watched is self.search_pane.query_box and event.type() == QEvent.Type.KeyPress:
            popup = self.search_pane.completer.popup()
            if (
                event.key() == Qt.Key.Key_Down
                and not popup.isVisible()
                and self.results.model.rowCount()
            ):
                view = self.results.view
                view.setFocus(Qt.FocusReason.TabFocusReason)
                if not view.currentIndex().isValid():
                    view.setCurrentIndex(self.results.model.index(0))
                return True
        return super().eventFilter(watched, event)

    # -- settings ----------------------------------------------------------------------------------
    def _restore(self) -> None:
        if not self.settings.window.restore(self, {"main": self.splitter}):
            # first run: 1400 x 880, or 95 % of a smaller screen, in the same proportions
            screen = self.screen().availableGeometry() if self.screen() else None
            width = min(1400, int(screen.width() * 0.95)) if screen else 1400
            height = min(880, int(screen.height() * 0.95)) if screen else 880
            self.resize(width, height)
            self.splitter.setSizes([width * 230 // 1400, width * 480 // 1400, width * 690 // 1400])

    def save_settings(self) -> None:
        self.preferences.save_search(replace(self.session.request))
        self.settings.window.save(self, {"main": self.splitter})
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.import_dialog is not None and self.import_dialog.running:
            self.import_dialog.cancel()
        self.user_panes.flush()  # a note typed a moment ago is written before the window goes
        self.save_settings()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.setStyleSheet(style.stylesheet())
            self.results.delegate.clear()
            self.message_bar.restyle()
