"""The use cases the window and the command line call: import, search, read, reindex.

Each function opens its own session (one unit of work) and hands back plain
frozen dataclasses, never ORM objects, so callers on any thread — or in the UI —
never hold a database session.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from . import paths
from .errors import DocumentNotFound, ReadingRoomError
from .models import Document
from .records import CollectionRecord, DocumentRecord, ImportProblem
from .search.index import SearchIndex
from .search.types import Hit, Page, SearchRequest
from .store import Store, document_row, redact

NO_SAMPLE_ENV = "READING_ROOM_NO_SAMPLE"
BATCH_SIZE = 1000
INDEX_COMMIT_EVERY = 50_000


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
    problems: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    @property
    def imported(self) -> int:
        return self.new + self.updated

    def summary(self) -> str:
        parts = [f"Imported {self.imported} document{'s' if self.imported != 1 else ''}"]
        parts.append(f"({self.new} new, {self.updated} updated)")
        parts.append(f"from {len(self.files)} file{'s' if len(self.files) != 1 else ''}")
        if self.collections:
            parts.append("into " + ", ".join(self.collections))
        text = " ".join(parts) + "."
        if self.problems:
            text += f" {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}."
        if self.cancelled:
            text += " Cancelled: documents already imported are kept."
        return text


ProgressCallback = Callable[[ImportProgress], None]
CancelCheck = Callable[[], bool]


class Library:
    """One installation's collections: the store and the index derived from it."""

    def __init__(self, store: Store, index: SearchIndex) -> None:
        self.store = store
        self.index = index
        self._write_lock = threading.RLock()

    # -- opening ------------------------------------------------------------
    @classmethod
    def open(
        cls,
        db_url: str | None = None,
        *,
        load_sample: bool | None = None,
        index_progress: Callable[[int, int], None] | None = None,
    ) -> Library:
        """Open (creating if need be) the installation's collections.

        A stale or missing index is rebuilt without being asked; an empty
        installation gets the sample collection, once.
        """
        url = db_url or paths.default_db_url()
        store = Store(url)
        index = SearchIndex(paths.index_dir(url))
        library = cls(store, index)
        index.sync(store, progress=index_progress)
        if load_sample is None:
            load_sample = not os.environ.get(NO_SAMPLE_ENV)
        if load_sample:
            library.load_sample_if_empty()
        return library

    def close(self) -> None:
        self.index.close()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database(self) -> str:
        return redact(self.store.url)

    def load_sample_if_empty(self) -> ImportReport | None:
        """Load the sample collection into an installation that never had one and is empty."""
        if self.store.meta("sample_loaded") or self.store.count_documents():
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
        with self._write_lock:
            for number, job in enumerate(jobs):
                if run.cancelled():
                    break
                report.files.append(str(job.path))
                try:
                    run.job(number, job)
                except ReadingRoomError as error:
                    report.problems.append(f"{job.path}: {error}")
                except OSError as error:
                    report.problems.append(f"{job.path}: cannot read: {error.strerror or error}")
                if report.cancelled:
                    break
            self._commit_index()
            run.tell("", len(jobs))
        return report

    def _store_batch(self, batch: list[DocumentRecord]) -> tuple[int, int]:
        updated = self.store.count_existing(r.ref for r in batch)
        seq = self.store.upsert_documents(batch)
        # the index reads the same row the store wrote, without reading it back
        self.index.add_documents(SimpleNamespace(**document_row(r, seq)) for r in batch)
        return len(batch) - updated, updated

    def _commit_index(self) -> None:
        self.index.commit(self.store.store_id, self.store.max_seq(), self.store.count_documents())

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


class _ImportRun:
    """The state of one import: counts, the batch being filled, progress and cancel."""

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
        for event in job.read():
            if isinstance(event, ImportProblem):
                self.report.problems.append(str(event))
            elif isinstance(event, CollectionRecord):
                self.library.store.upsert_collection(event)
                if event.id not in self.report.collections:
                    self.report.collections.append(event.id)
            elif isinstance(event, DocumentRecord):
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
                    if self.cancelled():
                        return
        self.flush(batch, str(job.path), number)

    def flush(self, batch: list[DocumentRecord], file: str, number: int) -> None:
        if not batch:
            return
        new, updated = self.library._store_batch(batch)
        self.report.new += new
        self.report.updated += updated
        self.stored += len(batch)
        self.since_commit += len(batch)
        batch.clear()
        if self.since_commit >= INDEX_COMMIT_EVERY:
            self.library._commit_index()
            self.since_commit = 0
        self.tell(file, number)


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
