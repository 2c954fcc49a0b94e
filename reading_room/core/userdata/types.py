"""What the notebook hands out: plain frozen dataclasses, safe to pass into the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from .anchoring import Anchor

NoteKind = Literal["document", "passage"]


@dataclass(frozen=True)
class Profile:
    name: str
    uid: str
    has_password: bool
    created_at: datetime


@dataclass(frozen=True)
class DocumentInfo:
    """What we keep of a document with each bookmark and note, so that one which
    leaves the collection still shows its title and date."""

    ref: str
    title: str = ""
    date_text: str = ""
    date_start: str | None = None
    collection_title: str = ""

    @classmethod
    def of(cls, doc: Any) -> DocumentInfo:
        """From a ref, a ``DocumentInfo`` or anything shaped like ``DocumentView``."""
        if isinstance(doc, DocumentInfo):
            return doc
        if isinstance(doc, str):
            return cls(ref=doc)
        return cls(
            ref=doc.ref,
            title=getattr(doc, "title", "") or "",
            date_text=getattr(doc, "date_text", "") or "",
            date_start=getattr(doc, "date_start", None),
            collection_title=getattr(doc, "collection_title", "") or "",
        )

    def label(self) -> str:
        return self.title or self.ref


@dataclass(frozen=True)
class BookmarkList:
    uid: str
    name: str
    count: int


@dataclass(frozen=True)
class Bookmark:
    uid: str
    document: DocumentInfo
    list_name: str
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime

    @property
    def ref(self) -> str:
        return self.document.ref


@dataclass(frozen=True)
class Note:
    """A note on a whole document (``anchor`` is None) or on a passage of it.

    ``state`` tells where a passage was found the last time its document was
    read: "exact", "moved", "fuzzy" or "detached"; "" for a document note.
    """

    uid: str
    document: DocumentInfo
    kind: NoteKind
    text: str
    created_at: datetime
    updated_at: datetime
    anchor: Anchor | None = None
    state: str = ""

    @property
    def ref(self) -> str:
        return self.document.ref

    @property
    def is_passage(self) -> bool:
        return self.anchor is not None

    @property
    def detached(self) -> bool:
        return self.state == "detached"


@dataclass(frozen=True)
class TrashItem:
    kind: Literal["note", "bookmark"]
    uid: str
    ref: str
    label: str  # what the trash pane shows: the note's first line or the document's title
    deleted_at: datetime


@dataclass(frozen=True)
class NotebookData:
    """A profile's notes and bookmarks, or a selection of them, as exports carry them."""

    lists: tuple[BookmarkList, ...] = ()
    bookmarks: tuple[Bookmark, ...] = ()
    notes: tuple[Note, ...] = ()

    def documents(self) -> list[DocumentInfo]:
        """Every document the data mentions, once, in the order first mentioned."""
        seen: dict[str, DocumentInfo] = {}
        for bookmark in self.bookmarks:
            seen.setdefault(bookmark.ref, bookmark.document)
        for note in self.notes:
            seen.setdefault(note.ref, note.document)
        return list(seen.values())


@dataclass
class MergeReport:
    """What importing an export into a profile did."""

    notes_added: int = 0
    notes_updated: int = 0
    notes_present: int = 0
    bookmarks_added: int = 0
    bookmarks_updated: int = 0
    bookmarks_present: int = 0
    lists_added: int = 0
    in_trash: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def part(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 else ''}"

        text = (
            f"Notes: {self.notes_added} added, {self.notes_updated} updated, "
            f"{self.notes_present} already present. "
            f"Bookmarks: {self.bookmarks_added} added, {self.bookmarks_updated} updated, "
            f"{self.bookmarks_present} already present."
        )
        if self.lists_added:
            text += f" {part(self.lists_added, 'new list')}."
        if self.in_trash:
            text += f" {part(self.in_trash, 'item')} in your trash left there (restore them from the trash)."
        return text
