"""What importers produce: plain records, independent of the database.

An importer reads a source file and yields, in order, one ``CollectionRecord``
then ``DocumentRecord``s, with ``ImportProblem``s wherever something was wrong.
The library stores them; nothing here touches SQL or the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class DateRange:
    """A document's date: as printed, and normalised where that is possible.

    ``start``/``end`` are ISO ``YYYY-MM-DD`` strings (a year-only date spans the
    whole year, a month the whole month); both ``None`` when undated.
    ``precision`` is ``day``, ``month``, ``year``, ``range`` or ``None``;
    ``certain`` is False for circa / notBefore-notAfter dates; ``flag`` says in
    words what was odd about the source date (``"no year in source date"``).
    """

    text: str = ""
    start: str | None = None
    end: str | None = None
    precision: str | None = None
    certain: bool = True
    flag: str | None = None

    @property
    def is_dated(self) -> bool:
        return self.start is not None


@dataclass(frozen=True)
class CollectionRecord:
    id: str
    title: str
    source_files: tuple[str, ...] = ()
    kind: str = ""  # importer name: tei_frus, ead, csv, …
    description: str = ""


@dataclass(frozen=True)
class DocumentRecord:
    ref: str
    collection_id: str
    title: str
    date: DateRange = field(default_factory=DateRange)
    summary: str = ""
    body: str = ""
    notes: str = ""  # footnotes and source notes, kept apart but searchable
    source: str = ""  # source citation, e.g. "File No. 861.00/1234"
    place: str = ""  # place written
    language: str = ""
    doc_type: str = ""
    section: str = ""  # chapter / series path, " › "-joined
    persons: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()  # absolute paths of facsimiles (images, PDFs)
    extra: dict[str, Any] = field(default_factory=dict)  # container, number, flags …
    source_file: str = ""
    source_line: int | None = None
    position: int = 0  # order within its collection


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the input: ``file:line: what is wrong``."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


ImportEvent = CollectionRecord | DocumentRecord | ImportProblem
