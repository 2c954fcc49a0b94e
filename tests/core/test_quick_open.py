"""Opening the collections for the window: ready to search before SQLAlchemy is loaded.

``Library.open(check_later=True)`` trusts an index in step with a SQLite database read
with the standard library (``core.quick_state``); the database itself is opened the usual
way when it is first needed. Anything it cannot be sure of goes the usual way at once.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from reading_room.core import paths
from reading_room.core.errors import ReadingRoomError
from reading_room.core.importers import plan
from reading_room.core.library import Library
from reading_room.core.opening import Opening
from reading_room.core.quick_state import StoreState, sqlite_state
from reading_room.core.records import CollectionRecord, DocumentRecord
from reading_room.core.search.types import SearchRequest

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import sys
from reading_room.core.library import Library
from reading_room.core.search.types import SearchRequest

library = Library.open(check_later=True)
page = library.search(SearchRequest(query="legation"))
print("TOTAL", page.total)
print("SQLALCHEMY BEFORE", "sqlalchemy" in sys.modules)
document = library.document(page.hits[0].ref)
print("TITLE", document.title == page.hits[0].title)
print("SQLALCHEMY AFTER", "sqlalchemy" in sys.modules)
print("CHECK", library.check_index())
library.close()
"""


def test_an_index_in_step_is_searched_before_the_database_is_opened(twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
        expected = library.search(SearchRequest(query="legation")).total
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert f"TOTAL {expected}" in lines
    assert "SQLALCHEMY BEFORE False" in lines  # searched with the index alone
    assert "TITLE True" in lines  # the document read from the database, opened on demand
    assert "SQLALCHEMY AFTER True" in lines
    assert "CHECK False" in lines  # the later count agrees


def test_a_database_changed_since_the_index_is_caught_up_when_opened(twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
        jobs, _ = plan([twenty_two])
        events = list(jobs[0].read())
        record = next(e for e in events if isinstance(e, DocumentRecord))
        # written to the database alone, as another process importing would leave it
        library.store.upsert_collection(next(e for e in events if isinstance(e, CollectionRecord)))
        library.store.upsert_documents(
            [replace(record, ref="t22/new", title="Late arrival on the legation")]
        )
    with Library.open(check_later=True) as library:
        assert library._store is not None  # not trusted: opened the usual way and caught up
        assert library.search(SearchRequest(query="late arrival")).total == 1


def test_quick_state_reads_the_store_id_and_the_newest_change(twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
        store_id, newest = library.store.store_id, library.store.max_seq()
    assert sqlite_state(paths.default_db_url()) == StoreState(store_id, newest)


def test_quick_state_answers_none_when_it_cannot_be_sure(tmp_path: Path, twenty_two: Path) -> None:
    url = paths.default_db_url()
    assert sqlite_state(url) is None  # no database yet
    assert sqlite_state("postgresql://reader@localhost/archive") is None
    assert sqlite_state("sqlite://") is None
    with Library.open() as library:
        library.import_paths([twenty_two])
    database = paths.collection_db_path()
    with sqlite3.connect(database) as connection:  # an older schema: Alembic must see it
        connection.execute("UPDATE alembic_version SET version_num = 'older'")
    assert sqlite_state(url) is None
    not_ours = tmp_path / "other.sqlite3"
    sqlite3.connect(not_ours).close()
    assert sqlite_state(f"sqlite:///{not_ours}") is None


def test_an_older_schema_is_opened_the_usual_way(twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
    with sqlite3.connect(paths.collection_db_path()) as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        connection.execute("UPDATE alembic_version SET version_num = 'older'")
    # not trusted: Alembic is asked, and a revision it does not know is a plain error
    with pytest.raises(ReadingRoomError, match="not one this version of Reading Room knows"):
        Library.open(check_later=True)
    with sqlite3.connect(paths.collection_db_path()) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    with Library.open(check_later=True) as library:
        assert library._store is None
        assert library.search(SearchRequest(query="legation")).total == 22


def test_an_opening_hands_over_the_library_or_its_error(twenty_two: Path) -> None:
    with Library.open() as library:
        library.import_paths([twenty_two])
    opening = Opening(load_sample=False)
    library = opening.result()
    try:
        assert opening.done()
        assert library.search(SearchRequest(query="legation")).total == 22
    finally:
        library.close()
    with pytest.raises(ReadingRoomError, match="Cannot open the database"):
        Opening("nosuchdialect://x").result()


def test_the_file_a_database_url_names(tmp_path: Path) -> None:
    """Backups, integrity checks and the quick open look at this file: none for a database in
    memory or on a server."""
    assert paths.sqlite_file(f"sqlite:///{tmp_path}/c.sqlite3") == tmp_path / "c.sqlite3"
    assert paths.sqlite_file(f"sqlite+pysqlite:///{tmp_path}/c.sqlite3?timeout=3") == (
        tmp_path / "c.sqlite3"
    )
    for url in ("sqlite://", "sqlite:///:memory:", "sqlite:///", "postgresql://reader@host/db"):
        assert paths.sqlite_file(url) is None, url
