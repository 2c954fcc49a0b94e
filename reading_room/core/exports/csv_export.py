"""Notes and bookmarks as CSV: one row per list, bookmark and note, for spreadsheets.

Every field of every item has a column, so the file reads back losslessly.
Cells that a spreadsheet would run as a formula (starting with ``= + - @``) or
that start with an apostrophe get one more apostrophe in front, taken off again
on import. Written as UTF-8 with a byte-order mark, which Excel needs.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..userdata import interchange
from ..userdata.errors import BadExportFile
from ..userdata.types import Bookmark, Note, NotebookData
from .documents import CitedDocument

COLUMNS = (
    "record",
    "uid",
    "ref",
    "title",
    "date",
    "date_start",
    "collection",
    "citation",
    "list",
    "tags",
    "kind",
    "text",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "state",
    "created",
    "updated",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")
TEXT_COLUMNS = (
    "title",
    "date",
    "collection",
    "citation",
    "list",
    "tags",
    "text",
    "quote",
    "prefix",
    "suffix",
)


def _protect(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA) else value


def _unprotect(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def _document_cells(raw: dict[str, Any], citation: str) -> dict[str, Any]:
    return {
        "ref": raw["ref"],
        "title": raw["title"],
        "date": raw["date"],
        "date_start": raw["date_start"] or "",
        "collection": raw["collection"],
        "citation": citation,
    }


def _bookmark_row(bookmark: Bookmark, citation: str) -> dict[str, Any]:
    raw = interchange.bookmark_dict(bookmark)
    return {
        "record": "bookmark",
        "uid": raw["uid"],
        **_document_cells(raw, citation),
        "list": raw["list"],
        "tags": "; ".join(raw["tags"]),
        "created": raw["created"],
        "updated": raw["updated"],
    }


def _note_row(note: Note, citation: str) -> dict[str, Any]:
    raw = interchange.note_dict(note)
    row = {
        "record": "note",
        "uid": raw["uid"],
        **_document_cells(raw, citation),
        "kind": raw["kind"],
        "text": raw["text"],
        "created": raw["created"],
        "updated": raw["updated"],
    }
    passage = raw.get("passage")
    if passage:
        row.update(
            {key: passage[key] for key in ("quote", "prefix", "suffix", "start", "end", "state")}
        )
    return row


def write(data: NotebookData, documents: list[CitedDocument], **_: Any) -> str:
    citations = {d.ref: d.citation for d in documents}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n", restval="")
    writer.writeheader()
    rows: list[dict[str, Any]] = [
        {"record": "list", "uid": item.uid, "list": item.name} for item in data.lists
    ]
    for document in documents:
        if document.bookmark:
            rows.append(_bookmark_row(document.bookmark, document.citation))
        rows += [_note_row(note, citations.get(note.ref, "")) for note in document.notes]
    for row in rows:
        writer.writerow(
            {
                key: _protect(value) if key in TEXT_COLUMNS and isinstance(value, str) else value
                for key, value in row.items()
            }
        )
    return buffer.getvalue()


def read(text: str) -> NotebookData:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    if not reader.fieldnames or not {"record", "uid", "ref"} <= set(reader.fieldnames):
        raise BadExportFile(
            "This CSV file is not a Reading Room export of notes (its columns are not ours)."
        )
    lists, bookmarks, notes = [], [], []
    for number, row in enumerate(reader, start=2):
        cells = {
            key: _unprotect(value or "") if key in TEXT_COLUMNS else (value or "")
            for key, value in row.items()
            if key
        }
        record = cells.get("record")
        document = {
            k: cells.get(k, "")
            for k in (
                "uid",
                "ref",
                "title",
                "date",
                "date_start",
                "collection",
                "created",
                "updated",
            )
        }
        try:
            if record == "list":
                lists.append({"uid": cells["uid"], "name": cells["list"]})
            elif record == "bookmark":
                tags = [t.strip() for t in cells.get("tags", "").split(";") if t.strip()]
                bookmarks.append(
                    interchange.bookmark_from(
                        {**document, "list": cells.get("list", ""), "tags": tags}
                    )
                )
            elif record == "note":
                raw: dict[str, Any] = {
                    **document,
                    "kind": cells.get("kind", ""),
                    "text": cells.get("text", ""),
                }
                if cells.get("kind") == "passage":
                    raw["passage"] = {
                        key: cells.get(key, "")
                        for key in ("quote", "prefix", "suffix", "start", "end", "state")
                    }
                notes.append(interchange.note_from(raw))
            else:
                raise BadExportFile(f"unknown record {record!r}")
        except BadExportFile as error:
            raise BadExportFile(
                f"Line {number} of the CSV file cannot be imported: {error}"
            ) from error
    return interchange.from_dict(
        {
            "format": interchange.FORMAT,
            "version": interchange.VERSION,
            "lists": lists,
            "bookmarks": [interchange.bookmark_dict(b) for b in bookmarks],
            "notes": [interchange.note_dict(n) for n in notes],
        }
    )
