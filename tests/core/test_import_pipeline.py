"""The fast import: reading, storing and indexing overlap on their own threads, and the store
writes rows without the ORM — with the same outcome as one batch after the other."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reading_room.core import importing
from reading_room.core import library as library_module
from reading_room.core import store as store_module
from reading_room.core.errors import ReadingRoomError
from reading_room.core.library import Library
from reading_room.core.records import CollectionRecord, DateRange, DocumentRecord
from reading_room.core.search.types import SearchRequest
from reading_room.core.store import Store


def write_table(path: Path, count: int, prefix: str = "d", title: str = "Dispatch") -> Path:
    lines = [json.dumps({"@collection": {"id": path.stem, "title": path.stem.title()}})]
    lines += [
        json.dumps(
            {
                "ref": f"{prefix}{n}",
                "title": f"{title} {n}",
                "date": "1918-01-03",
                "text": f"Grain and bread, number {n}.",
                "persons": ["Francis, David R."] if n % 2 else [],
                "language": "en",
            }
        )
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 7 and an index commit every 20: every stage boundary is crossed."""
    monkeypatch.setattr(importing, "BATCH_SIZE", 7)
    monkeypatch.setattr(importing, "INDEX_COMMIT_EVERY", 20)
    monkeypatch.setattr(importing, "QUEUED_BATCHES", 1)


