"""The user database: engine, durability, migrations, integrity, backups, profiles.

Kept apart from the collections (``paths.user_db_path()`` or
``READING_ROOM_USER_DB``), written with full durability (WAL, ``synchronous=FULL``),
checked for integrity every time it is opened and copied at most once a day into
rotating backups. A damaged file is set aside, never deleted, and the newest
sound backup restored; ``recovery_message`` then says so for the UI or CLI.

Bookmarks and notes are reached only through :meth:`UserStore.sign_in`, which
hands out a :class:`Notebook` bound to one profile.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .. import paths
from ..errors import StoreError
from ..paths import sqlite_file
from ..store import make_engine, migrate, redact
from . import profiles as profile_rows
from .errors import ProfileNotEmpty, ProfileNotFound
from .models import BookmarkRow, NoteRow
from .notebook import Notebook, _sign_in_token
from .passwords import hash_password
from .safety import KEEP_BACKUPS, backup_daily, integrity_problem, recover
from .types import Profile

USER_DB_ENV = "READING_ROOM_USER_DB"
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations_user"


def default_user_db_url() -> str:
    """``READING_ROOM_USER_DB`` (a URL or a file path) or the user database in the home."""
    override = os.environ.get(USER_DB_ENV)
    if override:
        return override if "://" in override else f"sqlite:///{Path(override).expanduser()}"
    return f"sqlite:///{paths.user_db_path()}"


def _durable_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")  # a note is on disk when update_note returns
    cursor.execute("PRAGMA fullfsync=ON")  # macOS: flush the drive's cache too
    cursor.execute("PRAGMA checkpoint_fullfsync=ON")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_user_engine(url: str) -> Engine:
    """An engine for the notes database: each note is on disk when it is saved."""
    return make_engine(url, pragmas=_durable_pragmas, what="notes database")


class UserStore:
    """Profiles, and the door to each profile's notebook."""

    def __init__(
        self,
        url: str | None = None,
        *,
        backups_dir: Path | None = None,
        keep_backups: int = KEEP_BACKUPS,
    ) -> None:
        self.url = url or default_user_db_url()
        self.file = sqlite_file(self.url)
        self.backups_dir = backups_dir or paths.backups_dir()
        self.keep_backups = keep_backups
        #: set when a damaged database was replaced at opening: show it to the person
        self.recovery_message: str | None = None
        self._lock = threading.Lock()
        if self.file is not None:
            problem = integrity_problem(self.file)
            if problem:
                self.recovery_message = recover(
                    self.file, self.backups_dir, problem, datetime.now()
                )
            self.backup()
        self.engine = make_user_engine(self.url)
        try:
            migrate(self.engine, MIGRATIONS_DIR)
        except (OperationalError, DatabaseError) as error:
            self.engine.dispose()
            raise StoreError(
                f"Cannot open the notes database {redact(self.url)}: {error.orig}"
            ) from error
        except StoreError as error:
            self.engine.dispose()
            raise StoreError(
                f"Cannot open the notes database {redact(self.url)}: {error}"
            ) from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    # -- sessions and lifetime ------------------------------------------------
    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One session per unit of work; committed (and on disk) on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def backup(self, today: date | None = None) -> Path | None:
        """Today's backup, unless there is one already; None when none was made."""
        if self.file is None:
            return None
        with self._lock:
            return backup_daily(self.file, self.backups_dir, today=today, keep=self.keep_backups)

    def close(self) -> None:
        engine = getattr(self, "engine", None)
        if engine is not None:
            engine.dispose()
        self.backup()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database(self) -> str:
        return redact(self.url)

    # -- profiles ------------------------------------------------------------
    def default_profile_name(self) -> str:
        return profile_rows.default_name()

    def profiles(self) -> list[Profile]:
        """All profiles on this computer, by name (names only: no one's notes)."""
        with self.session() as session:
            rows = session.scalars(select(profile_rows.ProfileRow)).all()
            return sorted(
                (profile_rows.to_profile(r) for r in rows), key=lambda p: p.name.casefold()
            )

    def profile(self, name: str) -> Profile:
        """One profile by name (case and accents ignored), or ProfileNotFound."""
        with self.session() as session:
            return profile_rows.to_profile(profile_rows.get(session, name))

    def add_profile(self, name: str, password: str | None = None) -> Profile:
        with self.session() as session:
            return profile_rows.to_profile(profile_rows.create(session, name, password))

    def remove_profile(
        self, name: str, password: str | None = None, *, delete_notes: bool = False
    ) -> Profile:
        """Remove a profile (its password needed); one that still holds notes only when told to."""
        with self.session() as session:
            row = profile_rows.get(session, name)
            profile_rows.check_password(row, password)
            notes = (
                session.scalar(select(func.count(NoteRow.id)).where(NoteRow.profile_id == row.id))
                or 0
            )
            bookmarks = (
                session.scalar(
                    select(func.count(BookmarkRow.id)).where(BookmarkRow.profile_id == row.id)
                )
                or 0
            )
            if (notes or bookmarks) and not delete_notes:
                raise ProfileNotEmpty(row.name, notes, bookmarks)
            profile = profile_rows.to_profile(row)
            session.delete(row)
            return profile

    def rename_profile(self, name: str, new_name: str, password: str | None = None) -> Profile:
        with self.session() as session:
            row = profile_rows.get(session, name)
            profile_rows.check_password(row, password)
            new_name = profile_rows.clean_name(new_name)
            other = profile_rows.find(session, new_name)
            if other is not None and other.id != row.id:
                raise profile_rows.ProfileExists(new_name)
            row.name = new_name
            row.name_key = profile_rows.name_key(new_name)
            return profile_rows.to_profile(row)

    def set_password(
        self, name: str, old_password: str | None, new_password: str | None
    ) -> Profile:
        """Set, change or (with ``new_password`` empty) remove a profile's password."""
        with self.session() as session:
            row = profile_rows.get(session, name)
            profile_rows.check_password(row, old_password)
            row.password_hash = hash_password(new_password) if new_password else None
            return profile_rows.to_profile(row)

    def sign_in(self, name: str | None = None, password: str | None = None) -> Notebook:
        """The notebook of one profile: the only way to its bookmarks and notes.

        Without a name, the operating-system user's own profile, created (open,
        without a password) the first time.
        """
        with self.session() as session:
            default = profile_rows.default_name()
            name = name if name and name.strip() else default
            row = profile_rows.find(session, name)
            if row is None:
                if profile_rows.name_key(name) != profile_rows.name_key(default):
                    raise ProfileNotFound(name)
                row = profile_rows.create(session, name)
            profile_rows.check_password(row, password)
            return Notebook(self, row.id, _token=_sign_in_token)


__all__ = ["UserStore", "USER_DB_ENV", "default_user_db_url", "make_user_engine"]
