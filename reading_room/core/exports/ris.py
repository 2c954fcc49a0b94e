"""Notes and bookmarks as RIS, one record per document, for Zotero, EndNote and the like.

The citation fields come from the document's CSL item. Tags are ``KW``; each note
is an ``N1`` (one line of simple HTML, as Zotero writes them: a passage as a
blockquote, then the note). ``C8`` carries this record's notes and bookmark as
machine-readable JSON (``reading-room:{…}``), which our import reads back.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..userdata import interchange
from ..userdata.errors import BadExportFile
from ..userdata.types import Note, NotebookData
from .documents import CitedDocument, document_data, missing_label

DATA_PREFIX = "reading-room:"
RIS_TYPES = {
    "manuscript": "MANSCPT",
    "document": "GEN",
    "letter": "PCOMM",
    "report": "RPRT",
    "book": "BOOK",
    "chapter": "CHAP",
    "article-journal": "JOUR",
    "article-newspaper": "NEWS",
    "map": "MAP",
    "legislation": "STAT",
}
_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _html_paragraphs(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def note_html(note: Note) -> str:
    body = _html_paragraphs(note.text)
    if note.anchor is None:
        return body or "<p></p>"
    quote = "<blockquote>" + html.escape(_one_line(note.anchor.quote)) + "</blockquote>"
    if note.detached:
        quote += "<p><em>(passage not found in the current text)</em></p>"
    return quote + body


def _date_fields(csl: dict[str, Any]) -> list[tuple[str, str]]:
    issued = csl.get("issued") or {}
    parts = (issued.get("date-parts") or [[]])[0]
    if parts:
        padded = [f"{int(parts[0]):04d}"] + [f"{int(p):02d}" for p in parts[1:3]]
        padded += [""] * (3 - len(padded))
        return [("PY", padded[0]), ("DA", "/".join(padded) + "/")]
    if issued.get("literal"):
        return [("DA", _one_line(issued["literal"]))]
    return []


def record(document: CitedDocument, data: NotebookData) -> list[str]:
    csl = document.csl
    fields: list[tuple[str, str]] = [
        ("TY", RIS_TYPES.get(str(csl.get("type")), "GEN")),
        ("ID", document.ref),
    ]
    fields.append(("TI", _one_line(csl.get("title") or document.title)))
    if csl.get("container-title"):
        fields.append(("T2", _one_line(csl["container-title"])))
    fields += _date_fields(csl)
    if csl.get("archive"):
        fields.append(("DB", _one_line(csl["archive"])))
    if csl.get("archive_location"):
        fields.append(("AN", _one_line(csl["archive_location"])))
    if csl.get("publisher-place"):
        fields.append(("CY", _one_line(csl["publisher-place"])))
    if csl.get("language"):
        fields.append(("LA", _one_line(csl["language"])))
    if document.bookmark:
        fields += [("KW", _one_line(tag)) for tag in document.bookmark.tags]
    missing = missing_label(document)
    if missing:
        fields.append(("N1", f"<p><em>({missing})</em></p>"))
    fields += [("N1", note_html(note)) for note in document.notes]
    payload = json.dumps(
        interchange.to_dict(document_data(document, data)),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    fields.append(("C8", DATA_PREFIX + payload))
    fields.append(("ER", ""))
    return [
        f"{tag}  - {value}".rstrip() if tag == "ER" else f"{tag}  - {value}"
        for tag, value in fields
    ]


def write(data: NotebookData, documents: list[CitedDocument], **_: Any) -> str:
    lines: list[str] = []
    for document in documents:
        lines += record(document, data)
        lines.append("")
    return "\r\n".join(lines)


def read(text: str) -> NotebookData:
    parts = []
    for line in text.lstrip("\ufeff").splitlines():
        match = _LINE.match(line)
        if match and match.group(1) == "C8" and (match.group(2) or "").startswith(DATA_PREFIX):
            try:
                raw = json.loads(match.group(2)[len(DATA_PREFIX) :])
            except json.JSONDecodeError as error:
                raise BadExportFile(
                    f"The Reading Room data in this RIS file is damaged ({error.msg})."
                ) from error
            parts.append(interchange.from_dict(raw))
    if not parts:
        raise BadExportFile(
            "This RIS file holds no Reading Room notes; only files exported by Reading Room can be imported."
        )
    return interchange.combine(parts)