def test_a_pipelined_import_stores_and_indexes_everything(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    write_table(folder / "one.jsonl", 45)
    write_table(folder / "two.jsonl", 33)
    seen = []
    with Library.open() as library:
        report = library.import_paths([folder], progress=seen.append)
        assert (report.new, report.updated, report.problems) == (78, 0, [])
        assert library.store.count_documents() == 78
        assert library.search(SearchRequest(query="grain")).total == 78
        assert library.index.needs_rebuild(library.store) is None
        assert library.index.state().doc_count == 78
        assert seen[-1].documents == 78 and seen[-1].files_done == 2
        # again, some changed: updated in place, none doubled
        write_table(folder / "one.jsonl", 45, title="Telegram")
        report = library.import_paths([folder / "one.jsonl"])
        assert (report.new, report.updated) == (0, 45)
        assert library.search(SearchRequest(query="telegram")).total == 45
        assert library.search(SearchRequest(query="dispatch")).total == 33
        assert library.search(SearchRequest()).total == 78


def test_a_file_that_cannot_be_stored_is_reported_and_the_others_imported(
    tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_table(tmp_path / "good.jsonl", 30)
    write_table(tmp_path / "bad.jsonl", 30, prefix="b")
    real = Store.upsert_documents

    def refuse(self: Store, records: list[DocumentRecord]) -> int:
        if records[0].collection_id == "bad":
            raise ReadingRoomError("the disk said no")
        return real(self, records)

    monkeypatch.setattr(Store, "upsert_documents", refuse)
    with Library.open() as library:
        report = library.import_paths([tmp_path / "bad.jsonl", tmp_path / "good.jsonl"])
        assert report.new == 30
        assert len(report.problems) == 1 and "bad.jsonl: the disk said no" in report.problems[0]
        assert library.store.count_documents() == 30
        assert library.search(SearchRequest(query="grain")).total == 30
        assert library.index.needs_rebuild(library.store) is None


def test_an_unexpected_failure_stops_the_import_and_is_raised(
    tmp_path: Path, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_table(tmp_path / "one.jsonl", 60)
    calls = {"n": 0}
    real = library_module.SearchIndex.add_documents

    def broken(self, docs, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("out of memory")
        return real(self, docs, *args, **kwargs)

    monkeypatch.setattr(library_module.SearchIndex, "add_documents", broken)
    with Library.open() as library, pytest.raises(RuntimeError, match="out of memory"):
        library.import_paths([tmp_path / "one.jsonl"])


def test_a_cancelled_import_keeps_what_was_read(tmp_path: Path, small_batches: None) -> None:
    write_table(tmp_path / "one.jsonl", 40)
    asked = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2  # after two batches

    with Library.open() as library:
        report = library.import_paths([tmp_path / "one.jsonl"], cancel=cancel)
        assert report.cancelled
        stored = library.store.count_documents()
        assert 0 < stored < 40
        assert library.search(SearchRequest()).total == stored
        assert library.index.needs_rebuild(library.store) is None


def test_rows_written_without_the_orm_read_back_as_the_orm_wrote_them(tmp_path: Path) -> None:
    record = DocumentRecord(
        "c/1",
        "c",
        "Título",
        date=DateRange("circa 1918", "1918-01-01", "1918-12-31", "year", False, "circa"),
        summary="S",
        body="Body – with a dash",
        notes="N",
        source="File 861.00/1",
        place="Petrograd",
        language="ru",
        doc_type="telegram",
        section="I › II",
        persons=("Троцкий",),
        places=("Petrograd", "Moscow"),
        subjects=("Revolution",),
        attachments=("/tmp/scan.png",),
        extra={"number": 41, "flags": ["x"]},
        source_file="c.jsonl",
        source_line=7,
        position=3,
    )
    for name in ("fast", "orm"):
        store = Store(f"sqlite:///{tmp_path / f'{name}.sqlite3'}")
        store.upsert_collection(CollectionRecord("c", "C"))
        if name == "orm":  # the portable path (what PostgreSQL gets)
            fast = store._upsert_sqlite
            store._upsert_sqlite = None  # type: ignore[assignment,method-assign]
            store.engine.dialect.name = "not-sqlite"  # type: ignore[misc]
            try:
                store.upsert_documents([record])
            finally:
                store.engine.dialect.name = "sqlite"  # type: ignore[misc]
                store._upsert_sqlite = fast  # type: ignore[method-assign]
        else:
            store.upsert_documents([record])
        document = store.document("c/1")
        assert document is not None
        row = {k: getattr(document, k) for k in store_module._COLUMNS}
        row.pop("seq")
        if name == "fast":
            expected = row
        else:
            assert row == expected
        assert document.updated_at is not None
        assert store.existing_refs(["c/1", "c/2", "c/1"]) == {"c/1"}
        store.close()


def test_an_up_to_date_database_opens_without_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    Store(url).close()  # created (Alembic runs)
    code = (
        "import sys\n"
        "from reading_room.core.store import Store\n"
        f"Store({url!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
    # a database of another (older) revision still goes through Alembic
    assert store_module._at_head(Store(url).engine, store_module.MIGRATIONS_DIR)
    empty = Store.__new__(Store)
    empty.engine = store_module.make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert not store_module._at_head(empty.engine, store_module.MIGRATIONS_DIR)


def test_dates_that_cannot_be_read_are_named_in_a_notice_and_their_documents_kept(
    tmp_path: Path,
) -> None:
    table = tmp_path / "letters.csv"
    table.write_text(
        "ref,title,date\n"
        "1,A letter of a known day,1956-10-23\n"
        "2,A letter with a typing slip,0201-10-12\n"
        "3,A letter of no date at all,\n"
        "4,A letter of a day without year,--11-14\n"
        "5,A letter of 30 February,1957-02-30\n",
        encoding="utf-8",
    )
    with Library.open() as library:
        report = library.import_paths([table])
        assert report.ok and report.new == 5  # nothing lost, not a failure
        assert report.unread_dates == 3  # the empty date is no date, not an unread one
        [notice] = report.notices
        assert notice.startswith(f"{table}: 3 dates could not be read")
        assert "line 3 (letters/2): implausible year in source date '0201-10-12'" in notice
        assert "line 5 (letters/4): no date found in printed date '--11-14'" in notice
        assert "line 6 (letters/5): unreadable source date '1957-02-30'" in notice
        assert "3 dates could not be read" in report.summary()
        # read in part: dated by its year, the reason kept for the reader
        february = library.document("letters/5")
        assert (february.date_start, february.date_end) == ("1957-01-01", "1957-12-31")
        assert "1957-02-30" in (february.date_flag or "")
        slip = library.document("letters/2")
        assert slip.date_start is None and "0201-10-12" in (slip.date_flag or "")
        assert library.search(SearchRequest(query="typing slip")).total == 1


def test_importing_an_unchanged_source_again_writes_nothing_and_says_so(
    tmp_path: Path, small_batches: None
) -> None:
    source = write_table(tmp_path / "dispatches.jsonl", 30)
    with Library.open() as library:
        library.import_paths([source])
        seq = library.store.max_seq()
        report = library.import_paths([source])
        assert (report.new, report.updated, report.unchanged) == (0, 0, 30)
        assert report.ok and report.imported == 30
        assert "(0 new, 0 updated, 30 unchanged)" in report.summary()
        assert library.store.max_seq() == seq  # not a row written again
        assert library.search(SearchRequest(query="grain")).total == 30
        assert library.index.state().doc_count == 30

        # one document changed in the source: that one is updated, found by its new words
        lines = source.read_text(encoding="utf-8").splitlines()
        lines[5] = lines[5].replace("Grain and bread", "Timber and coal")
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = library.import_paths([source])
        assert (report.new, report.updated, report.unchanged) == (0, 1, 29)
        assert library.search(SearchRequest(query="timber")).total == 1
        assert library.search(SearchRequest(query="grain")).total == 29
        assert library.index.state().doc_count == 30


def test_a_collection_given_a_new_title_is_found_by_it_though_its_documents_are_unchanged(
    tmp_path: Path,
) -> None:
    source = write_table(tmp_path / "dispatches.jsonl", 12)
    with Library.open() as library:
        library.import_paths([source])
        lines = source.read_text(encoding="utf-8").splitlines()
        lines[0] = json.dumps({"@collection": {"id": "dispatches", "title": "Consular reports"}})
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = library.import_paths([source])
        assert (report.updated, report.unchanged) == (12, 0)
        assert library.search(SearchRequest(query="collection:consular")).total == 12
