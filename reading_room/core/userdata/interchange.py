"""The machine-readable form of notes and bookmarks that every export carries.

A plain JSON-able dict, versioned, with ISO 8601 times: what ``notes import``
reads back from a Markdown, CSV, RIS, BibTeX or CSL-JSON export. Everything a
note or bookmark is (uid, times, list, tags, passage anchor, document snapshot)
is in it, so a round trip loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from .anchoring import Anchor
from .errors import BadExportFile
from .types import Bookmark, BookmarkList, DocumentInfo, Note, NotebookData

FORMAT = "reading-room-notes"
VERSION = 1


def _time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


def _parse_time(value: Any, what: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError as error:
        raise BadExportFile(f"The {what} {value!r} is not a date and time.") from error
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def document_dict(info: DocumentInfo) -> dict[str, Any]:
    return {
        "ref": info.ref,
        "title": info.title,
        "date": info.date_text,
        "date_start": info.date_start,
        "collection": info.collection_title,
    }


def bookmark_dict(bookmark: Bookmark) -> dict[str, Any]:
    return {
        "uid": bookmark.uid,
        **document_dict(bookmark.document),
        "list": bookmark.list_name,
        "tags": list(bookmark.tags),
        "created": _time(bookmark.created_at),
        "updated": _time(bookmark.updated_at),
    }


def note_dict(note: Note) -> dict[str, Any]:
    out: dict[str, Any] = {
        "uid": note.uid,
        **document_dict(note.document),
        "kind": note.kind,
        "text": note.text,
        "created": _time(note.created_at),
        "updated": _time(note.updated_at),
    }
    if note.anchor is not None:
        out["passage"] = {
            "start": note.anchor.start,
            "end": note.anchor.end,
            "quote": note.anchor.quote,
            "prefix": note.anchor.prefix,
            "suffix": note.anchor.suffix,
            "state": note.state,
        }
    return out


def to_dict(data: NotebookData) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "lists": [{"uid": item.uid, "name": item.name} for item in data.lists],
        "bookmarks": [bookmark_dict(b) for b in data.bookmarks],
        "notes": [note_dict(n) for n in data.notes],
    }


def _document(raw: Mapping[str, Any]) -> DocumentInfo:
    ref = raw.get("ref")
    if not isinstance(ref, str) or not ref:
        raise BadExportFile("An item in the file has no document reference.")
    return DocumentInfo(
        ref=ref,
        title=str(raw.get("title") or ""),
        date_text=str(raw.get("date") or ""),
        date_start=raw.get("date_start") or None,
        collection_title=str(raw.get("collection") or ""),
    )


def _uid(raw: Mapping[str, Any]) -> str:
    uid = raw.get("uid")
    if not isinstance(uid, str) or not uid or len(uid) > 32:
        raise BadExportFile(f"An item in the file has no usable uid ({uid!r}).")
    return uid


def bookmark_from(raw: Mapping[str, Any]) -> Bookmark:
    return Bookmark(
        uid=_uid(raw),
        document=_document(raw),
        list_name=str(raw.get("list") or ""),
        tags=tuple(str(t) for t in raw.get("tags") or ()),
        created_at=_parse_time(raw.get("created"), "creation time"),
        updated_at=_parse_time(raw.get("updated") or raw.get("created"), "change time"),
    )


def note_from(raw: Mapping[str, Any]) -> Note:
    passage = raw.get("passage")
    anchor = None
    state = ""
    if passage:
        try:
            anchor = Anchor(
                start=int(passage["start"]),
                end=int(passage["end"]),
                quote=str(passage["quote"]),
                prefix=str(passage.get("prefix") or ""),
                suffix=str(passage.get("suffix") or ""),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise BadExportFile(f"A passage in the file is incomplete ({error}).") from error
        state = str(passage.get("state") or "exact")
    return Note(
        uid=_uid(raw),
        document=_document(raw),
        kind="passage" if anchor is not None else "document",
        text=str(raw.get("text") or ""),
        created_at=_parse_time(raw.get("created"), "creation time"),
        updated_at=_parse_time(raw.get("updated") or raw.get("created"), "change time"),
        anchor=anchor,
        state=state,
    )


def check_header(raw: Any) -> None:
    if not isinstance(raw, Mapping) or raw.get("format") != FORMAT:
        raise BadExportFile("This is not a Reading Room export of notes.")
    version = raw.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise BadExportFile(
            f"This export was made by a newer Reading Room (format version {version}); update Reading Room to import it."
        )


def from_dict(raw: Any) -> NotebookData:
    check_header(raw)
    lists = tuple(
        BookmarkList(uid=str(item.get("uid") or ""), name=str(item["name"]), count=0)
        for item in raw.get("lists") or ()
        if isinstance(item, Mapping) and item.get("name")
    )
    return NotebookData(
        lists=lists,
        bookmarks=tuple(bookmark_from(item) for item in raw.get("bookmarks") or ()),
        notes=tuple(note_from(item) for item in raw.get("notes") or ()),
    )


def combine(parts: Iterable[NotebookData]) -> NotebookData:
    """Several pieces (e.g. one per RIS record) as one, each list, bookmark and note once."""
    lists: dict[str, BookmarkList] = {}
    bookmarks: dict[str, Bookmark] = {}
    notes: dict[str, Note] = {}
    for part in parts:
        for item in part.lists:
            lists.setdefault(item.name.casefold(), item)
        for bookmark in part.bookmarks:
            bookmarks.setdefault(bookmark.uid, bookmark)
        for note in part.notes:
            notes.setdefault(note.uid, note)
    return NotebookData(tuple(lists.values()), tuple(bookmarks.values()), tuple(notes.values()))
