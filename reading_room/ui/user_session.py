"""The signed-in profile as the window sees it: its notebook, bookmarks and lists.

Everything of the user database goes through here, off the GUI thread: writes on the
task helper's "notes" lane, one after the other; listings on its read pool. What the
panes show of the bookmarks (the refs with a star, the lists, the tags) is kept here,
fetched once per change, so painting a star never asks the database.

Switching profile bumps a *generation*: an answer meant for the previous profile that
arrives late is dropped, so nothing of one profile is ever shown to the next.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..core.userdata import Bookmark, BookmarkList, PasswordRequired, Profile
from .note_saver import NoteDraft, NoteSaver
from .tasks import COLLECTIONS, NOTES, Task, TaskManager

log = logging.getLogger(__name__)

ALL_BOOKMARKS = "*"  # the scope key of every bookmark, whatever its list


def tr(text: str) -> str:
    return QCoreApplication.translate("UserSession", text)


class UserSession(QObject):
    profile_changed = Signal(object)  # Profile, or None while nobody is signed in
    password_needed = Signal(str)  # the profile to sign in to at start is protected
    bookmarks_changed = Signal()
    notes_changed = Signal()
    trash_changed = Signal()
    failed = Signal(str)
    recovered = Signal(str)  # the database was damaged and a backup restored: say so

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store: Any = None
        self.notebook: Any = None
        self.profile: Profile | None = None
        self.library: Any = None  # for "no longer in the collection" and citations
        self.generation = 0
        self.unavailable = ""  # why my notes could not be opened, once that is known
        self.bookmarks: tuple[Bookmark, ...] = ()
        self.bookmarked: frozenset[str] = frozenset()
        self.lists: tuple[BookmarkList, ...] = ()
        self.tags: tuple[tuple[str, int], ...] = ()
        self.missing: frozenset[str] = frozenset()  # my documents no longer in the collection
        self.saver = NoteSaver(tasks, self)
        self.saver.saved.connect(lambda _draft, _note: self.notes_changed.emit())
        self.saver.failed.connect(self.failed)

    # -- opening, signing in ------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.notebook is not None

    def open(self, url: str | None = None) -> None:
        """Open the user database (checked, backed up) and sign in to the default profile."""

        def work(_context: Any) -> tuple[Any, Any, Any]:
            # loads SQLAlchemy (0.4 s): here on the worker, not on the GUI thread
            from ..core.userdata import UserStore

            store = UserStore(url)
            try:
                notebook = store.sign_in()
            except PasswordRequired as error:
                return store, None, error.name
            except BaseException:
                store.close()
                raise
            return store, notebook, notebook.profile

        # on the collections' lane, not the notes': Alembic keeps its migration context in a
        # module global, so the two databases must not be migrated at the same time (the window
        # opens my notes first, then the collections)
        self.tasks.write(
            work,
            on_done=self._opened,
            on_error=self._open_failed,
            lane=COLLECTIONS,
            doing=tr("opening your notes"),
        )

    def _open_failed(self, message: str) -> None:
        self.unavailable = tr("Your notes could not be opened: {message}").format(message=message)
        self.failed.emit(self.unavailable)

    def not_ready(self) -> str:
        """Why there is no notebook to work with (yet)."""
        return self.unavailable or tr("Your notes are still opening; try again in a moment.")

    def _opened(self, result: tuple[Any, Any, Any]) -> None:
        store, notebook, profile = result
        self.store = store
        if store.recovery_message:
            self.recovered.emit(store.recovery_message)
        if notebook is None:
            self.password_needed.emit(str(profile))
            return
        self._set_notebook(notebook, profile)

    def sign_in(
        self,
        name: str,
        password: str | None = None,
        *,
        on_done: Callable[[Profile], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        create: bool = False,
    ) -> None:
        """Switch to profile ``name`` (made first when ``create``); errors go to ``on_error``."""
        store = self.store
        if store is None:
            (on_error or self.failed.emit)(self.not_ready())
            return
        self.saver.flush()  # what was typed goes to the profile it was typed in

        def work(_context: Any) -> tuple[Any, Profile]:
            if create:
                store.add_profile(name, password or None)
            notebook = store.sign_in(name, password or None)
            return notebook, notebook.profile

        def done(result: tuple[Any, Profile]) -> None:
            self._set_notebook(*result)
            if on_done is not None:
                on_done(result[1])

        self.tasks.write(
            work,
            on_done=done,
            on_error=on_error or self.failed.emit,
            lane=NOTES,
            doing=tr("signing in"),
        )

    def _set_notebook(self, notebook: Any, profile: Profile) -> None:
        self.saver.flush()
        self.generation += 1
        self.notebook = notebook
        self.profile = profile
        self.bookmarks, self.bookmarked, self.lists, self.tags = (), frozenset(), (), ()
        self.missing = frozenset()
        self.profile_changed.emit(profile)
        self.bookmarks_changed.emit()
        self.notes_changed.emit()
        self.trash_changed.emit()
        self.refresh_bookmarks()

    def profiles(self, on_done: Callable[[list[Profile]], None]) -> None:
        store = self.store
        if store is not None:
            self.tasks.read(
                store.profiles,
                on_done=on_done,
                on_error=self.failed.emit,
                channel="profiles",
                doing=tr("listing the profiles"),
            )

    def change_password(
        self,
        old: str | None,
        new: str | None,
        *,
        on_done: Callable[[Profile], None],
        on_error: Callable[[str], None],
    ) -> None:
        def done(profile: Profile) -> None:
            self.profile = profile
            self.profile_changed.emit(profile)
            on_done(profile)

        self.write(
            lambda nb: nb.change_password(old or None, new or None),
            done,
            doing=tr("changing the password"),
            on_error=on_error,
        )

    def close(self) -> None:
        """After the task helper has stopped: the database closes (and is backed up)."""
        if self.store is not None:
            self.store.close()
            self.store = None
        self.notebook = None

    # -- running notebook work ------------------------------------------------------------
    def _guarded(self, callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
        generation = self.generation

        def run(value: Any) -> None:
            if generation == self.generation and callback is not None:
                callback(value)

        return run

    def write(
        self,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        doing: str,
        on_error: Callable[[str], None] | None = None,
        changes: Iterable[str] = (),
    ) -> Task | None:
        """``fn(notebook)`` on the notes lane; then the panes hear what ``changes``."""
        notebook = self.notebook
        if notebook is None:
            (on_error or self.failed.emit)(self.not_ready())
            return None
        changed = tuple(changes)

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            self.announce(changed)

        return self.tasks.write(
            lambda _context: fn(notebook),
            on_done=self._guarded(done),
            on_error=self._guarded(on_error or self.failed.emit),
            lane=NOTES,
            doing=doing,
        )

    def read(
        self,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None],
        *,
        channel: str,
        doing: str,
        on_error: Callable[[str], None] | None = None,
    ) -> Task | None:
        """``fn(notebook)`` on the read pool; a newer read on ``channel`` supersedes it."""
        notebook = self.notebook
        if notebook is None:
            return None
        return self.tasks.read(
            lambda: fn(notebook),
            on_done=self._guarded(on_done),
            on_error=self._guarded(on_error or self.failed.emit),
            channel=channel,
            doing=doing,
        )

    def announce(self, changes: Iterable[str]) -> None:
        for change in changes:
            if change == "bookmarks":
                self.refresh_bookmarks()
            elif change == "notes":
                self.notes_changed.emit()
            elif change == "trash":
                self.trash_changed.emit()

    def draft(self, doc: Any, uid: str | None = None, kind: str = "document") -> NoteDraft:
        """A note of the signed-in profile to edit (saved to this profile whatever follows)."""
        return NoteDraft(self.notebook, doc, uid, kind)

    # -- bookmarks ----------------------------------------------------------------------------
    def set_library(self, library: Any) -> None:
        """The collections opened: now it can be told which of my documents left them."""
        self.library = library
        self.refresh_bookmarks()

    def refresh_bookmarks(self) -> None:
        library = self.library

        def fetch(nb: Any) -> tuple[Any, Any, Any, frozenset[str]]:
            missing = nb.missing_refs(library) if library is not None else frozenset()
            return nb.lists(), nb.bookmarks(), nb.tags(), missing

        self.read(
            fetch, self._show_bookmarks, channel="bookmarks", doing=tr("reading your bookmarks")
        )

    def _show_bookmarks(self, result: tuple[Any, Any, Any, frozenset[str]]) -> None:
        self.lists, self.bookmarks, self.tags, self.missing = result
        self.bookmarked = frozenset(b.ref for b in self.bookmarks)
        self.bookmarks_changed.emit()

    def is_bookmarked(self, ref: str) -> bool:
        return ref in self.bookmarked

    def scope_refs(self, key: str | None) -> frozenset[str] | None:
        """The refs a search scope stands for: None (everything), all bookmarks, one list."""
        if key is None:
            return None
        if key == ALL_BOOKMARKS:
            return self.bookmarked
        return frozenset(b.ref for b in self.bookmarks if b.list_name == key)

    def toggle_bookmark(self, doc: Any) -> None:
        """Star or unstar a document (a DocumentView or a Hit); the star changes at once."""
        if self.notebook is None:
            self.failed.emit(self.not_ready())
            return
        self.bookmarked = self.bookmarked ^ {doc.ref}
        self.bookmarks_changed.emit()
        self.write(
            lambda nb: nb.toggle(doc),
            doing=tr("bookmarking"),
            changes=("bookmarks", "trash"),
            on_error=self._bookmark_failed,
        )

    def _bookmark_failed(self, message: str) -> None:
        self.refresh_bookmarks()
        self.failed.emit(message)

    def move(self, refs: Iterable[str], list_name: str) -> None:
        refs = list(refs)
        self.write(
            lambda nb: [nb.move(ref, list_name) for ref in refs],
            doing=tr("moving bookmarks"),
            changes=("bookmarks",),
        )

    def remove_bookmarks(self, refs: Iterable[str]) -> None:
        refs = list(refs)
        self.bookmarked = self.bookmarked - set(refs)
        self.write(
            lambda nb: [nb.unbookmark(ref) for ref in refs],
            doing=tr("removing bookmarks"),
            changes=("bookmarks", "trash"),
        )

    def set_tags(self, ref: str, tags: Iterable[str]) -> None:
        tags = list(tags)
        self.write(
            lambda nb: nb.set_tags(ref, tags), doing=tr("saving the tags"), changes=("bookmarks",)
        )

    def create_list(self, name: str, on_done: Callable[[Any], None] | None = None) -> None:
        self.write(
            lambda nb: nb.create_list(name),
            on_done,
            doing=tr("making the list"),
            changes=("bookmarks",),
        )

    def rename_list(self, name: str, new_name: str) -> None:
        self.write(
            lambda nb: nb.rename_list(name, new_name),
            doing=tr("renaming the list"),
            changes=("bookmarks",),
        )

    def delete_list(self, name: str) -> None:
        self.write(
            lambda nb: nb.delete_list(name),
            doing=tr("deleting the list"),
            changes=("bookmarks", "trash"),
        )

    # -- trash ------------------------------------------------------------------------------------
    def delete(self, uids: Iterable[str]) -> None:
        """Notes or bookmarks to the trash (pending saves of them are written first)."""
        uids = list(uids)
        self.saver.flush()
        self.write(
            lambda nb: [nb.delete(uid) for uid in uids],
            doing=tr("deleting"),
            changes=("notes", "bookmarks", "trash"),
        )

    def restore(self, uids: Iterable[str]) -> None:
        uids = list(uids)
        self.write(
            lambda nb: [nb.restore(uid) for uid in uids],
            doing=tr("restoring"),
            changes=("notes", "bookmarks", "trash"),
        )

    def empty_trash(self) -> None:
        self.write(lambda nb: nb.empty_trash(), doing=tr("emptying the trash"), changes=("trash",))
