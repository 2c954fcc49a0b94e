"""Opening a document: read on a worker, shown in the document pane.

The worker reads the document and finds the query's matches in its text (pure
Python, and slow on a long document), so the GUI thread only lays it out. Its
related documents come after it, from a second read: at a million documents,
finding them takes longer than reading the document, and the reader is already
reading meanwhile. A document opened again for the same words — Enter on
the result already being read — stays as it is: where the reader had scrolled
to, nothing read or laid out again.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..core.search.types import Hit
from .doc_matching import document_matches
from .tasks import TaskManager

log = logging.getLogger(__name__)

Matches = dict[str, list[tuple[int, int]]]


class DocumentLoader(QObject):
    def __init__(self, tasks: TaskManager, pane: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.pane = pane
        self._version = 0  # one more each time the collections change (an import)
        self._shown: tuple[str, str, int] | None = None  # (ref, query, version) in the pane
        self._due: tuple[Any, str, str, bool] | None = None  # the document asked for last
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._load_due)

    def collections_changed(self) -> None:
        """Documents may read differently now: the one shown is read again when asked for."""
        self._version += 1

    def load(self, library: Any, ref: str, query: str, *, reuse: bool = False) -> None:
        """Show document ``ref`` with the matches of ``query``; ``reuse``: keep it if shown.

        Read from the next turn of the event loop: first the window paints what the key or
        the click changed (the list, losing the focus to the document, paints every row),
        then a worker runs the reading — Python that would otherwise hold up that painting.
        """
        self.tasks.supersede("document")  # one asked for before is not wanted now
        self.tasks.supersede("related")
        self._due = (library, ref, query, reuse)
        self._timer.start()

    @property
    def pending(self) -> bool:
        """A document was asked for and is not read yet."""
        return self._due is not None

    def _load_due(self) -> None:
        due, self._due = self._due, None
        if due is None:
            return
        library, ref, query, reuse = due
        query = query.strip()
        shown = getattr(self.pane, "view", None)
        if (
            reuse
            and shown is not None
            and shown.ref == ref
            and self._shown == (ref, query, self._version)
        ):
            return  # shown already: it stays as the reader left it
        version = self._version

        def read() -> tuple[Any, Matches]:
            view = library.document(ref)
            return view, document_matches(view, query)

        def show(result: tuple[Any, Matches]) -> None:
            view, matches = result
            self._shown = (ref, query, version)
            self.pane.show_document(view, query=query, matches=matches)
            self.tasks.read(
                lambda: related(library, ref),
                on_done=lambda found: self.pane.show_related(ref, found),
                channel="related",
                doing=QCoreApplication.translate("MainWindow", "finding related documents"),
            )

        def failed(message: str) -> None:
            self._shown = None
            self.pane.show_error(message)

        self.tasks.read(
            read,
            on_done=show,
            on_error=failed,
            channel="document",
            doing=QCoreApplication.translate("MainWindow", "opening the document"),
        )


def related(library: Any, ref: str) -> tuple[Hit, ...]:
    try:
        return tuple(library.related(ref))
    except Exception:  # noqa: BLE001 - related documents are a nicety
        log.exception("related documents of %s", ref)
        return ()
