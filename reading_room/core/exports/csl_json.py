"""Notes and bookmarks as CSL-JSON: an array of items, one per document.

Each item is the document's CSL item (as citeproc-py renders it) with the notes
as readable text in ``note``, the tags in ``keyword``, and everything of ours in
``custom["reading-room"]`` — CSL-JSON's place for data of other programs — which
our import reads back losslessly.
"""

from __future__ import annotations

import json
from typing import Any

from ..userdata import interchange
from ..userdata.errors import BadExportFile
from ..userdata.types import Note, NotebookData
from .documents import CitedDocument, document_data, missing_label

CUSTOM_KEY = "reading-room"


def _note_text(note: Note) -> str:
    if note.anchor is None:
        return note.text.strip()
    quote = " ".join(note.anchor.quote.split())
    text = f"“{quote}”" + (" (passage not found in the current text)" if note.detached else "")
    return text + (f"\n{note.text.strip()}" if note.text.strip() else "")


def item(document: CitedDocument, data: NotebookData) -> dict[str, Any]:
    out = dict(document.csl)
    out["id"] = document.ref
    notes = [_note_text(note) for note in document.notes]
    missing = missing_label(document)
    if missing:
        notes.insert(0, f"({missing})")
    if any(notes):
        out["note"] = "\n\n".join(n for n in notes if n)
    if document.bookmark and document.bookmark.tags:
        out["keyword"] = ", ".join(document.bookmark.tags)
    custom = dict(out.get("custom") or {})
    custom[CUSTOM_KEY] = interchange.to_dict(document_data(document, data))
    out["custom"] = custom
    return out


def write(data: NotebookData, documents: list[CitedDocument], **_: Any) -> str:
    return json.dumps([item(d, data) for d in documents], ensure_ascii=False, indent=2) + "\n"


def read(text: str) -> NotebookData:
    try:
        items = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise BadExportFile(
            f"This is not a CSL-JSON file ({error.msg} at line {error.lineno})."
        ) from error
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise BadExportFile("This is not a CSL-JSON file (it holds no list of items).")
    parts = []
    for entry in items:
        custom = entry.get("custom") if isinstance(entry, dict) else None
        raw = custom.get(CUSTOM_KEY) if isinstance(custom, dict) else None
        if raw is not None:
            parts.append(interchange.from_dict(raw))
    if not parts:
        raise BadExportFile(
            "This CSL-JSON file holds no Reading Room notes; only files exported by Reading Room can be imported."
        )
    return interchange.combine(parts)
