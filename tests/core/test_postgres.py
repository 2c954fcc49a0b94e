"""The same archive on a PostgreSQL server (a shared reading-room database).

Runs when ``READING_ROOM_TEST_PG_URL`` names a server database we may create
databases next to (``.ci/run`` starts one); each test gets a database of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from reading_room.cli import main
from reading_room.core.library import Library
from reading_room.core.search.types import SearchRequest

PG_URL = os.environ.get("READING_ROOM_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="set READING_ROOM_TEST_PG_URL to a PostgreSQL database"),
]


@pytest.fixture
def pg_url() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"rr_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_import_search_and_reimport_on_postgresql(
    pg_url: str, twenty_two: Path, corpora: Path
) -> None:
    with Library.open(pg_url) as library:
        report = library.import_paths([twenty_two, corpora / "frus/volumes/frus1918Russiav03.xml"])
        assert report.ok and report.new == 508
        assert library.search(SearchRequest(query="legation", collection=("t22",))).total == 22
        assert library.document("frus1918Russiav03/d41").ref == "frus1918Russiav03/d41"
        again = library.import_paths([twenty_two])
        assert (again.new, again.updated, again.unchanged) == (0, 0, 30)  # compared on PG too
        assert library.store.count_documents() == 508
    with Library.open(pg_url) as library:
        assert library.stats().index_state == "up to date"


def test_the_command_line_takes_a_postgresql_url(
    pg_url: str, twenty_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--db", pg_url, str(twenty_two)]) == 0
    capsys.readouterr()
    assert main(["search", "--db", pg_url, "legation", "--page", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Results: 11 - 20 of 22"
