"""Notes and bookmarks as one readable Markdown file, grouped by document.

Each document: its title, date and reference, its citation, where it is
bookmarked, the notes on it, and each annotated passage quoted with its note.
At the end, hidden from Markdown viewers in an HTML comment, a machine-readable
copy of everything (JSON) that ``reading-room notes import`` reads back, so
nothing is lost; the readable part is for people and is not read back.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from ..userdata import interchange
from ..userdata.errors import BadExportFile
from ..userdata.types import Note, NotebookData
from .documents import CitedDocument, missing_label

MARKER = "reading-room-data"
_OPEN = f"<!-- {MARKER}"


def _escape_inline(text: str) -> str:
    """Text that must not turn into Markdown (titles, list names)."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", " ".join(text.split()))


def _quote_block(text: str) -> list[str]:
    return [f"> {line}".rstrip() for line in text.splitlines()] or [">"]


def _when(note: Note) -> str:
    return note.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _document(document: CitedDocument) -> list[str]:
    info = document.info
    lines = [f"## {_escape_inline(document.title)}", ""]
    facts = [info.date_text or "undated", f"`{info.ref}`"]
    if info.collection_title:
        facts.insert(1, _escape_inline(info.collection_title))
    lines.append(" · ".join(facts))
    missing = missing_label(document)
    if missing:
        lines += ["", f"*({missing})*"]
    lines += ["", f"Citation: {document.citation}"]
    if document.bookmark:
        bookmark = document.bookmark
        text = f"Bookmarked in *{_escape_inline(bookmark.list_name)}*"
        if bookmark.tags:
            text += " · tags: " + ", ".join(_escape_inline(t) for t in bookmark.tags)
        lines += ["", text]
    for note in document.notes:
        lines.append("")
        if note.anchor is None:
            lines += [f"### Note ({_when(note)})", "", note.text.rstrip() or "*(empty note)*"]
            continue
        heading = f"### Passage ({_when(note)})"
        if note.detached:
            heading += " — detached: not found in the current text"
        lines += [heading, ""]
        lines += _quote_block(note.anchor.quote)
        lines += ["", note.text.rstrip() or "*(no note)*"]
    return lines


def _comment_safe(text: str) -> str:
    """JSON that cannot end an HTML comment: ``--`` (only ever inside strings) escaped."""
    return text.replace("--", "-\\u002d")


def write(
    data: NotebookData, documents: list[CitedDocument], *, profile: str, exported_at: datetime
) -> str:
    notes = len(data.notes)
    bookmarks = len(data.bookmarks)
    lines = [
        f"# Notes and bookmarks of {_escape_inline(profile)}",
        "",
        f"Exported from Reading Room on {exported_at.astimezone().strftime('%Y-%m-%d %H:%M')}: "
        f"{len(documents)} document{'s' if len(documents) != 1 else ''}, "
        f"{notes} note{'s' if notes != 1 else ''}, {bookmarks} bookmark{'s' if bookmarks != 1 else ''}.",
        "",
        "*A machine-readable copy of these notes is kept at the end of this file, hidden in a comment; "
        "`reading-room notes import` reads it back. Changes made to the readable text are not imported.*",
    ]
    if data.lists:
        lines += [
            "",
            "Lists: "
            + ", ".join(f"{_escape_inline(item.name)} ({item.count})" for item in data.lists),
        ]
    for document in documents:
        lines += ["", "---", "", *_document(document)]
    payload = json.dumps(interchange.to_dict(data), ensure_ascii=False, indent=1)
    lines += ["", f"<!-- {MARKER}", _comment_safe(payload), "-->", ""]
    return "\n".join(lines)


def read(text: str) -> NotebookData:
    # ours is the last comment of the file (a note may quote the marker)
    start = text.rfind(_OPEN)
    end = text.rfind("-->")
    if start == -1 or end < start:
        raise BadExportFile(
            "This Markdown file holds no Reading Room data (its machine-readable part at the end is missing)."
        )
    try:
        raw = json.loads(text[start + len(_OPEN) : end])
    except json.JSONDecodeError as error:
        raise BadExportFile(
            f"The Reading Room data at the end of this Markdown file is damaged ({error.msg})."
        ) from error
    return interchange.from_dict(raw)
