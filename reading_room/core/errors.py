"""Errors a user can cause, each with a message a person can act on.

The UI shows ``str(error)``; the CLI prints it on one line and exits non-zero.
"""

from __future__ import annotations


class ReadingRoomError(Exception):
    """Base of every error meant for a person's eyes."""


class ImportFailed(ReadingRoomError):
    """A file could not be imported at all."""


class DocumentNotFound(ReadingRoomError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"No document with reference {ref!r} in this installation.")
        self.ref = ref


class BadDate(ReadingRoomError):
    """A date typed into a filter that we cannot read."""


class StoreError(ReadingRoomError):
    """The database cannot be opened or written."""
