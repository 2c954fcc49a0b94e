"""The search index on disk: opening, catching up with the database, rebuilding, searching.

The index is derived data. Its folder holds ``state.json`` and one generation folder
(``gen-…``) with the tantivy index the state names. A rebuild writes a new generation next to
the old one and switches ``state.json`` to it only once it is committed, so a crash or an error
halfway leaves the previous index, still searchable, and the next sync starts over.

One ``tantivy.Index`` stays open; its searcher is reloaded only after a commit (searches take
the current searcher once, so a reload never disturbs a search under way). The writer is
created on the first ``add_documents`` and released at ``commit`` so another process (the
command line) can write between two imports.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Container, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tantivy

from . import facets, frequent, searching
from .analysis import register
from .prefetch import Prefetch
from .schema import SCHEMA_VERSION, build_schema, to_index_document
from .state import IndexState, StateProblem, read_state, remove_state, write_state
from .types import Hit, Page, SearchRequest

if TYPE_CHECKING:
    from ..models import Document

Progress = Callable[[int, int], None]

log = logging.getLogger(__name__)

__all__ = ["SearchIndex", "IndexState", "SCHEMA_VERSION"]

#: the writer's memory for documents not yet written as a segment: larger makes fewer, larger
#: segments (less merging during a large import, fewer segments to search); the import of a
#: million documents peaks under 1 GB with it
WRITER_HEAP = 512 * 1024 * 1024
#: generation folders no state points at are removed once they are this old (seconds), so a
#: rebuild running in another process is left alone
STALE_GENERATION = 3600


class SearchIndex:
    writer_heap = WRITER_HEAP
    #: one indexing thread: the importer's own threads (reading, storing, building documents)
    #: need the other cores; measured on 2 cores, a second indexing thread was no faster
    writer_threads = 1

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self._schema = build_schema()
        self._lock = threading.RLock()  # writes, commits and switching generations
        self._writer: tantivy.IndexWriter | None = None
        self._facet_cache: dict[Any, Any] = {}
        self._collection_titles: dict[str, str] = {}
        self._store: Any = None  # the last store synced with: where collection titles come from
        self._index, self._folder = self._open()
        self._searcher = self._index.searcher()
        self._browse = facets.Browse()  # what does not depend on the query, per searcher
        #: the stored documents are read ahead into memory after the first search (and again
        #: after each change, for the new segments): see ``prefetch``
        self.prefetch = Prefetch()
        self._read_ahead = True
        self._frequent = frequent.FrequentWords(self._folder, frequent.state_key(self.state()))
        self._sweep()

    # -- opening -----------------------------------------------------------------------------
    def _open(self) -> tuple[tantivy.Index, Path | None]:
        """The generation the state names, or an empty in-memory index until a rebuild."""
        try:
            state = read_state(self.path, SCHEMA_VERSION)
            index = self._open_folder(self.path / state.folder)
        except (StateProblem, OSError, ValueError):
            index = tantivy.Index(self._schema)
            register(index)
            return index, None
        return index, self.path / state.folder

    @staticmethod
    def _open_folder(folder: Path) -> tantivy.Index:
        if not tantivy.Index.exists(str(folder)) or not tantivy.Index.is_compatible(str(folder)):
            raise StateProblem("index files missing or made by another version")
        index = tantivy.Index.open(str(folder))
        register(index)
        return index

    def _new_generation(self) -> tuple[tantivy.Index, Path]:
        folder = self.path / f"gen-{uuid.uuid4().hex[:12]}"
        folder.mkdir()
        index = tantivy.Index(self._schema, path=str(folder), reuse=False)
        register(index)
        return index, folder

    def _sweep(self, keep: Path | None = None, max_age: float = STALE_GENERATION) -> None:
        """Remove generation folders no state points at (best effort: one still open elsewhere
        on Windows is left for next time)."""
        now = time.time()
        for folder in self.path.glob("gen-*"):
            if folder in (keep, self._folder) or not folder.is_dir():
                continue
            with contextlib.suppress(OSError):
                if now - folder.stat().st_mtime >= max_age:
                    shutil.rmtree(folder)

    # -- state -------------------------------------------------------------------------------
    def state(self) -> IndexState | None:
        try:
            return read_state(self.path, SCHEMA_VERSION)
        except StateProblem:
            return None

    def needs_rebuild(self, store: Any, *, count: bool = True) -> str | None:
        """Why the index cannot simply catch up with ``store``, in words; None when it can.

        ``count=False`` leaves out counting the database's documents (a scan of its largest
        table: 0.4 s at a million documents with nothing in the page cache), which only finds
        documents deleted behind the application's back; ``Library.check_index`` does it
        later."""
        try:
            state = read_state(self.path, SCHEMA_VERSION)
        except StateProblem as problem:
            return str(problem)
        if state.store_id != store.store_id:
            return "index belongs to another database"
        if self._folder is None or self._folder.name != state.folder:
            try:
                self._open_folder(self.path / state.folder)
            except (StateProblem, OSError, ValueError):
                return "index files missing or damaged"
            self._reopen()
        held = self.doc_count()
        if held != state.doc_count:
            return f"index holds {held} documents, its state says {state.doc_count}"
        newest = store.max_seq()
        if newest < state.max_seq:
            return "the database has gone back to an older state than the index"
        if newest == state.max_seq and count:
            documents = store.count_documents()
            if documents != held:
                return f"index holds {held} documents, the database {documents}"
        return None

    def _reopen(self) -> None:
        with self._lock:
            self._rollback()
            self._index, self._folder = self._open()
            self._reload()

    # -- writing -----------------------------------------------------------------------------
    def sync(self, store: Any, progress: Progress | None = None, *, count: bool = True) -> None:
        """Catch up with ``store``: index what changed since the last commit, or rebuild
        (``count``: see ``needs_rebuild``)."""
        with self._lock:
            self._store = store
            if self.needs_rebuild(store, count=count):
                self.rebuild(store, progress)
                return
            state = self.state()
            assert state is not None
            newest = store.max_seq()
            if newest == state.max_seq:
                if progress:
                    progress(0, 0)
                return
            total = store.count_documents(since_seq=state.max_seq)
            self._collection_titles = _titles(store)
            seen = self._feed(store.iter_documents(since_seq=state.max_seq), total, progress)
            count = store.count_documents()
            self.commit(store.store_id, max(newest, seen), count)
            if self.doc_count() != count:  # documents were deleted from the database
                self.rebuild(store, progress)

    def rebuild(self, store: Any, progress: Progress | None = None) -> None:
        """Index every document of ``store`` afresh, in a new generation."""
        with self._lock:
            self._store = store
            self._rollback()
            index, folder = self._new_generation()
            writer: tantivy.IndexWriter | None = None
            try:
                newest = store.max_seq()
                total = store.count_documents()
                self._collection_titles = _titles(store)
                writer = index.writer(self.writer_heap, self.writer_threads)
                seen = 0
                done = 0
                if progress:
                    progress(0, total)
                for batch in store.iter_documents(since_seq=0):
                    for doc in batch:
                        writer.add_document(to_index_document(doc, self._collection_titles))
                        seen = max(seen, doc.seq or 0)
                    done += len(batch)
                    if progress:
                        progress(done, max(total, done))
                writer.commit()
                writer.wait_merging_threads()
                index.reload()
                held = index.searcher().num_docs
                write_state(
                    self.path,
                    IndexState(
                        store.store_id, max(newest, seen), held, SCHEMA_VERSION, folder.name
                    ),
                )
            except BaseException:
                if writer is not None:  # stop its threads before removing their files
                    with contextlib.suppress(Exception):
                        writer.rollback()
                    with contextlib.suppress(Exception):
                        writer.wait_merging_threads()
                del writer, index
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._index, self._folder = index, folder
            self._reload()
            self._sweep(keep=folder, max_age=0)
            del writer, index  # their memory, before counting
            self.count_frequent_words()

    def add_documents(
        self,
        docs: Iterable[Document],
        collection_titles: Mapping[str, str] | None = None,
        *,
        existing: Container[str] | None = None,
    ) -> None:
        """Add or replace (by ``ref``) documents; they become visible at ``commit``.

        ``existing``: the refs that may have an older version in the index (those the database
        held before); the others are simply added. Without it, every ref is replaced.
        """
        with self._lock:
            if collection_titles:
                self._collection_titles.update(collection_titles)
            writer = self._open_writer()
            titles = self._collection_titles
            for doc in docs:
                if doc.collection_id not in titles and self._store is not None:
                    titles[doc.collection_id] = _title(self._store, doc.collection_id)
                if existing is None or doc.ref in existing:
                    writer.delete_documents_by_term("ref", doc.ref)
                writer.add_document(to_index_document(doc, titles))

    def delete_collection(self, collection_id: str) -> None:
        """Drop a collection's documents; visible at ``commit``."""
        with self._lock:
            self._open_writer().delete_documents_by_term("collection", collection_id)

    def commit(
        self, store_id: str, max_seq: int, doc_count: int | None, *, keep_writer: bool = False
    ) -> None:
        """Make the added documents visible, then record that the index holds everything up to
        ``max_seq`` of database ``store_id`` (``doc_count`` documents; None: as many as the
        index now holds — the database may be ahead, with documents of later changes).

        ``keep_writer``: more documents follow at once (a long import commits now and then);
        the writer, its threads and its lock are kept for them.
        """
        with self._lock:
            writer = self._writer
            if writer is not None:
                writer.commit()
            if self._folder is None:  # a commit with nothing added on a fresh index
                self._index, self._folder = self._new_generation()
            if doc_count is None:
                self._index.reload()
                doc_count = int(self._index.searcher().num_docs)
            write_state(
                self.path,
                IndexState(store_id, max_seq, doc_count, SCHEMA_VERSION, self._folder.name),
            )
            self._reload()
            if writer is not None and not keep_writer:
                self._writer = None
                writer.wait_merging_threads()
                self._reload()  # the merged segments
            del writer  # its memory, before counting
            if not keep_writer:
                self.count_frequent_words()

    def _open_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            if self._folder is None:  # nothing on disk yet: the first generation
                remove_state(self.path)
                self._index, self._folder = self._new_generation()
            self._writer = self._index.writer(self.writer_heap, self.writer_threads)
        return self._writer

    def _feed(
        self, batches: Iterable[list[Document]], total: int, progress: Progress | None
    ) -> int:
        seen = 0
        done = 0
        if progress:
            progress(0, total)
        for batch in batches:
            self.add_documents(batch)
            seen = max([seen, *(doc.seq or 0 for doc in batch)])
            done += len(batch)
            if progress:
                progress(done, max(total, done))
        return seen

    def _rollback(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            with contextlib.suppress(Exception):
                writer.rollback()
            with contextlib.suppress(Exception):
                writer.wait_merging_threads()

    def _reload(self) -> None:
        self._index.reload()
        self._facet_cache = {}
        self._searcher = self._index.searcher()
        self._browse = facets.Browse()
        self._read_ahead = True
        self._frequent = frequent.FrequentWords(self._folder, frequent.state_key(self.state()))

    def frequent_words_missing(self) -> bool:
        """Whether the index has frequent words whose facets are not kept for its state."""
        if self._frequent or self._folder is None:
            return False
        return bool(frequent.frequent_words(self._searcher))

    def count_frequent_words(self) -> int:
        """Count and keep the facets of the most frequent words for the index as it is now
        (see ``frequent``); how many words. Done after every change that ends a write."""
        with self._lock:
            key = frequent.state_key(self.state())
            if self._folder is None or key is None:
                return 0
            self._frequent.close()  # its file is about to be replaced
            started = time.perf_counter()
            try:
                kept = frequent.count(self._searcher, self._schema, self._folder, key, self._browse)
            finally:
                self._frequent = frequent.FrequentWords(self._folder, key)
            if kept:
                log.info(
                    "facets of %d frequent words kept in %.1f s",
                    kept,
                    time.perf_counter() - started,
                )
            return kept

    # -- reading -----------------------------------------------------------------------------
    def search(self, request: SearchRequest) -> Page:
        """A page of hits with facets and timeline. Any query text is valid; a date filter that
        cannot be read raises ``BadDate``."""
        page = searching.run(
            self._searcher,
            self._schema,
            request,
            self._facet_cache,
            browse=self._browse,
            frequent=self._frequent,
        )
        if self._read_ahead:
            self._read_ahead = False
            self.prefetch.schedule(self._folder)
        return page

    def forget_searches(self) -> None:
        """Drop what was kept of earlier searches (facets kept for paging through one result
        list), as a benchmark must before each timed search. What belongs to the index itself
        (the facets of all documents) is kept until the index changes."""
        self._facet_cache.clear()

    def related(self, ref: str, limit: int = 10) -> tuple[Hit, ...]:
        return searching.related(self._searcher, self._schema, ref, limit)

    def doc_count(self) -> int:
        return int(self._searcher.num_docs)

    def close(self) -> None:
        self.prefetch.stop()
        with self._lock:
            self._rollback()


def _title(store: Any, collection_id: str) -> str:
    """The title of a new collection (one row, not the list of all with their counts)."""
    try:
        collection = store.collection(collection_id)
    except AttributeError:
        return _titles(store).get(collection_id, "")
    return collection.title if collection is not None else ""


def _titles(store: Any) -> dict[str, str]:
    try:
        return {collection.id: collection.title for collection, _ in store.collections()}
    except AttributeError:
        return {}
