"""Per-profile bookmarks, notes and passage annotations, in their own database.

``UserStore`` opens the user database (durable, checked, backed up) and manages
profiles; ``UserStore.sign_in`` hands out the ``Notebook`` of one profile, the
only way to its bookmarks and notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names
from .anchoring import Anchor, Anchored, make_anchor, reanchor
from .errors import (
    BadExportFile,
    BadName,
    NotFound,
    PasswordRequired,
    ProfileExists,
    ProfileNotEmpty,
    ProfileNotFound,
    UserDataError,
    WrongPassword,
)
from .types import (
    Bookmark,
    BookmarkList,
    DocumentInfo,
    MergeReport,
    Note,
    NotebookData,
    Profile,
    TrashItem,
)

if TYPE_CHECKING:
    from .notebook import DEFAULT_LIST, Notebook
    from .store import USER_DB_ENV, UserStore

#: what needs SQLAlchemy, loaded on first use: the window's models name only the plain
#: types above, and loading SQLAlchemy (0.4 s here) on the GUI thread before the window
#: shows would hold the start back while the collections open on another thread
_LAZY = {
    "DEFAULT_LIST": ".notebook",
    "Notebook": ".notebook",
    "USER_DB_ENV": ".store",
    "UserStore": ".store",
}


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "Anchor",
    "Anchored",
    "BadExportFile",
    "BadName",
    "Bookmark",
    "BookmarkList",
    "DEFAULT_LIST",
    "DocumentInfo",
    "MergeReport",
    "Note",
    "NotFound",
    "Notebook",
    "NotebookData",
    "PasswordRequired",
    "Profile",
    "ProfileExists",
    "ProfileNotEmpty",
    "ProfileNotFound",
    "TrashItem",
    "USER_DB_ENV",
    "UserDataError",
    "UserStore",
    "WrongPassword",
    "make_anchor",
    "reanchor",
]
