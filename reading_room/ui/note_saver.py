"""Notes save as they are typed: a short pause in typing writes the text to disk.

Each note being edited is a ``NoteDraft``: the profile's notebook it belongs to (fixed
when the draft is made, so a save still pending when the profile changes goes to its own
profile and no other), the document, and the note's uid once it has one — a note on a
whole document is only created when its first word is typed. Saves run on the task
helper's "notes" lane, one after the other, each on disk (``synchronous=FULL``) when it
finishes. ``flush`` writes what is pending at once: on a change of document, of profile,
and when the window closes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from .tasks import NOTES, TaskManager

log = logging.getLogger(__name__)

DELAY_MS = 300


def tr(text: str) -> str:
    return QCoreApplication.translate("NoteSaver", text)


@dataclass(eq=False)
class NoteDraft:
    """A note being edited (compared by identity: two drafts are two notes)."""

    notebook: Any
    doc: Any  # DocumentView, DocumentInfo or ref: what a new document note is made on
    uid: str | None = None
    kind: str = "document"
    trashed: bool = (
        False  # a document note emptied goes to the trash, and comes back if typed again
    )

    @property
    def ref(self) -> str:
        return self.doc if isinstance(self.doc, str) else self.doc.ref


def save_draft(draft: NoteDraft, text: str) -> Any:
    """Write one draft's text (on the notes lane); the Note, or None when nothing is kept."""
    notebook = draft.notebook
    empty = not text.strip()
    if draft.uid is None:
        if empty:
            return None
        note = notebook.add_document_note(draft.doc, text)
        draft.uid = note.uid
        return note
    if draft.trashed:
        if empty:
            return None
        notebook.restore(draft.uid)
        draft.trashed = False
        return notebook.update_note(draft.uid, text)
    if empty and draft.kind == "document":
        notebook.delete_note(draft.uid)
        draft.trashed = True
        return None
    return notebook.update_note(draft.uid, text)


class NoteSaver(QObject):
    saved = Signal(object, object)  # (NoteDraft, Note or None), on the main thread
    failed = Signal(str)

    def __init__(
        self, tasks: TaskManager, parent: QObject | None = None, delay_ms: int = DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._pending: dict[NoteDraft, str] = {}
        self._in_flight = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def schedule(self, draft: NoteDraft, text: str) -> None:
        """Save ``text`` as the draft's note after a pause in typing."""
        self._pending[draft] = text
        self._timer.start()

    def pending_text(self, draft: NoteDraft) -> str | None:
        return self._pending.get(draft)

    def forget(self, draft: NoteDraft) -> None:
        """Drop what is pending for a draft (its note is being deleted)."""
        self._pending.pop(draft, None)

    def flush(self) -> None:
        """Write every pending text now (it is on disk when the lane reaches it)."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for draft, text in pending.items():
            self._in_flight += 1
            self.tasks.write(
                lambda _context, d=draft, t=text: save_draft(d, t),
                on_done=lambda note, d=draft: self._done(d, note),
                on_error=lambda message, d=draft, t=text: self._failed(d, t, message),
                lane=NOTES,
                doing=tr("saving your note"),
            )

    @property
    def idle(self) -> bool:
        """Nothing waiting to be written and nothing being written."""
        return not self._pending and not self._in_flight

    def _done(self, draft: NoteDraft, note: Any) -> None:
        self._in_flight -= 1
        self.saved.emit(draft, note)

    def _failed(self, draft: NoteDraft, text: str, message: str) -> None:
        self._in_flight -= 1
        self._pending.setdefault(draft, text)  # tried again with the next pause in typing
        self.failed.emit(tr("Your note could not be saved: {message}").format(message=message))
