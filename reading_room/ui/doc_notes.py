"""My notes on the document being read, between the document pane and the user session.

When a document is shown its notes are fetched — the passages found again in its
current text, those not found marked detached — and handed to the pane as entries.
What is typed goes to the note saver; "Annotate selection" makes a passage note and
opens it; a deleted note goes to the trash. Everything runs on the "notes" lane, so a
note's saves and its deletion happen in the order they were asked for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from .doc_notes_panel import NoteEntry
from .note_saver import NoteDraft
from .user_session import UserSession


class DocumentNotes(QObject):
    def __init__(self, pane: Any, user: UserSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pane = pane
        self.user = user
        self._wanted: str | None = None  # a note to show once its document's notes are in
        self._view: Any = None
        pane.document_shown.connect(self.load)
        pane.annotate_requested.connect(self.annotate)
        pane.notes_panel.text_edited.connect(self._edited)
        pane.notes_panel.delete_requested.connect(self._delete)
        user.saver.saved.connect(self._saved)
        user.profile_changed.connect(self._profile_changed)
        # a note deleted or restored elsewhere (the notes pane, the trash, an import)
        user.trash_changed.connect(lambda: self._view is not None and self.load(self._view))

    def show_note_when_loaded(self, uid: str) -> None:
        """Open note ``uid`` as soon as its document (being opened) has its notes shown."""
        self._wanted = uid

    # -- loading ------------------------------------------------------------------------------
    def load(self, view: Any, select_uid: str | None = None) -> None:
        self.user.saver.flush()  # what was typed is written before the notes are read back
        self._view = view
        if view is None:
            self._wanted = None
        if view is None or not self.user.ready:
            return
        draft = self.user.draft  # bound to the profile signed in now

        def fetch(notebook: Any) -> tuple[Any, Any]:
            documents = [n for n in notebook.notes(ref=view.ref) if not n.is_passage]
            return tuple(reversed(documents)), notebook.passages(view)  # oldest note first

        def show(result: tuple[Any, Any]) -> None:
            if self._view is not view:
                return
            documents, passages = result
            previous = {e.uid: e for e in self.pane.notes_panel.entries() if e.uid is not None}
            blank = next(
                (e for e in self.pane.notes_panel.entries() if not e.is_passage and e.uid is None),
                None,
            )
            entries: list[NoteEntry] = []
            for note in documents:
                entries.append(self._entry(previous.get(note.uid), note, draft(view, note.uid)))
            if not documents:
                entries.append(blank or NoteEntry(draft(view), None, ""))
            for note in passages:
                entry = self._entry(previous.get(note.uid), note, draft(view, note.uid, "passage"))
                entry.detached = note.detached
                entries.append(entry)
            wanted = select_uid or self._wanted
            self.pane.set_note_entries(entries, wanted)
            if wanted is not None and self.pane.focus_note(wanted, edit=select_uid is not None):
                self._wanted = None

        self.user.write(fetch, show, doing=self.pane.tr("reading your notes on the document"))

    def _entry(self, kept: NoteEntry | None, note: Any, draft: NoteDraft) -> NoteEntry:
        """The entry of a note; the one already shown is kept, with what is being typed in it."""
        if kept is not None:
            kept.note = note
            return kept
        pending = self.user.saver.pending_text(draft)
        return NoteEntry(draft, note, note.text if pending is None else pending)

    def _profile_changed(self, _profile: Any) -> None:
        self.pane.notes_panel.clear()
        self.pane.set_note_entries([])
        if self._view is not None:
            self.load(self._view)

    # -- writing ---------------------------------------------------------------------------------
    def _edited(self, entry: NoteEntry, text: str) -> None:
        self.user.saver.schedule(entry.draft, text)

    def _saved(self, draft: NoteDraft, _note: Any) -> None:
        panel = self.pane.notes_panel
        current = panel.current_entry()
        if (
            current is not None
            and current.draft is draft
            and self.user.saver.pending_text(draft) is None
        ):
            panel.show_status(self.pane.tr("Saved"))

    def annotate(self, view: Any, start: int, end: int) -> None:
        self.user.write(
            lambda nb: nb.add_passage_note(view, "", start, end),
            lambda note: self.load(view, select_uid=note.uid) if self._view is view else None,
            doing=self.pane.tr("annotating the passage"),
            changes=("notes",),
        )

    def _delete(self, entry: NoteEntry) -> None:
        uid = entry.uid
        if uid is None:
            return
        self.user.saver.forget(entry.draft)
        view = self._view
        self.user.write(
            lambda nb: nb.delete_note(uid),
            lambda _item: self._deleted(view, entry),
            doing=self.pane.tr("deleting the note"),
            changes=("notes", "trash"),
        )

    def _deleted(self, view: Any, entry: NoteEntry) -> None:
        if self._view is not view:
            return
        entries = [e for e in self.pane.notes_panel.entries() if e is not entry]
        if not entry.is_passage and not any(not e.is_passage for e in entries):
            entries.insert(0, NoteEntry(self.user.draft(view), None, ""))
        self.pane.set_note_entries(entries)
        self.pane.notes_panel.show_status(self.pane.tr("The note is in the trash."))
