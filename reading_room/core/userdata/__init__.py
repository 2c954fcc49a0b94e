"""Per-profile bookmarks, notes and passage annotations, in their own database.

``UserStore`` opens the user database (durable, checked, backed up) and manages
profiles; ``UserStore.sign_in`` hands out the ``Notebook`` of one profile, the
only way to its bookmarks and notes.
"""

from __future__ import annotations

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
from .notebook import DEFAULT_LIST, Notebook
from .store import USER_DB_ENV, UserStore
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
