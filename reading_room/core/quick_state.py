"""What the collection database says of itself, read without SQLAlchemy.

Opening the window on collections whose index is up to date needs two facts from the
database: which database it is (its store id) and its newest change. Loading SQLAlchemy
to ask for them took 0.4 s of a 1.5 s start here; for a SQLite database, the standard
library's ``sqlite3`` reads them in a millisecond. Anything less than certain — another
kind of database, a schema that is not the newest, no store id yet, a locked or damaged
file — answers ``None``, and the caller opens the database the usual way.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .paths import sqlite_file

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]\s*$", re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)
_heads: dict[Path, frozenset[str] | None] = {}


def script_heads(script_location: Path) -> frozenset[str] | None:
    """The newest revisions of the migration scripts, read from their text (None when any
    script is not of the plain form Alembic writes: then Alembic decides)."""
    if script_location not in _heads:
        revisions: set[str] = set()
        parents: set[str] = set()
        heads: frozenset[str] | None = None
        try:
            for script in (script_location / "versions").glob("*.py"):
                text = script.read_text(encoding="utf-8")
                revision, down = _REVISION.search(text), _DOWN.search(text)
                if revision is None or down is None:
                    raise ValueError(script)
                revisions.add(revision.group(1))
                parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
            heads = frozenset(revisions - parents) or None
        except (OSError, ValueError):
            heads = None
        _heads[script_location] = heads
    return _heads[script_location]


@dataclass(frozen=True)
class StoreState:
    """A database's identity and newest change, as ``SearchIndex.needs_rebuild`` asks a
    ``Store`` for them."""

    store_id: str
    newest: int

    def max_seq(self) -> int:
        return self.newest


def sqlite_state(url: str) -> StoreState | None:
    """The store id and newest change of a SQLite collection database at the newest schema;
    None when that cannot be told without opening it the usual way."""
    path = sqlite_file(url)
    heads = script_heads(MIGRATIONS_DIR)
    if path is None or not heads or not path.is_file():
        return None
    try:
        with closing(
            sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=1.0)
        ) as db:
            versions = {row[0] for row in db.execute("SELECT version_num FROM alembic_version")}
            if versions != heads:
                return None
            row = db.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
            newest = db.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return None
    if row is None or not row[0]:
        return None
    return StoreState(str(row[0]), int(newest))
