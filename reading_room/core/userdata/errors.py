"""Errors a person can cause with their profiles, bookmarks and notes."""

from __future__ import annotations

from ..errors import ReadingRoomError


class UserDataError(ReadingRoomError):
    """Base of the errors of the user database."""


class ProfileNotFound(UserDataError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"No profile named {name!r}. Create it with: reading-room profiles add {name}"
        )
        self.name = name


class ProfileExists(UserDataError):
    def __init__(self, name: str) -> None:
        super().__init__(f"A profile named {name!r} already exists.")
        self.name = name


class WrongPassword(UserDataError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Wrong password for profile {name!r}.")
        self.name = name


class PasswordRequired(WrongPassword):
    def __init__(self, name: str) -> None:
        UserDataError.__init__(
            self, f"Profile {name!r} is protected by a password; give its password."
        )
        self.name = name


class BadName(UserDataError):
    """An empty or unusable name for a profile, list or tag."""


class NotFound(UserDataError):
    """A note, bookmark or list that is not in the signed-in profile."""


class ProfileNotEmpty(UserDataError):
    def __init__(self, name: str, notes: int, bookmarks: int) -> None:
        super().__init__(
            f"Profile {name!r} still holds {notes} note{'s' if notes != 1 else ''} and "
            f"{bookmarks} bookmark{'s' if bookmarks != 1 else ''}. Export them first "
            f"(reading-room notes export --profile {name} …), then remove it with --delete-notes."
        )
        self.name = name


class BadExportFile(UserDataError):
    """A file given to import that is not one of our exports, or is damaged."""
