"""Notes and bookmarks as BibTeX (biblatex fields), one ``@misc`` entry per document.

Readable fields: ``title``, ``date``/``year``, ``howpublished`` (the volume or
collection), ``note`` (every note, LaTeX-escaped), ``keywords`` (tags),
``readingroom-ref``. ``readingroom-data`` carries the entry's notes and bookmark
as base64-encoded JSON — base64 because note text may hold unbalanced braces
that no BibTeX field can — which our import reads back losslessly.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from ..userdata import interchange
from ..userdata.errors import BadExportFile
from ..userdata.types import Note, NotebookData
from .documents import CitedDocument, document_data, missing_label

DATA_FIELD = "readingroom-data"
_DATA = re.compile(r"\breadingroom-data\s*=\s*\{([A-Za-z0-9+/=\s]*)\}", re.IGNORECASE)
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex(text: str) -> str:
    return "".join(_LATEX.get(char, char) for char in text)


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def entry_key(ref: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]+", "_", ref).strip("_") or "document"
    key, counter = base, 1
    while key in used:
        counter += 1
        key = f"{base}_{counter}"
    used.add(key)
    return key


def _note_text(note: Note) -> str:
    if note.anchor is None:
        return note.text.strip()
    text = f"“{_one_line(note.anchor.quote)}”"
    if note.detached:
        text += " (passage not found in the current text)"
    return text + (f" — {note.text.strip()}" if note.text.strip() else "")


def _wrapped(data: str, width: int = 76) -> str:
    return "\n    ".join(data[i : i + width] for i in range(0, len(data), width))


def entry(document: CitedDocument, data: NotebookData, key: str) -> str:
    csl = document.csl
    fields: list[tuple[str, str]] = [
        ("title", latex(_one_line(csl.get("title") or document.title)))
    ]
    issued = csl.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0]
    if parts:
        fields.append(
            ("date", "-".join([f"{int(parts[0]):04d}"] + [f"{int(p):02d}" for p in parts[1:3]]))
        )
        fields.append(("year", f"{int(parts[0]):04d}"))
    elif document.info.date_text:
        fields.append(("date", latex(_one_line(document.info.date_text))))
    published = csl.get("container-title") or csl.get("archive")
    if published:
        fields.append(("howpublished", latex(_one_line(published))))
    if csl.get("archive_location"):
        fields.append(("addendum", latex(_one_line(csl["archive_location"]))))
    notes = [_note_text(note) for note in document.notes]
    missing = missing_label(document)
    if missing:
        notes.insert(0, f"({missing})")
    if any(notes):
        fields.append(("note", latex("\n\n".join(n for n in notes if n))))
    if document.bookmark and document.bookmark.tags:
        fields.append(("keywords", latex(", ".join(document.bookmark.tags))))
    fields.append(("readingroom-ref", latex(document.ref)))
    payload = json.dumps(
        interchange.to_dict(document_data(document, data)),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    fields.append((DATA_FIELD, _wrapped(base64.b64encode(payload.encode("utf-8")).decode("ascii"))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def write(data: NotebookData, documents: list[CitedDocument], **_: Any) -> str:
    used: set[str] = set()
    return "\n".join(entry(document, data, entry_key(document.ref, used)) for document in documents)


def read(text: str) -> NotebookData:
    parts = []
    for match in _DATA.finditer(text):
        try:
            payload = base64.b64decode("".join(match.group(1).split()), validate=True).decode(
                "utf-8"
            )
            raw = json.loads(payload)
        except (binascii.Error, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BadExportFile(
                f"The Reading Room data in this BibTeX file is damaged ({error})."
            ) from error
        parts.append(interchange.from_dict(raw))
    if not parts:
        raise BadExportFile(
            "This BibTeX file holds no Reading Room notes (no readingroom-data field); "
            "only files exported by Reading Room can be imported."
        )
    return interchange.combine(parts)
