"""Every path the application uses, in one place.

All stores of one installation live under one folder, the *home*: platformdirs'
user data dir by default, ``READING_ROOM_HOME`` overrides it (tests point it at a
temporary folder). Resources and the sample collection are found the same way in
a source checkout, an installed wheel and a frozen (PyInstaller) app.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

import platformdirs

APP_NAME = "reading-room"
HOME_ENV = "READING_ROOM_HOME"
DB_ENV = "READING_ROOM_DB"

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def home() -> Path:
    """The folder holding this installation's databases and index."""
    override = os.environ.get(HOME_ENV)
    path = (
        Path(override).expanduser()
        if override
        else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_file(url: str) -> Path | None:
    """The file behind a ``sqlite:///PATH`` URL, or None for memory (``sqlite://``,
    ``sqlite:///:memory:``) and servers."""
    scheme, slashes, rest = url.partition(":///")
    if not scheme.startswith("sqlite") or not slashes:
        return None
    path = rest.split("?", 1)[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path)


def collection_db_path() -> Path:
    return home() / "collections.sqlite3"


def default_db_url() -> str:
    """The collection database: ``READING_ROOM_DB`` or a SQLite file in the home."""
    return os.environ.get(DB_ENV) or f"sqlite:///{collection_db_path()}"


def index_dir(db_url: str) -> Path:
    """The search index kept beside the database it is derived from."""
    if db_url.startswith("sqlite:///") and "?" not in db_url:
        db_file = Path(db_url.removeprefix("sqlite:///"))
        if db_file.name and str(db_file) != ":memory:":
            return db_file.with_name(db_file.stem + ".index")
    # the same database reached with other credentials keeps its index
    without_password = re.sub(r"(://[^:/@]+):[^@]*@", r"\1@", db_url)
    digest = hashlib.sha256(without_password.encode()).hexdigest()[:12]
    return home() / f"index-{digest}"


def user_db_path() -> Path:
    """The per-user database (profiles, bookmarks, notes), apart from the collections."""
    return home() / "user.sqlite3"


def settings_path() -> Path:
    """The window's preferences and state (an INI file), kept with the installation."""
    return home() / "settings.ini"


def log_path() -> Path:
    """Where the window writes what went wrong, in full, for whoever looks into it."""
    return home() / "reading-room.log"


def backups_dir() -> Path:
    """Daily copies of the user database (notes must survive a damaged disk file)."""
    return home() / "backups"


def _bundled(name: str) -> Path:
    """Find a top-level folder of the project (``resources`` or ``data``).

    Frozen app: beside the executable's bundle (``sys._MEIPASS``). Wheel: inside
    the package as ``_name``. Source checkout: next to the package.
    """
    candidates = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / name)
    candidates.append(_PACKAGE_DIR / f"_{name}")
    candidates.append(_PACKAGE_DIR.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[-1]


def resources_dir() -> Path:
    return _bundled("resources")


def data_dir() -> Path:
    return _bundled("data")


def sample_collection_dir() -> Path:
    return data_dir() / "sample"
