"""Notes and bookmarks out to the historian's other tools, and our own exports back in.

Formats: ``md`` (one readable Markdown file), ``csv``, ``ris``, ``bibtex`` and
``csl-json`` (for Zotero and reference managers). Every format carries, besides
its readable fields, a machine-readable copy of the notes and bookmarks it
holds, so :func:`import_notes` reads any of them back into a profile with nothing
lost and nothing duplicated (items are recognised by uid).

Everything goes through a signed-in :class:`Notebook`: an export can only ever
hold the signed-in profile's own notes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..userdata.errors import BadExportFile
from ..userdata.types import MergeReport, NotebookData
from . import bibtex, csl_json, csv_export, markdown, ris
from .documents import CitedDocument, gather

if TYPE_CHECKING:
    from ..userdata.notebook import Notebook

FORMATS = ("md", "csv", "ris", "bibtex", "csl-json")
EXTENSIONS = {"md": ".md", "csv": ".csv", "ris": ".ris", "bibtex": ".bib", "csl-json": ".json"}
_WRITERS = {
    "md": markdown.write,
    "csv": csv_export.write,
    "ris": ris.write,
    "bibtex": bibtex.write,
    "csl-json": csl_json.write,
}
_READERS = {
    "md": markdown.read,
    "csv": csv_export.read,
    "ris": ris.read,
    "bibtex": bibtex.read,
    "csl-json": csl_json.read,
}
_BY_SUFFIX = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "md",
    ".csv": "csv",
    ".ris": "ris",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".json": "csl-json",
    ".csljson": "csl-json",
}


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    documents: int
    notes: int
    bookmarks: int

    def summary(self) -> str:
        def part(count: int, word: str) -> str:
            return f"{count} {word}{'s' if count != 1 else ''}"

        return (
            f"Exported {part(self.notes, 'note')} and {part(self.bookmarks, 'bookmark')} "
            f"on {part(self.documents, 'document')} to {self.path}."
        )


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise BadExportFile(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}.")
    return fmt


def render(
    notebook: Notebook,
    fmt: str,
    *,
    library: Any = None,
    list_name: str | None = None,
    refs: Iterable[str] | None = None,
    note_uids: Iterable[str] | None = None,
    style: str | None = None,
) -> tuple[str, NotebookData, list[CitedDocument]]:
    """The text of an export of my notes and bookmarks: all, one list, some documents or some notes.

    ``library`` (optional) gives current titles and full citations, and tells
    which documents are no longer in the collection.
    """
    _check_format(fmt)
    data = notebook.export_data(list_name=list_name, refs=refs, note_uids=note_uids)
    documents = gather(data, library, style)
    text = _WRITERS[fmt](data, documents, profile=notebook.name, exported_at=datetime.now(UTC))
    return text, data, documents


def export_notes(
    notebook: Notebook,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    library: Any = None,
    list_name: str | None = None,
    refs: Iterable[str] | None = None,
    note_uids: Iterable[str] | None = None,
    style: str | None = None,
) -> ExportResult:
    """Write an export to ``out`` (whole or not at all: written beside, then renamed)."""
    text, data, documents = render(
        notebook,
        fmt,
        library=library,
        list_name=list_name,
        refs=refs,
        note_uids=note_uids,
        style=style,
    )
    path = Path(out)
    partial = path.with_name(path.name + ".partial")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        with open(partial, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise BadExportFile(f"Cannot write {path}: {error.strerror or error}") from error
    return ExportResult(str(path), fmt, len(documents), len(data.notes), len(data.bookmarks))


def detect_format(text: str, name: str = "") -> str:
    """Which of our formats a file is in: by its name, else by its first characters."""
    by_suffix = _BY_SUFFIX.get(Path(name).suffix.lower()) if name else None
    if by_suffix:
        return by_suffix
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith(("[", "{")):
        return "csl-json"
    if head.startswith("TY  -"):
        return "ris"
    if head.startswith("@"):
        return "bibtex"
    if head.startswith("record,"):
        return "csv"
    if markdown.MARKER in text:
        return "md"
    raise BadExportFile(
        "This file is not a Reading Room export (Markdown, CSV, RIS, BibTeX or CSL-JSON)."
    )


def read_export(text: str, fmt: str | None = None, name: str = "") -> NotebookData:
    """The notes and bookmarks in the text of one of our exports."""
    return _READERS[_check_format(fmt) if fmt else detect_format(text, name)](text)


def import_notes(
    notebook: Notebook, source: str | os.PathLike[str], fmt: str | None = None
) -> MergeReport:
    """Import one of our exports into the signed-in profile (a second time adds nothing)."""
    path = Path(source)
    try:
        with open(
            path, encoding="utf-8-sig", newline=""
        ) as handle:  # newlines inside notes kept as they are
            text = handle.read()
    except FileNotFoundError as error:
        raise BadExportFile(f"There is no file {path}.") from error
    except UnicodeDecodeError as error:
        raise BadExportFile(
            f"{path} is not a text file in UTF-8; it is not one of our exports."
        ) from error
    except OSError as error:
        raise BadExportFile(f"Cannot read {path}: {error.strerror or error}") from error
    return notebook.merge(read_export(text, fmt, path.name))


__all__ = [
    "EXTENSIONS",
    "ExportResult",
    "FORMATS",
    "detect_format",
    "export_notes",
    "import_notes",
    "read_export",
    "render",
]
