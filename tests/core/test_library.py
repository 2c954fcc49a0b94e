"""The use cases end to end: a real SQLite file, a real tantivy index, real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reading_room.core import paths
from reading_room.core.errors import DocumentNotFound
from reading_room.core.library import Library
from reading_room.core.search.types import SearchRequest
from tests.conftest import write_jsonl

FRUS_RUSSIA = "frus/volumes/frus1918Russiav03.xml"


def test_an_empty_installation_loads_the_sample_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READING_ROOM_NO_SAMPLE")
    with Library.open() as library:
        page = library.search(SearchRequest(query="Tito"))
        assert page.total >= 25
        before = library.store.count_documents()
    with Library.open() as library:
        assert library.store.count_documents() == before  # not imported a second time


def test_an_installation_with_documents_never_gets_the_sample(
    monkeypatch: pytest.MonkeyPatch, twenty_two: Path
) -> None:
    with Library.open() as library:  # (tests run without the sample)
        library.import_paths([twenty_two])
    monkeypatch.delenv("READING_ROOM_NO_SAMPLE")
    with Library.open() as library:
        assert library.store.has_documents()
        assert library.store.count_documents() == 30
        assert library.search(SearchRequest(query="Tito")).total == 0


def test_reimport_updates_by_ref_without_duplicates(tmp_path: Path, twenty_two: Path) -> None:
    with Library.open() as library:
        first = library.import_paths([twenty_two])
        assert (first.new, first.updated, first.ok) == (30, 0, True)
        second = library.import_paths([twenty_two])
        assert (second.new, second.updated, second.unchanged) == (0, 0, 30)
        assert library.store.count_documents() == 30
        assert library.search(SearchRequest(query="legation")).total == 22

        edited = write_jsonl(
            tmp_path / "t22.jsonl",
            [
                {
                    "ref": "t22/001",
                    "date": "1950-05-02",
                    "title": "Corrected report on the embassy",
                    "text": "Corrected.",
                }
            ],
        )
        library.import_paths([edited])
        assert library.document("t22/001").title == "Corrected report on the embassy"
        assert library.search(SearchRequest(query="legation")).total == 21
        assert library.search(SearchRequest(query="corrected")).total == 1
        assert library.store.count_documents() == 30


def test_a_truncated_file_is_reported_and_loses_nothing_already_stored(
    tmp_path: Path, corpora: Path
) -> None:
    volume = corpora / FRUS_RUSSIA
    with Library.open() as library:
        assert library.import_paths([volume]).ok
        title = library.document("frus1918Russiav03/d41").title
        truncated = tmp_path / "frus1918Russiav03.xml"
        data = volume.read_bytes()
        truncated.write_bytes(data[: len(data) // 2])
        report = library.import_paths([truncated])
        assert not report.ok and len(report.problems) == 1
        problem = report.problems[0]
        assert problem.startswith(f"{truncated}:") and problem.split(":")[1].isdigit()
        assert library.store.count_documents() == 478
        assert library.document("frus1918Russiav03/d41").title == title
        assert library.search(SearchRequest(query="ref:frus1918Russiav03/d41")).total == 1


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, twenty_two: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with Library.open() as library:
        report = library.import_paths([empty, twenty_two, tmp_path / "missing.xml"])
        assert len(report.problems) == 2
        assert report.new == 30


def test_a_duplicate_ref_in_one_file_is_reported_once_and_the_first_kept(tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "dups.jsonl",
        [
            {"ref": "dups/1", "title": "First", "date": "1956"},
            {"ref": "dups/1", "title": "Second", "date": "1957"},
            {"ref": "dups/2", "title": "Other", "date": "1958"},
        ],
    )
    with Library.open() as library:
        report = library.import_paths([source])
        assert len(report.problems) == 1 and "dups/1" in report.problems[0]
        assert library.document("dups/1").title == "First"
        assert library.store.count_documents() == 2


def test_a_missing_index_is_rebuilt_without_being_asked(twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
        index_path = library.index.path
    shutil.rmtree(index_path)
    with Library.open() as library:
        assert library.stats().index_state == "up to date"
        assert library.search(SearchRequest(query="legation")).total == 22


def test_a_copied_database_gets_its_own_index(tmp_path: Path, twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
    copy = tmp_path / "elsewhere" / "copy.sqlite3"
    copy.parent.mkdir()
    shutil.copy(paths.collection_db_path(), copy)
    with Library.open(f"sqlite:///{copy}") as library:
        assert library.index.path != paths.index_dir(paths.default_db_url())
        assert library.search(SearchRequest(query="legation")).total == 22


def test_documents_stored_but_not_indexed_before_a_crash_are_caught_up(twenty_two: Path) -> None:
    from reading_room.core.importers import plan
    from reading_room.core.records import CollectionRecord, DocumentRecord

    with Library.open() as library:
        library.import_paths([twenty_two])
        # a crash after the database commit, before the index commit:
        jobs, _ = plan([twenty_two])
        events = list(jobs[0].read())
        library.store.upsert_collection(next(e for e in events if isinstance(e, CollectionRecord)))
        record = next(e for e in events if isinstance(e, DocumentRecord))
        from dataclasses import replace

        library.store.upsert_documents(
            [replace(record, ref="t22/new", title="Late arrival on the legation")]
        )
    with Library.open() as library:
        assert library.search(SearchRequest(query="late arrival")).total == 1
        assert library.search(SearchRequest(query="legation")).total == 23


def test_documents_deleted_behind_its_back_are_found_by_the_later_check(
    twenty_two: Path,
) -> None:
    import sqlite3

    with Library.open() as library:
        library.import_paths([twenty_two])
        before = library.search(SearchRequest()).total
    # two documents deleted outside the application (its newest change stays the same)
    with sqlite3.connect(paths.collection_db_path()) as connection:
        connection.execute(
            "DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents LIMIT 2)"
        )
    # a window opens without counting the documents, so the index still has them …
    with Library.open(check_later=True) as library:
        assert library.search(SearchRequest()).total == before
        # … until the check it asks for once the reader can search
        assert library.check_index() is True
        assert library.search(SearchRequest()).total == before - 2
        assert library.check_index() is False  # nothing more to do
    with sqlite3.connect(paths.collection_db_path()) as connection:
        connection.execute(
            "DELETE FROM documents WHERE rowid IN (SELECT rowid FROM documents LIMIT 1)"
        )
    with Library.open() as library:  # opened as the command line does: counted at once
        assert library.search(SearchRequest()).total == before - 3


def test_cancel_keeps_what_was_imported(twenty_two: Path, tmp_path: Path) -> None:
    other = write_jsonl(tmp_path / "other.jsonl", [{"ref": "o/1", "title": "x", "date": "1956"}])
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1  # let the first file through, then cancel

    with Library.open() as library:
        report = library.import_paths([twenty_two, other], cancel=cancel)
        assert report.cancelled and not report.ok
        assert library.store.count_documents() == 30
        assert library.search(SearchRequest(query="legation")).total == 22


def test_unknown_document_is_a_plain_error() -> None:
    with Library.open() as library, pytest.raises(DocumentNotFound, match="no/such"):
        library.document("no/such")


def test_stats_count_documents_per_collection(twenty_two: Path, corpora: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two, corpora / FRUS_RUSSIA])
        stats = library.stats()
    counts = {c.id: c.documents for c in stats.collections}
    assert counts == {"t22": 30, "frus1918Russiav03": 478}
    assert stats.documents == stats.indexed == 508


def test_collections_and_notes_databases_can_be_created_side_by_side(tmp_path: Path) -> None:
    """The window opens both at once on two threads; Alembic's module state must not mix them."""
    import threading

    from reading_room.core.store import Store
    from reading_room.core.userdata.store import UserStore

    errors: list[BaseException] = []

    def run(kind: type, url: str) -> None:
        try:
            kind(url)
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    for attempt in range(5):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        threads = [
            threading.Thread(target=run, args=(Store, f"sqlite:///{folder / 'c.db'}")),
            threading.Thread(target=run, args=(UserStore, f"sqlite:///{folder / 'u.db'}")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def test_the_last_report_of_an_import_comes_before_the_index_is_brought_up_to_date(
    twenty_two: Path,
) -> None:
    """The window says "bringing the search index up to date" while it is being done (the
    last commit counts the facets of the most frequent words: half a minute at a million)."""
    with Library.open() as library:
        seen: list[tuple[str, int]] = []
        library.import_paths(
            [twenty_two],
            progress=lambda p: seen.append((p.file, library.search(SearchRequest()).total)),
        )
        assert seen[-1] == ("", 0)  # every file read, nothing committed to the index yet
        assert library.search(SearchRequest()).total == 30
