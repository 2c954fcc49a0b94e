"""The window's part of my own work: bookmarks, notes, the trash, profiles, exports.

It adds the Bookmarks, Notes and Trash tabs beside the results, the notes line above
them, the stars, the search scope, and the profile's name in the title and status bar,
and wires them all to the user session. Switching profile clears every one of them at
once, then fills them for the new profile: nothing of the previous one stays in view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QTabWidget

from .bookmarks_pane import BookmarksPane
from .doc_notes import DocumentNotes
from .notes_export_dialog import ExportDialog, Selection
from .notes_match import NotesMatchBar
from .notes_pane import NotesPane
from .profile_dialog import PasswordDialog, ProfileDialog
from .trash_pane import TrashPane
from .user_session import ALL_BOOKMARKS, UserSession

if TYPE_CHECKING:
    from .main_window import MainWindow


class UserPanes(QObject):
    def __init__(self, window: MainWindow, tabs: QTabWidget) -> None:
        super().__init__(window)
        self.window = window
        self.tabs = tabs
        self.user = user = UserSession(window.tasks, self)
        self.bookmarks = BookmarksPane(user)
        self.notes = NotesPane(user)
        self.trash = TrashPane(user)
        tabs.addTab(self.bookmarks, self.tr("Bookmarks"))
        tabs.addTab(self.notes, self.tr("Notes"))
        tabs.addTab(self.trash, self.tr("Trash"))
        self.notes_match = NotesMatchBar(user)
        self.profile_label = QLabel()
        self.profile_label.setObjectName("profileLabel")
        self.profile_label.setAccessibleName(self.tr("Profile"))
        self.profile_label.setContentsMargins(0, 0, 12, 0)
        self.document_notes = (
            DocumentNotes(window.document_pane, user, self)
            if hasattr(window.document_pane, "document_shown")
            else None
        )
        self._connect()

    def _connect(self) -> None:
        window, user = self.window, self.user
        results = window.results
        results.model.is_bookmarked = user.is_bookmarked
        results.star_clicked.connect(lambda hit: hit is not None and user.toggle_bookmark(hit))
        pane = window.document_pane
        if hasattr(pane, "bookmark_requested"):
            pane.bookmark_requested.connect(user.toggle_bookmark)
            pane.document_shown.connect(self._document_shown)
        self.bookmarks.open_requested.connect(window.open_ref)
        self.notes.open_requested.connect(self.open_note)
        self.notes_match.show_requested.connect(self.show_notes)
        window.search_pane.scope_changed.connect(self._scope_chosen)
        window.session.page_ready.connect(lambda page: self.notes_match.set_query(page.query))
        user.bookmarks_changed.connect(self._bookmarks_changed)
        user.trash_changed.connect(self._count_tabs)
        user.profile_changed.connect(self._profile_changed)
        user.failed.connect(window.message_bar.show_error)
        user.recovered.connect(window.message_bar.show_error)
        user.password_needed.connect(lambda name: self.switch_profile(name))
        self.trash.model.modelReset.connect(self._count_tabs)

    # -- opening ------------------------------------------------------------------------------
    def open(self, url: str | None = None) -> None:
        self.user.open(url)

    def set_library(self, library: Any) -> None:
        self.user.set_library(library)

    # -- what changed -------------------------------------------------------------------------
    def _profile_changed(self, profile: Any) -> None:
        window = self.window
        name = profile.name if profile is not None else ""
        window.setWindowTitle(
            self.tr("Reading Room — {profile}").format(profile=name)
            if name
            else self.tr("Reading Room")
        )
        self.profile_label.setText(self.tr("Profile: {name}").format(name=name) if name else "")
        window.search_pane.set_scope(None)  # the lists were the other profile's
        window.session.set_refs(None)
        self.notes.refresh()
        self.notes_match.set_query(window.session.request.query)
        self._count_tabs()

    def _bookmarks_changed(self) -> None:
        user, window = self.user, self.window
        window.results.model.bookmarks_changed()
        pane = window.document_pane
        view = getattr(pane, "view", None)
        if view is not None:
            pane.set_bookmarked(user.is_bookmarked(view.ref))
        window.search_pane.set_scopes(
            [(item.name, item.count) for item in user.lists], bookmarks=len(user.bookmarked)
        )
        self._scope_chosen(window.search_pane.scope())
        self._count_tabs()

    def _scope_chosen(self, key: str | None) -> None:
        if key is None:
            scope = ""
        elif key == ALL_BOOKMARKS:
            scope = self.tr("my bookmarks")
        else:
            scope = self.tr("the list “{name}”").format(name=key)
        self.window.active_filters.scope = scope
        self.window.session.set_refs(self.user.scope_refs(key))

    def _count_tabs(self, *_args: Any) -> None:
        counts = (
            (self.bookmarks, self.tr("Bookmarks"), len(self.user.bookmarked)),
            (self.trash, self.tr("Trash"), self.trash.model.rowCount()),
        )
        for widget, label, count in counts:
            index = self.tabs.indexOf(widget)
            self.tabs.setTabText(index, f"{label} ({count})" if count else label)

    def _document_shown(self, view: Any) -> None:
        if view is None:
            self.notes.set_open_document(None)
            return
        self.window.document_pane.set_bookmarked(self.user.is_bookmarked(view.ref))
        self.notes.set_open_document(view.ref, view.title)

    # -- commands ---------------------------------------------------------------------------------
    def toggle_bookmark(self) -> None:
        """Ctrl+D: the document being read, else the chosen result."""
        view = getattr(self.window.document_pane, "view", None)
        target = view or self.window.results.current_hit()
        if target is not None:
            self.user.toggle_bookmark(target)

    def show_tab(self, widget: Any) -> None:
        self.tabs.setCurrentWidget(widget)
        focus = {
            self.notes: self.notes.search_box,
            self.bookmarks: self.bookmarks.view,
            self.window.results_column: self.window.results.view,
            self.trash: self.trash.view,
        }
        target = focus.get(widget, widget)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_notes(self, query: str = "") -> None:
        """The notes pane, searched for ``query`` (the main search box's "show them")."""
        self.notes.filter_box.setCurrentIndex(0)
        self.notes.set_query(query)
        self.show_tab(self.notes)

    def open_note(self, note: Any) -> None:
        """A note from the notes pane: its document, at the passage."""
        if note.ref in self.user.missing:
            pane = self.window.document_pane
            pane.show_error(
                self.tr(
                    "“{title}” is no longer in the collection. Your notes on it are kept; "
                    "they are listed in the notes pane."
                ).format(title=note.document.label())
            )
            self.notes.show_document(note.ref, note.document.label())
            return
        if self.document_notes is not None:
            self.document_notes.show_note_when_loaded(note.uid)
        self.window.open_ref(note.ref)

    def annotate(self) -> None:
        pane = self.window.document_pane
        if hasattr(pane, "annotate_selection"):
            pane.annotate_selection()

    def write_document_note(self) -> None:
        """Ctrl+Shift+N: into the editor of my note on the whole document being read."""
        pane = self.window.document_pane
        panel = getattr(pane, "notes_panel", None)
        if panel is None or getattr(pane, "view", None) is None:
            return
        entry = next((e for e in panel.entries() if not e.is_passage), None)
        panel.set_open(True)
        if entry is not None:
            panel.list.setCurrentIndex(panel.model.index(panel.model.row_of(entry) or 0))
        panel.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def switch_profile(self, wanted: str = "") -> ProfileDialog:
        dialog = ProfileDialog(self.user, self.window, wanted)
        dialog.open()
        return dialog

    def change_password(self) -> PasswordDialog | None:
        if not self.user.ready:
            return None
        dialog = PasswordDialog(self.user, self.window)
        dialog.open()
        return dialog

    def selection(self) -> Selection:
        current = self.tabs.currentWidget()
        if current is self.notes and self.notes.selected_uids():
            return Selection(note_uids=tuple(self.notes.selected_uids()))
        if current is self.bookmarks and self.bookmarks.selected_refs():
            return Selection(refs=tuple(self.bookmarks.selected_refs()))
        return Selection()

    def export_notes(self) -> ExportDialog | None:
        if not self.user.ready:
            self.window.message_bar.show_info(self.user.not_ready())
            return None
        key = self.bookmarks.list_key
        dialog = ExportDialog(
            self.user, self.selection(), self.window, None if key == ALL_BOOKMARKS else key
        )
        dialog.accepted.connect(lambda: self.window.message_bar.show_info(dialog.result_summary))
        dialog.open()
        return dialog

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import notes"),
            "",
            self.tr("Reading Room exports (*.md *.csv *.ris *.bib *.json);;All files (*)"),
        )
        if path:
            self.import_notes(path)

    def import_notes(self, path: str) -> None:
        from ..core.exports import import_notes

        self.user.saver.flush()
        self.user.write(
            lambda nb: import_notes(nb, path),
            self._imported,
            doing=self.tr("importing notes"),
            changes=("notes", "bookmarks", "trash"),
        )

    def _imported(self, report: Any) -> None:
        text = self.tr(
            "Imported notes: {added} added, {updated} updated, {present} already here. "
            "Bookmarks: {b_added} added, {b_updated} updated, {b_present} already here."
        ).format(
            added=report.notes_added,
            updated=report.notes_updated,
            present=report.notes_present,
            b_added=report.bookmarks_added,
            b_updated=report.bookmarks_updated,
            b_present=report.bookmarks_present,
        )
        if report.in_trash:
            text += " " + self.tr(
                "{count} were in your trash and were left there (restore them from the trash)."
            ).format(count=report.in_trash)
        self.window.message_bar.show_info(text, timeout_ms=15_000)

    def flush(self) -> None:
        self.user.saver.flush()
