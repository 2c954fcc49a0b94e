"""The documents an export is about, each with its citation, bookmark and notes.

Citations come from ``core.citation`` (citeproc-py, as in the document view).
A document that is no longer in the collection — or an export made without the
collection at hand — is cited from the title and date kept with the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import DocumentNotFound, ReadingRoomError
from ..userdata.types import Bookmark, DocumentInfo, Note, NotebookData


@dataclass(frozen=True)
class CitedDocument:
    info: DocumentInfo
    citation: str  # plain text, in the chosen style
    csl: dict[str, Any]  # the CSL-JSON item
    bookmark: Bookmark | None
    notes: tuple[Note, ...]  # document notes first, then passages in reading order
    in_collection: bool | None  # None: not checked (no collection at hand)

    @property
    def ref(self) -> str:
        return self.info.ref

    @property
    def title(self) -> str:
        return self.info.title or self.info.ref


def snapshot_view(info: DocumentInfo) -> Any:
    """A ``DocumentView`` made of what the notes remember of a document."""
    from ..library import DocumentView

    return DocumentView(
        ref=info.ref,
        collection_id="",
        collection_title=info.collection_title,
        title=info.title or info.ref,
        date_text=info.date_text,
        date_start=info.date_start,
        date_end=info.date_start,
        date_precision=None,
        date_certain=True,
        date_flag=None,
        summary="",
        body="",
        notes="",
        source="",
        place="",
        language="",
        doc_type="",
        section="",
        persons=(),
        places=(),
        subjects=(),
        attachments=(),
        extra={},
        source_file="",
    )


def _fallback_csl(info: DocumentInfo) -> dict[str, Any]:
    item: dict[str, Any] = {"id": info.ref, "type": "manuscript", "title": info.title or info.ref}
    if info.date_start:
        item["issued"] = {"date-parts": [[int(p) for p in info.date_start.split("-")]]}
    elif info.date_text:
        item["issued"] = {"literal": info.date_text}
    if info.collection_title:
        item["archive"] = info.collection_title
    item["archive_location"] = info.ref
    return item


def _cite(view: Any, info: DocumentInfo, style: str | None) -> tuple[str, dict[str, Any]]:
    try:
        from ..citation import DEFAULT_STYLE, csl_item, format_citation

        csl = csl_item(view)
        return format_citation(view, style=style or DEFAULT_STYLE, fmt="text"), csl
    except ReadingRoomError:
        raise
    except Exception:  # noqa: BLE001 - citeproc on odd data: fall back, never fail the export
        parts = [info.title or info.ref, info.date_text, info.collection_title, info.ref]
        return ", ".join(p for p in parts if p) + ".", _fallback_csl(info)


def _note_order(note: Note) -> tuple[int, int, str]:
    if note.anchor is None:
        return (0, 0, note.created_at.isoformat())
    return (1 if not note.detached else 2, note.anchor.start, note.created_at.isoformat())


def gather(
    data: NotebookData, library: Any = None, style: str | None = None
) -> list[CitedDocument]:
    """One entry per document, by date then title."""
    bookmarks = {b.ref: b for b in data.bookmarks}
    notes: dict[str, list[Note]] = {}
    for note in data.notes:
        notes.setdefault(note.ref, []).append(note)
    out = []
    for info in data.documents():
        view = None
        in_collection: bool | None = None
        if library is not None:
            try:
                view = library.document(info.ref)
                in_collection = True
            except DocumentNotFound:
                in_collection = False
        current = DocumentInfo.of(view) if view is not None else info
        citation, csl = _cite(view if view is not None else snapshot_view(info), current, style)
        out.append(
            CitedDocument(
                info=current,
                citation=citation,
                csl=csl,
                bookmark=bookmarks.get(info.ref),
                notes=tuple(sorted(notes.get(info.ref, ()), key=_note_order)),
                in_collection=in_collection,
            )
        )
    return sorted(out, key=lambda d: (d.info.date_start or "9999", d.title.casefold(), d.ref))


def document_data(document: CitedDocument, data: NotebookData) -> NotebookData:
    """The part of ``data`` about one document (what one RIS/BibTeX/CSL record carries)."""
    bookmarks: Iterable[Bookmark] = (document.bookmark,) if document.bookmark else ()
    used = {b.list_name.casefold() for b in bookmarks}
    return NotebookData(
        lists=tuple(item for item in data.lists if item.name.casefold() in used),
        bookmarks=tuple(bookmarks),
        notes=document.notes,
    )


def missing_label(document: CitedDocument) -> str:
    return "document no longer in the collection" if document.in_collection is False else ""
