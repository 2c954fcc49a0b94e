"""Keeping the user database whole: integrity checks, daily backups, recovery.

SQLite files only; a server database (PostgreSQL) has its own backups. Backups
are taken with SQLite's online backup API, which copies a consistent snapshot
(WAL included) while the database is open.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

KEEP_BACKUPS = 7


def integrity_problem(path: Path) -> str | None:
    """None when the database at ``path`` is sound (or absent), else what is wrong."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(path, timeout=30)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    messages = [str(row[0]) for row in rows]
    return None if messages == ["ok"] else "; ".join(messages[:3])


def _companions(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def set_aside(path: Path, when: datetime) -> Path:
    """Move a damaged database (and its WAL) out of the way, keeping it for rescue."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    for source in _companions(path):
        if source.exists():
            os.replace(source, target.with_name(target.name + source.name[len(path.name) :]))
    return target


def backup_name(path: Path, day: date) -> str:
    return f"{path.stem}-{day.isoformat()}{path.suffix or '.sqlite3'}"


def backups(path: Path, folder: Path) -> list[Path]:
    """The backups of ``path`` in ``folder``, newest first."""
    pattern = re.compile(
        rf"^{re.escape(path.stem)}-(\d{{4}}-\d{{2}}-\d{{2}}){re.escape(path.suffix or '.sqlite3')}$"
    )
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if pattern.match(p.name)]
    return sorted(found, key=lambda p: p.name, reverse=True)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API, written beside and renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def backup_daily(
    path: Path, folder: Path, *, today: date | None = None, keep: int = KEEP_BACKUPS
) -> Path | None:
    """Copy a sound database into ``folder`` unless today's copy exists; keep the newest ``keep``."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    today = today or date.today()
    target = folder / backup_name(path, today)
    made = None
    if not target.exists() and integrity_problem(path) is None:
        copy_database(path, target)
        made = target
    for old in backups(path, folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def recover(path: Path, folder: Path, problem: str, when: datetime) -> str:
    """Set a damaged database aside and restore the newest sound backup; say what happened."""
    aside = set_aside(path, when)
    for candidate in backups(path, folder):
        if integrity_problem(candidate) is None:
            copy_database(candidate, path)
            day = candidate.stem.removeprefix(path.stem + "-")
            return (
                f"Your notes database was damaged ({problem}). It was set aside as {aside.name} "
                f"and your notes and bookmarks were restored from the backup of {day}; "
                "changes made after that backup are missing."
            )
    return (
        f"Your notes database was damaged ({problem}) and no sound backup was found. It was "
        f"set aside as {aside.name} in {aside.parent} and a new, empty one was started."
    )
