"""The index's life: building, catching up, noticing it is stale, surviving failures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from search_corpus import RECORDS, fill
from sqlalchemy import delete

from reading_room.core.models import Document
from reading_room.core.records import DocumentRecord
from reading_room.core.search import SearchIndex, SearchRequest
from reading_room.core.search import index as index_module
from reading_room.core.search.schema import SCHEMA_VERSION
from reading_room.core.search.state import STATE_FILE
from reading_room.core.store import Store


def total(index: SearchIndex, query: str = "") -> int:
    return index.search(SearchRequest(query=query)).total


def test_a_new_index_is_empty_and_says_it_is_missing(tmp_path: Path, store: Store) -> None:
    index = SearchIndex(tmp_path / "fresh")
    assert index.state() is None
    assert index.needs_rebuild(store) == "index missing"
    assert index.doc_count() == 0
    assert total(index) == 0
    assert index.search(SearchRequest(query="kennan")).hits == ()


def test_sync_builds_and_records_the_state(tmp_path: Path, store: Store) -> None:
    index = SearchIndex(tmp_path / "index")
    seen: list[tuple[int, int]] = []
    index.sync(store, progress=lambda done, count: seen.append((done, count)))
    state = index.state()
    assert state is not None
    assert (state.store_id, state.max_seq, state.doc_count) == (
        store.store_id,
        store.max_seq(),
        len(RECORDS),
    )
    assert state.schema_version == SCHEMA_VERSION
    assert index.doc_count() == len(RECORDS) == total(index)
    assert index.needs_rebuild(store) is None
    assert seen[0] == (0, len(RECORDS)) and seen[-1] == (len(RECORDS), len(RECORDS))


def test_incremental_sync_adds_and_replaces(index: SearchIndex, store: Store) -> None:
    before = index.state()
    assert before is not None
    store.upsert_documents([DocumentRecord("essays/new", "essays", "A new essay on zeppelins")])
    store.upsert_documents(
        [DocumentRecord("essays/kennan", "essays", "Rewritten", body="Only zebras now.")]
    )
    assert store.max_seq() == before.max_seq + 2
    assert index.needs_rebuild(store) is None  # behind, but it can catch up
    assert total(index, "zeppelins") == 0
    calls: list[tuple[int, int]] = []
    index.sync(store, progress=lambda d, t: calls.append((d, t)))
    after = index.state()
    assert after is not None and after.max_seq == store.max_seq()
    assert after.folder == before.folder  # caught up, not rebuilt
    assert calls[-1] == (2, 2)
    assert total(index, "zeppelins") == 1
    assert total(index, "zebras") == 1
    assert total(index, "containment") == 0  # the old text of the replaced document is gone
    assert index.doc_count() == len(RECORDS) + 1
    index.sync(store)  # nothing new: nothing happens
    assert index.state() == after


def test_add_documents_and_commit(tmp_path: Path, store: Store) -> None:
    index = SearchIndex(tmp_path / "direct")
    with store.session() as session:
        docs = list(session.query(Document))
    index.add_documents(docs[:10])
    index.add_documents(docs[10:])
    index.add_documents(docs[:5])  # again: replaced, not doubled
    assert index.doc_count() == 0  # nothing visible before the commit
    index.commit(store.store_id, store.max_seq(), store.count_documents())
    assert index.doc_count() == len(RECORDS)
    assert index.needs_rebuild(store) is None


def test_reopening_keeps_the_index(tmp_path: Path, store: Store) -> None:
    index = SearchIndex(tmp_path / "index")
    index.sync(store)
    state = index.state()
    index.close()
    again = SearchIndex(tmp_path / "index")
    assert again.state() == state
    assert again.needs_rebuild(store) is None
    assert total(again, "kennan") == 1


def test_missing_state_means_rebuild(tmp_path: Path, index: SearchIndex, store: Store) -> None:
    (tmp_path / "index" / STATE_FILE).unlink()
    assert index.state() is None
    assert index.needs_rebuild(store) == "index missing"
    index.sync(store)
    assert index.needs_rebuild(store) is None and total(index) == len(RECORDS)
    assert len(list((tmp_path / "index").glob("gen-*"))) == 1  # the old generation is gone


@pytest.mark.parametrize(
    "content", ["{not json", '{"store_id": 1}', "[]", '{"store_id": "x", "max_seq": "a"}']
)
def test_corrupt_state_means_rebuild(
    tmp_path: Path, index: SearchIndex, store: Store, content: str
) -> None:
    (tmp_path / "index" / STATE_FILE).write_text(content)
    assert index.state() is None
    assert index.needs_rebuild(store) == "index state unreadable"
    index.sync(store)
    assert index.needs_rebuild(store) is None


def test_other_schema_version_means_rebuild(
    tmp_path: Path, index: SearchIndex, store: Store
) -> None:
    path = tmp_path / "index" / STATE_FILE
    raw = json.loads(path.read_text())
    path.write_text(json.dumps(raw | {"schema_version": SCHEMA_VERSION + 1}))
    assert index.state() is None
    assert "schema" in (index.needs_rebuild(store) or "")
    index.sync(store)
    assert index.state() is not None and index.state().schema_version == SCHEMA_VERSION


def test_another_database_means_rebuild(tmp_path: Path, index: SearchIndex, store: Store) -> None:
    store.close()  # checkpoints the write-ahead log into the file
    shutil.copy(tmp_path / "collection.sqlite3", tmp_path / "copy.sqlite3")
    copy = Store(f"sqlite:///{tmp_path / 'copy.sqlite3'}")
    assert copy.store_id == store.store_id
    assert index.needs_rebuild(copy) is None  # a plain copy is the same database
    copy.set_meta("store_id", "another")
    assert index.needs_rebuild(copy) == "index belongs to another database"
    other = Store(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    fill(other, RECORDS[:3])
    assert index.needs_rebuild(other) == "index belongs to another database"
    index.sync(other)
    assert index.doc_count() == 3 and index.state().store_id == other.store_id
    copy.close()
    other.close()


def test_deleted_documents_mean_rebuild(index: SearchIndex, store: Store) -> None:
    with store.session() as session:
        session.execute(delete(Document).where(Document.collection_id == "albania"))
    assert store.max_seq() == index.state().max_seq
    assert (
        index.needs_rebuild(store)
        == f"index holds {len(RECORDS)} documents, the database {len(RECORDS) - 2}"
    )
    index.sync(store)
    assert index.doc_count() == len(RECORDS) - 2
    assert total(index, "tirana") == 0


def test_deletions_plus_new_documents_are_caught_by_sync(index: SearchIndex, store: Store) -> None:
    with store.session() as session:
        session.execute(delete(Document).where(Document.collection_id == "albania"))
    store.upsert_documents([DocumentRecord("essays/new", "essays", "New")])
    assert index.needs_rebuild(store) is None  # cannot tell yet: it has to catch up first
    index.sync(store)
    assert index.doc_count() == store.count_documents() == len(RECORDS) - 1
    assert index.needs_rebuild(store) is None


def test_damaged_index_folder_means_rebuild(
    tmp_path: Path, index: SearchIndex, store: Store
) -> None:
    folder = tmp_path / "index" / index.state().folder
    index.close()
    shutil.rmtree(folder)
    again = SearchIndex(tmp_path / "index")
    assert again.needs_rebuild(store) == "index files missing or damaged"
    assert again.doc_count() == 0
    again.sync(store)
    assert again.doc_count() == len(RECORDS)


def test_a_failed_rebuild_keeps_the_previous_index(
    tmp_path: Path, index: SearchIndex, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = index.state()
    real = index_module.to_index_document
    calls = {"n": 0}

    def failing(doc, titles):
        calls["n"] += 1
        if calls["n"] > 10:
            raise RuntimeError("disk full")
        return real(doc, titles)

    monkeypatch.setattr(index_module, "to_index_document", failing)
    with pytest.raises(RuntimeError):
        index.rebuild(store)
    assert index.state() == state
    assert total(index, "kennan") == 1  # still searching the previous generation
    assert [p.name for p in (tmp_path / "index").glob("gen-*")] == [state.folder]
    monkeypatch.undo()
    again = SearchIndex(tmp_path / "index")
    assert again.needs_rebuild(store) is None


def test_a_failed_catch_up_commits_nothing(
    index: SearchIndex, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = index.state()
    store.upsert_documents([DocumentRecord(f"essays/n{i}", "essays", f"New {i}") for i in range(5)])

    def broken(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(index, "commit", broken)
    with pytest.raises(RuntimeError):
        index.sync(store)
    assert index.state() == state  # the state never claims what was not committed
    monkeypatch.undo()
    index.close()  # drops the uncommitted writer
    index.sync(store)
    assert index.doc_count() == len(RECORDS) + 5


def test_state_is_written_atomically(tmp_path: Path, index: SearchIndex) -> None:
    files = sorted(p.name for p in (tmp_path / "index").iterdir() if p.is_file())
    assert files == [STATE_FILE]  # no temporary file left behind


def test_delete_collection(index: SearchIndex, store: Store) -> None:
    index.delete_collection("albania")
    index.commit(store.store_id, store.max_seq(), len(RECORDS) - 2)
    assert total(index, "tirana") == 0
    assert index.doc_count() == len(RECORDS) - 2


def test_searches_during_commits(index: SearchIndex, store: Store) -> None:
    """Searches on reader threads while the writer commits: no errors, never fewer hits."""
    import threading

    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                totals.append(index.search(SearchRequest(query="essay OR dispatch")).total)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for round_ in range(5):
            store.upsert_documents(
                [DocumentRecord(f"essays/e{round_}", "essays", f"Essay {round_}")]
            )
            index.sync(store)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not errors
    assert totals and min(totals) >= 22 and total(index, "essay") == 5


def test_filters_given_as_lists_or_strings(index: SearchIndex) -> None:
    as_list = index.search(SearchRequest(collection=["albania"], refs={"albania/letter1"}))  # type: ignore[arg-type]
    as_str = index.search(SearchRequest(collection="albania"))  # type: ignore[arg-type]
    assert as_list.total == 1 and as_str.total == 2


def test_documents_of_a_new_collection_are_found_by_its_title(
    index: SearchIndex, store: Store
) -> None:
    from reading_room.core.records import CollectionRecord
    from reading_room.core.store import document_row

    store.upsert_collection(CollectionRecord("ead1", "Papers of the Harriman family"))
    record = DocumentRecord("ead1/c1", "ead1", "Box 1")
    seq = store.upsert_documents([record])
    # as the library adds them during an import: rows, not ORM objects
    from types import SimpleNamespace

    index.add_documents([SimpleNamespace(**document_row(record, seq))])
    index.commit(store.store_id, store.max_seq(), store.count_documents())
    assert total(index, "collection:harriman") == 1
    assert index.needs_rebuild(store) is None
