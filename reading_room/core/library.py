"""The use cases the window and the command line call: import, search, read, reindex.

Each function opens its own session (one unit of work) and hands back plain
frozen dataclasses, never ORM objects, so callers on any thread — or in the UI —
never hold a database session.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from . import paths
from .dates import unread
from .errors import DocumentNotFound, ReadingRoomError
from .quick_state import sqlite_state
from .records import CollectionRecord, DocumentRecord, ImportProblem
from .search.index import SearchIndex
from .search.types import Hit, Page, SearchRequest

if TYPE_CHECKING:  # the store loads SQLAlchemy: not before the database is first read
    from .models import Document
    from .store import Store

log = logging.getLogger(__name__)

NO_SAMPLE_ENV = "READING_ROOM_NO_SAMPLE"
BATCH_SIZE = 1000
INDEX_COMMIT_EVERY = 250_000
#: batches read ahead of the writer at most (a few MB of records)
QUEUED_BATCHES = 4


@dataclass(frozen=True)
class DocumentView:
    """Everything the document view shows of one document."""

    ref: str
    collection_id: str
    collection_title: str
    title: str
    date_text: str
    date_start: str | None
    date_end: str | None
    date_precision: str | None
    date_certain: bool
    date_flag: str | None
    summary: str
    body: str
    notes: str
    source: str
    place: str
    language: str
    doc_type: str
    section: str
    persons: tuple[str, ...]
    places: tuple[str, ...]
    subjects: tuple[str, ...]
    attachments: tuple[str, ...]
    extra: dict[str, Any]
    source_file: str

    @property
    def normalised_date(self) -> str:
        """The normalised date in words a reader checks against the printed one."""
        if not self.date_start:
            return "undated"
        text = (
            self.date_start
            if self.date_start == self.date_end
            else f"{self.date_start} – {self.date_end}"
        )
        return text if self.date_certain else f"circa {text}"


@dataclass(frozen=True)
class CollectionInfo:
    id: str
    title: str
    kind: str
    documents: int
    source_files: tuple[str, ...]


@dataclass(frozen=True)
class Stats:
    collections: tuple[CollectionInfo, ...]
    documents: int
    indexed: int
    index_state: str  # "up to date" or why not
    database: str
    index_path: str


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


class Library:
    """One installation's collections: the store and the index derived from it."""

    def __init__(self, store: Store | None, index: SearchIndex, *, url: str = "") -> None:
        """``store`` None: the database at ``url`` is opened when it is first needed."""
        if store is None and not url:
            raise ValueError("a library needs its store or the URL of its database")
        self._store = store
        self._url = url or (store.url if store is not None else "")
        self._store_lock = threading.Lock()
        self.index = index
        self._write_lock = threading.RLock()

    @property
    def store(self) -> Store:
        """The collection database (opened now if it was not yet: see ``open``)."""
        store = self._store
        if store is None:
            with self._store_lock:
                if self._store is None:
                    from .store import Store

                    self._store = Store(self._url)
                store = self._store
        return store

    # -- opening ------------------------------------------------------------
    @classmethod
    def open(
        cls,
        db_url: str | None = None,
        *,
        load_sample: bool | None = None,
        index_progress: Callable[[int, int], None] | None = None,
        check_later: bool = False,
    ) -> Library:
        """Open (creating if need be) the installation's collections.

        A stale or missing index is rebuilt without being asked; an empty
        installation gets the sample collection, once. ``check_later``: an index whose
        state matches the database's newest change is trusted without counting the
        database's documents — the caller then calls ``check_index`` once the reader can
        search (the window does, so that counting a million rows is not part of its start).
        With ``check_later``, an index that holds documents and matches a SQLite database
        read without SQLAlchemy (``quick_state``) is ready at once: searching needs only
        the index, and the database is opened the usual way when it is first needed (a
        document read, the collections listed, the check) — loading SQLAlchemy, 0.4 s
        here, is then not part of the window's start.
        """
        url = db_url or paths.default_db_url()
        index = SearchIndex(paths.index_dir(url))
        if check_later and index.doc_count() > 0:
            state = sqlite_state(url)
            if (
                state is not None
                and index.needs_rebuild(state, count=False) is None
                and (current := index.state()) is not None
                and current.max_seq == state.newest
            ):
                return cls(None, index, url=url)
        from .store import Store

        store = Store(url)
        library = cls(store, index)
        index.sync(store, progress=index_progress, count=not check_later)
        if load_sample is None:
            load_sample = not os.environ.get(NO_SAMPLE_ENV)
        if load_sample:
            library.load_sample_if_empty()
        return library

    def check_index(self, progress: Callable[[int, int], None] | None = None) -> bool:
        """Count the database's documents against the index, rebuilding the index if
        documents went missing behind the application's back; whether it was rebuilt. An
        index without the facets of its frequent words (made by an earlier version) gets
        them (see ``search.frequent``)."""
        problem = self.index.needs_rebuild(self.store)
        if problem is None:
            if self.index.frequent_words_missing():  # an index made by an earlier version
                with self._write_lock:
                    self.index.count_frequent_words()
            return False
        log.warning("rebuilding the search index: %s", problem)
        self.index.rebuild(self.store, progress)
        return True

    def close(self) -> None:
        self.index.close()
        if self._store is not None:
            self._store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database(self) -> str:
        from .store import redact

        return redact(self._url)

    def load_sample_if_empty(self) -> ImportReport | None:
        """Load the sample collection into an installation that never had one and is empty."""
        if self.store.meta("sample_loaded") or self.store.has_documents():
            return None
        sample = paths.sample_collection_dir()
        if not sample.is_dir():
            return None
        report = self.import_paths(sorted(sample.glob("*.jsonl")))
        self.store.set_meta("sample_loaded", "1")
        return report

    # -- importing ----------------------------------------------------------
    def import_paths(
        self,
        sources: Sequence[str | Path],
        *,
        collection: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files and folders; bad records are reported and skipped, never fatal.

        Documents are written in batches, each its own transaction, so a failure
        (or a cancel) never touches what was stored before. Re-importing updates
        documents by ref.
        """
        from .importers import plan

        report = ImportReport()
        jobs, problems = plan([Path(s) for s in sources], collection)
        report.problems.extend(str(p) for p in problems)
        run = _ImportRun(self, report, len(jobs), progress, cancel)
        with self._write_lock, _fewer_collections():
            run.start()
            try:
                for number, job in enumerate(jobs):
                    if run.cancelled():
                        break
                    report.files.append(str(job.path))
                    try:
                        run.job(number, job)
                    except ReadingRoomError as error:
                        run.failed(number, f"{job.path}: {error}")
                    except OSError as error:
                        run.failed(number, f"{job.path}: cannot read: {error.strerror or error}")
                    if report.cancelled:
                        break
            finally:
                run.finish()  # everything read is stored and indexed (or the error re-raised)
            # every file read: what is left is the index's last commit (with the facets of its
            # most frequent words counted, 30-40 s at a million documents), said as such
            run.tell("", len(jobs))
            self._commit_index()
        return report

    def _store_batch(self, batch: list[DocumentRecord]) -> tuple[int, int]:
        from .store import document_row

        existing = self.store.existing_refs(r.ref for r in batch)
        seq = self.store.upsert_documents(batch)
        # the index reads the same row the store wrote, without reading it back; only the
        # documents the database held already can have an older version in the index
        self.index.add_documents(
            (SimpleNamespace(**document_row(r, seq)) for r in batch), existing=existing
        )
        return len(batch) - len(existing), len(existing)

    def _commit_index(self, *, keep_writer: bool = False) -> None:
        self.index.commit(
            self.store.store_id,
            self.store.max_seq(),
            self.store.count_documents(),
            keep_writer=keep_writer,
        )

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Rebuild the search index from the database; returns the documents indexed."""
        with self._write_lock:
            self.index.rebuild(self.store, progress=progress)
        return self.index.doc_count()

    # -- reading ------------------------------------------------------------
    def search(self, request: SearchRequest) -> Page:
        return self.index.search(request)

    def related(self, ref: str, limit: int = 10) -> tuple[Hit, ...]:
        return self.index.related(ref, limit)

    def document(self, ref: str) -> DocumentView:
        document = self.store.document(ref)
        if document is None:
            raise DocumentNotFound(ref)
        collection = self.store.collection(document.collection_id)
        return document_view(document, collection.title if collection else document.collection_id)

    def collections(self) -> list[CollectionInfo]:
        return [
            CollectionInfo(c.id, c.title, c.kind, count, tuple(c.source_files or ()))
            for c, count in self.store.collections()
        ]

    def stats(self) -> Stats:
        reason = self.index.needs_rebuild(self.store)
        collections = tuple(self.collections())
        return Stats(
            collections=collections,
            documents=sum(c.documents for c in collections),
            indexed=self.index.doc_count(),
            index_state=reason or "up to date",
            database=self.database,
            index_path=str(self.index.path),
        )


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often during an import.

    An import makes and drops millions of small objects (parsed lines, records, rows), and
    with the default thresholds the collector kept scanning every live object over and over:
    a sixth of a large import's time. Reference counting frees all of them anyway.
    """
    old = gc.get_threshold()
    gc.freeze()  # what exists before the import is not scanned again
    gc.set_threshold(max(old[0], 50_000), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


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


class _ImportRun:
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


def document_view(document: Document, collection_title: str) -> DocumentView:
    return DocumentView(
        ref=document.ref,
        collection_id=document.collection_id,
        collection_title=collection_title,
        title=document.title,
        date_text=document.date_text,
        date_start=document.date_start,
        date_end=document.date_end,
        date_precision=document.date_precision,
        date_certain=document.date_certain,
        date_flag=document.date_flag,
        summary=document.summary,
        body=document.body,
        notes=document.notes,
        source=document.source,
        place=document.place,
        language=document.language,
        doc_type=document.doc_type,
        section=document.section,
        persons=tuple(document.persons or ()),
        places=tuple(document.places or ()),
        subjects=tuple(document.subjects or ()),
        attachments=tuple(document.attachments or ()),
        extra=dict(document.extra or {}),
        source_file=document.source_file,
    )
