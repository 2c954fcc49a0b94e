"""Engines, sessions and migrations of the collection database.

SQLite specifics (WAL, pragmas) live here and nowhere else, so the same models
run on a PostgreSQL server. The schema is created and upgraded only through
Alembic, from the very first version, so an installation can always be upgraded.
"""

from __future__ import annotations

import contextlib
import json
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    Text,
    cast,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .errors import StoreError
from .models import Collection, Document, Meta
from .paths import sqlite_file
from .quick_state import MIGRATIONS_DIR, script_heads
from .records import CollectionRecord, DocumentRecord


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def make_engine(
    url: str,
    *,
    read_only: bool = False,
    pragmas: Callable[[Any, Any], None] = _sqlite_pragmas,
    what: str = "database",
) -> Engine:
    """An engine for a database URL, with SQLite tuned for one writer and many readers
    (``pragmas``: set on each new SQLite connection, unless ``read_only``; ``what``: the
    database as an error message names it)."""
    try:
        if url.startswith("sqlite"):
            file = sqlite_file(url)
            if file is not None:
                file.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
            if not read_only:
                event.listen(engine, "connect", pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, SQLAlchemyError, ImportError) as error:
        raise StoreError(f"Cannot open the {what} {redact(url)}: {error}") from error


def redact(url: str) -> str:
    """A database URL fit to show: without its password."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def migrate(engine: Engine, script_location: Path = MIGRATIONS_DIR) -> None:
    """Bring the schema to the newest revision (creating it on an empty database).

    A database already at the newest revision — every opening but the first after an
    upgrade — is recognised by one query, without loading Alembic (a third of a second of
    the window's start-up).
    """
    if _at_head(engine, script_location):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.attributes["configure_logger"] = False
    # Alembic keeps the running migration's context in module globals: two threads migrating
    # two databases at once (the window opens the collections and the user's notes side by
    # side) would each find the other's, so migrations take turns
    from alembic.util import CommandError

    with _MIGRATING, engine.begin() as connection:
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as error:  # a revision it has no script for, as a newer version's
            raise StoreError(
                f"its schema is not one this version of Reading Room knows ({error}); "
                "was it last opened by a newer version?"
            ) from error


_MIGRATING = threading.Lock()


def _at_head(engine: Engine, script_location: Path) -> bool:
    heads = script_heads(script_location)
    if not heads:
        return False
    try:
        with engine.connect() as connection:
            found = {
                row[0]
                for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            }
    except SQLAlchemyError:
        return False  # no schema yet (or not ours): Alembic creates or reports it
    return found == heads


class Store:
    """The collection database: the system of record the index is derived from."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            migrate(self.engine)
        except OperationalError as error:
            raise StoreError(f"Cannot open the database {redact(url)}: {error.orig}") from error
        except StoreError as error:
            self.engine.dispose()
            raise StoreError(f"Cannot open the database {redact(url)}: {error}") from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._ensure_store_id()

    # -- sessions ---------------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One session per unit of work; committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # -- meta --------------------------------------------------------------
    def _ensure_store_id(self) -> None:
        with self.session() as session:
            if session.get(Meta, "store_id") is None:
                session.add(Meta(key="store_id", value=uuid.uuid4().hex))
                session.add(Meta(key="last_seq", value="0"))

    def meta(self, key: str, default: str = "") -> str:
        with self.session() as session:
            row = session.get(Meta, key)
            return row.value if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.session() as session:
            session.merge(Meta(key=key, value=value))

    @property
    def store_id(self) -> str:
        return self.meta("store_id")

    def _next_seq(self, session: Session | Connection) -> int:
        session.execute(
            update(Meta)
            .where(Meta.key == "last_seq")
            .values(value=cast(cast(Meta.value, Integer) + 1, Text))
        )
        return int(session.execute(select(Meta.value).where(Meta.key == "last_seq")).scalar_one())

    # -- writes ------------------------------------------------------------
    def _insert(self):  # type: ignore[no-untyped-def]
        # imported here: the PostgreSQL dialect is a tenth of a second of every start-up
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert

    def upsert_collection(self, record: CollectionRecord) -> bool:
        """Create a collection, or update its title and add to its source files; whether an
        existing collection's title changed (its documents' index entries carry the title)."""
        with self.session() as session:
            existing = session.get(Collection, record.id)
            if existing is None:
                session.add(
                    Collection(
                        id=record.id,
                        title=record.title,
                        kind=record.kind,
                        description=record.description,
                        source_files=list(record.source_files),
                    )
                )
                return False
            else:
                renamed = bool(record.title) and record.title != existing.title
                existing.title = record.title or existing.title
                existing.kind = record.kind or existing.kind
                existing.description = record.description or existing.description
                existing.source_files = sorted(
                    set(existing.source_files or []) | set(record.source_files)
                )
                return renamed

    def upsert_documents(self, records: Sequence[DocumentRecord]) -> int:
        """Insert or update documents by ``ref`` in one transaction; returns their seq."""
        if not records:
            return 0
        if self.engine.dialect.name == "sqlite":
            return self._upsert_sqlite(records)
        with self.session() as session:
            seq = self._next_seq(session)
            rows = [document_row(record, seq) for record in records]
            insert = self._insert()(Document)
            columns = {key: insert.excluded[key] for key in rows[0] if key != "ref"}
            columns["updated_at"] = func.now()
            session.execute(
                insert.on_conflict_do_update(index_elements=["ref"], set_=columns), rows
            )
            return seq

    def _upsert_sqlite(self, records: Sequence[DocumentRecord]) -> int:
        """The same upsert as one prepared statement run by the driver for every row.

        Through the ORM each row costs as much again in Python as SQLite needs to store it
        (half the time of a large import); here the rows go to ``executemany`` as plain tuples,
        with the lists encoded as the ORM's JSON columns would be.
        """
        with self.engine.begin() as connection:
            seq = self._next_seq(connection)
            connection.exec_driver_sql(_SQLITE_UPSERT, [_sqlite_row(r, seq) for r in records])
            return seq

    def existing_refs(self, refs: Iterable[str]) -> set[str]:
        """Which of ``refs`` the database already holds (an import tells new from updated
        documents by this, and the index replaces only those)."""
        refs = list(dict.fromkeys(refs))
        found: set[str] = set()
        if self.engine.dialect.name != "sqlite":
            with self.session() as session:
                for start in range(0, len(refs), _IN_CHUNK):
                    chunk = refs[start : start + _IN_CHUNK]
                    found.update(
                        session.scalars(select(Document.ref).where(Document.ref.in_(chunk)))
                    )
            return found
        with self.engine.connect() as connection:
            for start in range(0, len(refs), _IN_CHUNK):
                chunk = refs[start : start + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(
                    ref
                    for (ref,) in connection.exec_driver_sql(
                        f"SELECT ref FROM documents WHERE ref IN ({marks})", tuple(chunk)
                    )
                )
        return found

    def unchanged_refs(self, records: Sequence[DocumentRecord]) -> set[str]:
        """Which of ``records`` the database already holds exactly as they are: a re-import
        of an unchanged source writes and indexes nothing for them, and says so."""
        wanted = {record.ref: record for record in records}
        table = Document.__table__
        columns = [table.c[name] for name in _COLUMNS if name != "seq"]
        refs = list(wanted)
        same: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(refs), _IN_CHUNK):
                chunk = refs[start : start + _IN_CHUNK]
                for row in connection.execute(select(*columns).where(table.c.ref.in_(chunk))):
                    stored = row._mapping
                    fresh = document_row(wanted[stored["ref"]], 0)
                    if all(stored[name] == fresh[name] for name in stored):
                        same.add(stored["ref"])
        return same

    # -- reads -------------------------------------------------------------
    def max_seq(self) -> int:
        with self.session() as session:
            return session.execute(select(func.coalesce(func.max(Document.seq), 0))).scalar_one()

    def has_documents(self) -> bool:
        """Whether any document is stored (one row read, where counting reads them all)."""
        with self.session() as session:
            return session.execute(select(Document.ref).limit(1)).first() is not None

    def count_documents(self, collection_id: str | None = None, *, since_seq: int = 0) -> int:
        """The documents (of one collection; changed after ``since_seq``)."""
        with self.session() as session:
            query = select(func.count()).select_from(Document)
            if collection_id is not None:
                query = query.where(Document.collection_id == collection_id)
            if since_seq:
                query = query.where(Document.seq > since_seq)
            return session.execute(query).scalar_one()

    def iter_documents(
        self, *, since_seq: int = 0, batch_size: int = 2000
    ) -> Iterator[list[Document]]:
        """All documents changed after ``since_seq``, in batches of detached rows."""
        last_id = 0
        while True:
            with self.session() as session:
                rows = list(
                    session.scalars(
                        select(Document)
                        .where(Document.seq > since_seq, Document.id > last_id)
                        .order_by(Document.id)
                        .limit(batch_size)
                    )
                )
            if not rows:
                return
            last_id = rows[-1].id
            yield rows

    def count_existing(self, refs: Iterable[str]) -> int:
        refs = list(refs)
        with self.session() as session:
            return session.execute(
                select(func.count()).select_from(Document).where(Document.ref.in_(refs))
            ).scalar_one()

    def document(self, ref: str) -> Document | None:
        with self.session() as session:
            return session.scalars(select(Document).where(Document.ref == ref)).one_or_none()

    def documents(self, refs: Iterable[str]) -> dict[str, Document]:
        refs = list(refs)
        with self.session() as session:
            return {
                d.ref: d for d in session.scalars(select(Document).where(Document.ref.in_(refs)))
            }

    def collections(self) -> list[tuple[Collection, int]]:
        with self.session() as session:
            counts = dict(
                session.execute(
                    select(Document.collection_id, func.count()).group_by(Document.collection_id)
                ).all()
            )
            return [
                (c, counts.get(c.id, 0))
                for c in session.scalars(select(Collection).order_by(Collection.id))
            ]

    def collection(self, collection_id: str) -> Collection | None:
        with self.session() as session:
            return session.get(Collection, collection_id)


#: the columns an import writes, in the order of ``_sqlite_row``
_COLUMNS = (
    "ref",
    "collection_id",
    "seq",
    "position",
    "date_text",
    "date_start",
    "date_end",
    "date_precision",
    "date_certain",
    "date_flag",
    "title",
    "summary",
    "body",
    "notes",
    "source",
    "place",
    "language",
    "doc_type",
    "section",
    "persons",
    "places",
    "subjects",
    "attachments",
    "extra",
    "source_file",
    "source_line",
)
_SQLITE_UPSERT = (
    f"INSERT INTO documents ({', '.join(_COLUMNS)}, updated_at) "
    f"VALUES ({', '.join('?' for _ in _COLUMNS)}, CURRENT_TIMESTAMP) "
    "ON CONFLICT(ref) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _COLUMNS if name != "ref")
    + ", updated_at = CURRENT_TIMESTAMP"
)
#: refs per ``IN (…)``: below SQLite's oldest limit of 999 bound values
_IN_CHUNK = 900
_json = json.dumps  # what SQLAlchemy's JSON type writes on SQLite


def _sqlite_row(record: DocumentRecord, seq: int) -> tuple[Any, ...]:
    date = record.date
    return (
        record.ref,
        record.collection_id,
        seq,
        record.position,
        date.text,
        date.start,
        date.end,
        date.precision,
        date.certain,
        date.flag,
        record.title,
        record.summary,
        record.body,
        record.notes,
        record.source,
        record.place,
        record.language,
        record.doc_type,
        record.section,
        _json(list(record.persons)),
        _json(list(record.places)),
        _json(list(record.subjects)),
        _json(list(record.attachments)),
        _json(dict(record.extra)),
        record.source_file,
        record.source_line,
    )


def document_row(record: DocumentRecord, seq: int) -> dict[str, Any]:
    """The database row of an imported record."""
    date = record.date
    return {
        "ref": record.ref,
        "collection_id": record.collection_id,
        "seq": seq,
        "position": record.position,
        "date_text": date.text,
        "date_start": date.start,
        "date_end": date.end,
        "date_precision": date.precision,
        "date_certain": date.certain,
        "date_flag": date.flag,
        "title": record.title,
        "summary": record.summary,
        "body": record.body,
        "notes": record.notes,
        "source": record.source,
        "place": record.place,
        "language": record.language,
        "doc_type": record.doc_type,
        "section": record.section,
        "persons": list(record.persons),
        "places": list(record.places),
        "subjects": list(record.subjects),
        "attachments": list(record.attachments),
        "extra": dict(record.extra),
        "source_file": record.source_file,
        "source_line": record.source_line,
    }


__all__ = ["Store", "make_engine", "migrate", "document_row", "redact"]
