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
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from . import paths
from .errors import DocumentNotFound, ReadingRoomError
from .importing import (
    CancelCheck,
    ImportReport,
    ImportRun,
    ProgressCallback,
)
from .quick_state import sqlite_state
from .records import DocumentRecord
from .search.index import SearchIndex
from .search.types import Hit, Page, SearchRequest

if TYPE_CHECKING:  # the store loads SQLAlchemy: not before the database is first read
    from .models import Document
    from .store import Store

log = logging.getLogger(__name__)

NO_SAMPLE_ENV = "READING_ROOM_NO_SAMPLE"


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
        run = ImportRun(self, report, len(jobs), progress, cancel)
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
