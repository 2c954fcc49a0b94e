"""An import under way: reading files, storing and indexing their documents on three
threads, and the report it ends with (counts, problems, and notices of dates that could not
be read). ``Library.import_paths`` runs it."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from .dates import unread
from .errors import ReadingRoomError
from .records import CollectionRecord, DocumentRecord, ImportProblem

if TYPE_CHECKING:
    from .library import Library

BATCH_SIZE = 1000
INDEX_COMMIT_EVERY = 250_000
#: batches read ahead of the writer at most (a few MB of records)
QUEUED_BATCHES = 4


@dataclass(frozen=True)
class ImportProgress:
    file: str
    files_done: int
    files_total: int
    documents: int  # documents stored so far in this import


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0  # held already exactly as read: not written again
    problems: list[str] = field(default_factory=list)
    #: what is worth checking in the files but lost nothing: dates that could not be read
    notices: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    cancelled: bool = False
    unread_dates: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    @property
    def imported(self) -> int:
        return self.new + self.updated + self.unchanged

    def summary(self) -> str:
        parts = [f"Imported {self.imported} document{'s' if self.imported != 1 else ''}"]
        unchanged = f", {self.unchanged} unchanged" if self.unchanged else ""
        parts.append(f"({self.new} new, {self.updated} updated{unchanged})")
        parts.append(f"from {len(self.files)} file{'s' if len(self.files) != 1 else ''}")
        if self.collections:
            parts.append("into " + ", ".join(self.collections))
        text = " ".join(parts) + "."
        if self.problems:
            text += f" {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}."
        if self.unread_dates:
            text += (
                f" {self.unread_dates} date{'s' if self.unread_dates != 1 else ''} could not be"
                " read (the documents are kept)."
            )
        if self.cancelled:
            text += " Cancelled: documents already imported are kept."
        return text


ProgressCallback = Callable[[ImportProgress], None]
CancelCheck = Callable[[], bool]


class _UnreadDates:
    """The documents of one file whose date was given but could not be read, whole or in part
    (``--11-14``, a year 0201, a 30 February): kept, and named in one notice so that staff can
    correct the source."""

    EXAMPLES = 3

    def __init__(self) -> None:
        self.count = 0
        self.examples: list[str] = []

    def check(self, record: DocumentRecord) -> None:
        date = record.date
        if not unread(date):
            return
        self.count += 1
        if len(self.examples) < self.EXAMPLES:
            where = (
                f"line {record.source_line} ({record.ref})" if record.source_line else record.ref
            )
            flag = date.flag or ""
            said = flag if not date.text or date.text in flag else f"{flag} {date.text!r}"
            self.examples.append(f"{where}: {said}")

    def notice(self, file: str) -> str:
        many = self.count != 1
        text = (
            f"{file}: {self.count} date{'s' if many else ''} could not be read; the"
            f" document{'s are' if many else ' is'} kept, dated by what else could be read"
            " or undated — "
        )
        more = self.count - len(self.examples)
        return text + "; ".join(self.examples) + (f"; and {more} more" if more > 0 else "")


class ImportRun:
    """The state of one import: counts, the batch being filled, progress and cancel.

    Three stages overlap, each on its own thread, in the order ``Library._store_batch``
    always followed: the calling thread reads the files (parsing: Python) and hands full
    batches to the *store* thread, which writes each in one transaction (SQLite lets other
    threads run meanwhile) and passes it on to the *index* thread, which feeds the index
    writer (tantivy indexes on threads of its own). The index never holds a document the
    database does not, and when it commits on the way it records only what it has indexed.
    A few batches wait between two stages at most, so memory stays flat however large the
    import.
    """

    def __init__(
        self,
        library: Library,
        report: ImportReport,
        files_total: int,
        progress: ProgressCallback | None,
        cancel: CancelCheck | None,
    ) -> None:
        self.library = library
        self.report = report
        self.files_total = files_total
        self.progress = progress
        self.cancel = cancel
        self.stored = 0
        self.since_commit = 0
        self._to_store: queue.Queue[tuple[int, str, str, Any] | None] = queue.Queue(QUEUED_BATCHES)
        self._to_index: queue.Queue[tuple[list[DocumentRecord], int, set[str]] | None] = (
            queue.Queue(QUEUED_BATCHES)
        )
        self._threads: list[threading.Thread] = []
        #: job number → why storing its documents failed (no more of them are stored)
        self._failed: dict[int, str] = {}
        #: collections given a new title by this import (id → title): their documents are all
        #: written and indexed again, the index keeping the title with each document
        self._retitled: dict[str, str] = {}
        self._fatal: BaseException | None = None
        self._indexed_seq = 0

    # -- the calling thread ------------------------------------------------------------
    def start(self) -> None:
        self._threads = [
            threading.Thread(target=self._storing, name="import-store", daemon=True),
            threading.Thread(target=self._indexing, name="import-index", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def finish(self) -> None:
        """Wait until everything handed over is stored and indexed; re-raise a failure."""
        if self._threads:
            self._to_store.put(None)
            for thread in self._threads:
                thread.join()
            self._threads = []
        for number in sorted(self._failed):
            self.report.problems.append(self._failed[number])
        self._failed.clear()
        if self._fatal is not None:
            fatal, self._fatal = self._fatal, None
            raise fatal

    def failed(self, number: int, problem: str) -> None:
        """Reading job ``number`` failed: what was read of it before is stored all the same."""
        self.report.problems.append(problem)

    def tell(self, file: str, files_done: int) -> None:
        if self.progress:
            self.progress(ImportProgress(file, files_done, self.files_total, self.stored))

    def cancelled(self) -> bool:
        if self.cancel and self.cancel():
            self.report.cancelled = True
        return self.report.cancelled

    def job(self, number: int, job: Any) -> None:
        """Read one file: duplicates within it are reported, the rest stored in batches."""
        self.tell(str(job.path), number)
        seen: dict[str, int | None] = {}
        batch: list[DocumentRecord] = []
        unread = _UnreadDates()
        for event in job.read():
            if isinstance(event, DocumentRecord):
                unread.check(event)
                if event.ref in seen:
                    first = seen[event.ref]
                    where = f" (first at line {first})" if first else ""
                    problem = ImportProblem(
                        event.source_file or str(job.path),
                        event.source_line,
                        f"duplicate ref {event.ref!r}{where}; kept the first",
                    )
                    self.report.problems.append(str(problem))
                    continue
                seen[event.ref] = event.source_line
                batch.append(event)
                if len(batch) >= BATCH_SIZE:
                    self.flush(batch, str(job.path), number)
                    if number in self._failed or self.cancelled():
                        return
            elif isinstance(event, ImportProblem):
                self.report.problems.append(str(event))
            elif isinstance(event, CollectionRecord):
                self._hand(number, str(job.path), "collection", event)
                if event.id not in self.report.collections:
                    self.report.collections.append(event.id)
        self.flush(batch, str(job.path), number)
        if unread.count:
            self.report.unread_dates += unread.count
            self.report.notices.append(unread.notice(str(job.path)))

    def flush(self, batch: list[DocumentRecord], file: str, number: int) -> None:
        if not batch:
            return
        self._hand(number, file, "documents", list(batch))
        batch.clear()
        self.tell(file, number)

    def _hand(self, number: int, file: str, kind: str, payload: Any) -> None:
        if self._fatal is not None:  # a stage has stopped: say why, here
            self.finish()
        if number in self._failed:
            return
        if not self._threads:  # not started (a caller driving the run by hand)
            stored = self._store(number, file, kind, payload)
            if stored is not None:
                self._index(*stored)
        else:
            self._to_store.put((number, file, kind, payload))

    # -- the store thread -----------------------------------------------------------------
    def _storing(self) -> None:
        try:
            while (item := self._to_store.get()) is not None:
                if self._fatal is not None:
                    continue  # drain: the calling thread will raise
                try:
                    stored = self._store(*item)
                except BaseException as error:  # noqa: BLE001 - handed to the calling thread
                    self._fatal = error
                    continue
                if stored is not None:
                    self._to_index.put(stored)
        finally:
            self._to_index.put(None)

    def _store(
        self, number: int, file: str, kind: str, payload: Any
    ) -> tuple[list[DocumentRecord], int, set[str]] | None:
        """Write one batch (or collection); what the index thread needs next, if anything."""
        if number in self._failed:
            return None
        store = self.library.store
        try:
            if kind == "collection":
                if store.upsert_collection(payload):
                    self._retitled[payload.id] = payload.title
                return None
            existing = store.existing_refs(r.ref for r in payload)
            unchanged: set[str] = set()
            if existing:
                unchanged = store.unchanged_refs(
                    [
                        r
                        for r in payload
                        if r.ref in existing and r.collection_id not in self._retitled
                    ]
                )
            changed = [r for r in payload if r.ref not in unchanged] if unchanged else payload
            seq = store.upsert_documents(changed) if changed else 0
        except ReadingRoomError as error:
            self._failed.setdefault(number, f"{file}: {error}")
            return None
        except OSError as error:
            self._failed.setdefault(number, f"{file}: cannot write: {error.strerror or error}")
            return None
        self.report.new += len(payload) - len(existing)
        self.report.updated += len(existing) - len(unchanged)
        self.report.unchanged += len(unchanged)
        self.stored += len(payload)
        if not changed:
            return None
        return changed, seq, existing - unchanged

    # -- the index thread -----------------------------------------------------------------
    def _indexing(self) -> None:
        while (item := self._to_index.get()) is not None:
            if self._fatal is not None:
                continue
            try:
                self._index(*item)
            except BaseException as error:  # noqa: BLE001 - handed to the calling thread
                self._fatal = error

    def _index(self, batch: list[DocumentRecord], seq: int, existing: set[str]) -> None:
        from .store import document_row

        # the index reads the same row the store wrote, without reading it back; only the
        # documents the database held already can have an older version in the index
        self.library.index.add_documents(
            (SimpleNamespace(**document_row(r, seq)) for r in batch),
            dict(self._retitled) or None,
            existing=existing,
        )
        self._indexed_seq = max(self._indexed_seq, seq)
        self.since_commit += len(batch)
        if self.since_commit >= INDEX_COMMIT_EVERY:
            # what is indexed so far (the store may be a batch or two ahead: those come
            # again from the database should the import stop before the last commit)
            library = self.library
            library.index.commit(library.store.store_id, self._indexed_seq, None, keep_writer=True)
            self.since_commit = 0
