"""CSV and JSON Lines: documents an archive or a historian has listed in a table.

One record (CSV row / JSON line) is one document. Columns (CSV) or keys (JSON):

==============  ==============================================================
``ref``         required; the document's own id, unique in the file. Stored as
                ``<collection>/<ref>``: every ref is prefixed with the
                collection id unless it already starts with it, so a table can
                never overwrite another collection's documents.
``title``       the title; a record without one is imported as "(untitled)"
                (one warning line per file lists them).
``date``        the date as printed ("January 3, 1918", "3 Jan. 1918", "1956",
                "1937-1989", "1956-10-23"); normalised where possible, kept
                as written in any case.
``date_start``  optional ISO dates (``1956``, ``1956-10``, ``1956-10-23``);
``date_end``    when given they win over what ``date`` says.
``summary``     a short description.
``text``        the full text.
``persons``     lists: in CSV separated by ``;``, in JSON an array (a string
``places``      is split on ``;`` too).
``subjects``
``attachments`` files (scans, PDFs) relative to the data file's folder, or
                absolute; stored as absolute paths. A missing file is reported
                and kept, so adding it later needs no re-import.
``language``    e.g. ``en``, ``ru``.
``type``        the kind of document (letter, telegram, memorandum …).
``source``      the citation (archive, fonds, file number).
``section``     optional: a series or chapter ("Series 1 › Correspondence").
``place``       optional: where it was written.
``notes``       optional: notes and footnotes.
==============  ==============================================================

The collection's id is the file's name without extension (``letters.csv`` →
``letters``), its title the same. A JSON Lines file may start with one line
``{"@collection": {"id": "…", "title": "…", "description": "…"}}``.

CSV: UTF-8 (a byte order mark is fine), comma-separated with a header row,
quoted fields may span lines. JSON Lines: one JSON object per line, UTF-8.

Problems are reported as ``file:line: what``, and the rest of the file still
comes through: a line that is not valid JSON, a record without a ref (skipped),
a ref used twice (the first kept, the second skipped), unknown columns (one
warning for the file), lines that are not UTF-8 (skipped, one warning for the
file), an empty file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import dates
from ..records import CollectionRecord, DateRange, DocumentRecord, ImportEvent, ImportProblem
from ._common import Emitter, clean, local_ref, nfc, read_bytes, unique

COLUMNS = (
    "ref",
    "date",
    "title",
    "summary",
    "text",
    "persons",
    "places",
    "subjects",
    "language",
    "type",
    "source",
    "attachments",
)
OPTIONAL_COLUMNS = ("section", "place", "notes", "date_start", "date_end")
KNOWN = frozenset(COLUMNS + OPTIONAL_COLUMNS)
LIST_COLUMNS = frozenset({"persons", "places", "subjects", "attachments"})
UNTITLED = "(untitled)"

_ISO_LIKE = re.compile(r"^\s*(?:-?\d{1,4}|--)(?:-\d{1,2}){0,2}(?:T\S*)?\s*$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def read(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    """CSV or JSON Lines, told apart by the file's extension."""
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        return read_jsonl(path, collection)
    return read_csv(path, collection)


# -- reading lines ---------------------------------------------------------------------


@dataclass
class _Lines:
    """The file's text, with lines that are not UTF-8 blanked (numbering kept)."""

    text: str
    bad: list[tuple[int, str]] = field(default_factory=list)  # (line, "byte 0xe9 at column 7")


def _decode(data: bytes) -> _Lines:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return _Lines(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    bad: list[tuple[int, str]] = []
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            byte = raw[error.start : error.start + 1].hex()
            bad.append((number, f"byte 0x{byte} at column {error.start + 1}"))
            lines.append("\n" if raw.endswith(b"\n") else "")
    return _Lines("".join(lines), bad)


def _encoding_problem(file: str, bad: list[tuple[int, str]]) -> ImportProblem:
    line, where = bad[0]
    others = f" and {len(bad) - 1} more line(s) ({', '.join(str(n) for n, _ in bad[1:6])}" + (
        "…)" if len(bad) > 6 else ")"
    )
    return ImportProblem(
        file,
        line,
        f"not UTF-8 text ({where}); this line{others if len(bad) > 1 else ''} skipped — "
        "save the file as UTF-8 and import it again",
    )


# -- the shared record builder ---------------------------------------------------------


class _Table:
    def __init__(self, path: Path, collection_id: str) -> None:
        self.path = path
        self.file = str(path)
        self.collection_id = collection_id
        self.folder = path.parent
        self.seen: dict[str, int] = {}  # ref → line of its first record
        self.position = 0
        self.untitled: list[int] = []

    def record(self, values: dict[str, Any], line: int) -> Iterator[ImportEvent]:
        raw_ref = clean(_as_text(values.get("ref")))
        if not raw_ref:
            yield ImportProblem(
                self.file, line, "no ref: this record was skipped (every record needs a unique ref)"
            )
            return
        ref = local_ref(self.collection_id, nfc(raw_ref))
        if ref in self.seen:
            yield ImportProblem(
                self.file,
                line,
                f"duplicate ref {raw_ref!r} (first on line {self.seen[ref]}): "
                "this record was skipped, the first one kept",
            )
            return
        self.seen[ref] = line
        title = clean(_as_text(values.get("title")))
        if not title:
            self.untitled.append(line)
            title = UNTITLED
        attachments = []
        for name in _as_list(values.get("attachments")):
            if _URL.match(name):
                attachments.append(name)
                continue
            target = Path(name).expanduser()
            target = (target if target.is_absolute() else self.folder / target).resolve()
            if not target.is_file():
                yield ImportProblem(
                    self.file,
                    line,
                    f"attachment {name!r} not found (looked for {target}); "
                    "the record was imported, add the file there",
                )
            attachments.append(str(target))
        self.position += 1
        yield DocumentRecord(
            ref=ref,
            collection_id=self.collection_id,
            title=title,
            date=_date(values),
            summary=_as_text(values.get("summary")).strip(),
            body=_as_text(values.get("text")).strip(),
            notes=_as_text(values.get("notes")).strip(),
            source=clean(_as_text(values.get("source"))),
            place=clean(_as_text(values.get("place"))),
            language=clean(_as_text(values.get("language"))),
            doc_type=clean(_as_text(values.get("type"))),
            section=clean(_as_text(values.get("section"))),
            persons=unique(_as_list(values.get("persons"))),
            places=unique(_as_list(values.get("places"))),
            subjects=unique(_as_list(values.get("subjects"))),
            attachments=unique(attachments),
            source_file=self.file,
            source_line=line,
            position=self.position,
        )

    def unknown(self, keys: set[str]) -> ImportProblem:
        names = ", ".join(sorted(keys))
        return ImportProblem(
            self.file,
            None,
            f"unknown column(s) ignored: {names} (known: {', '.join(COLUMNS + OPTIONAL_COLUMNS)})",
        )

    def finish(self) -> Iterator[ImportProblem]:
        if self.untitled:
            lines = ", ".join(str(n) for n in self.untitled[:10])
            more = "…" if len(self.untitled) > 10 else ""
            yield ImportProblem(
                self.file,
                None,
                f"{len(self.untitled)} record(s) without a title (line {lines}{more}) "
                f"were imported as {UNTITLED!r}",
            )


def _as_text(value: Any) -> str:
    if type(value) is str:  # the usual case, first
        return value
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_as_text(v) for v in value)
    return str(value)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(";")
    cleaned = [clean(_as_text(item)) for item in items]
    return [item for item in cleaned if item]


def _date(values: dict[str, Any]) -> DateRange:
    return _date_of(
        clean(_as_text(values.get("date"))),
        clean(_as_text(values.get("date_start"))),
        clean(_as_text(values.get("date_end"))),
    )


@lru_cache(maxsize=65536)
def _date_of(printed: str, start: str, end: str) -> DateRange:
    """The same few thousand dates come back line after line: each is read once (a
    ``DateRange`` is frozen, so the records can share it)."""
    if start or end:
        found = dates.from_attributes(printed or f"{start}–{end}".strip("–"), start=start, end=end)
        if found.is_dated:
            return found
    if not printed:
        return DateRange()
    if _ISO_LIKE.match(printed):
        return dates.from_attributes(printed, when=printed)
    return dates.parse_text(printed)


def _collection(path: Path, collection: str | None, header: dict[str, Any]) -> CollectionRecord:
    collection_id = collection or clean(_as_text(header.get("id"))) or nfc(path.stem)
    return CollectionRecord(
        id=collection_id,
        title=clean(_as_text(header.get("title"))) or collection_id,
        source_files=(str(path),),
        kind="jsonl" if path.suffix.lower() in (".jsonl", ".ndjson", ".json") else "csv",
        description=_as_text(header.get("description")).strip(),
    )


def attachments_of(path: Path) -> set[Path]:
    """The files a table names as attachments (absolute), read without building
    records: ``plan`` leaves them out of the folder's loose files."""
    data, _problem = read_bytes(path)
    if data is None:
        return set()
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson", ".json")
    if jsonl and b"attachments" not in data and b"\\u" not in data:
        return set()  # no line names the key (which only a \\u escape could hide)
    text = _decode(data).text
    names: list[str] = []
    if jsonl:
        for raw in text.splitlines():
            if "attachments" not in raw and "\\u" not in raw:
                continue  # most lines name none (a key could hide only behind a \\u escape)
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                names.extend(_as_list(value.get("attachments")))
    else:
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        try:
            header = [clean(name).lower() for name in next(rows, [])]
            if "attachments" in header:
                column = header.index("attachments")
                for row in rows:
                    if column < len(row):
                        names.extend(_as_list(row[column]))
        except csv.Error:
            pass
    found = set()
    for name in names:
        if not _URL.match(name):
            target = Path(name).expanduser()
            found.add((target if target.is_absolute() else path.parent / target).resolve())
    return found


# -- CSV -------------------------------------------------------------------------------


def read_csv(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    data, problem = read_bytes(path)
    if data is None:
        if problem:
            yield problem
        return
    lines = _decode(data)
    if lines.bad:
        yield _encoding_problem(str(path), lines.bad)
    reader = csv.reader(io.StringIO(lines.text, newline=""), delimiter=_delimiter(lines.text))
    record = _collection(path, collection, {})
    table = _Table(path, record.id)
    emitter = Emitter(record, str(path))
    yield from emitter.documents_of(_csv_rows(reader, table, str(path)))
    yield from table.finish()
    yield from emitter.finish("records")


def _delimiter(text: str) -> str:
    """Comma, unless the header row has none and uses tabs or semicolons
    (never guessed from the data, where ";" separates list items)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    for candidate in (",", "\t", ";"):
        if candidate in header:
            return candidate
    return ","


def _csv_rows(reader: Any, table: _Table, file: str) -> Iterator[ImportEvent]:
    header: list[str] | None = None
    last_line = 0
    try:
        for row in reader:
            line = last_line + 1
            last_line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [clean(name).lower() for name in row]
                unknown = {name for name in header if name and name not in KNOWN}
                if unknown:
                    yield table.unknown(unknown)
                if "ref" not in header:
                    yield ImportProblem(
                        file,
                        line,
                        "no 'ref' column: every record needs a ref; nothing was imported",
                    )
                    return
                continue
            if len(row) > len(header):
                yield ImportProblem(
                    file,
                    line,
                    f"{len(row)} fields where the header has {len(header)}; the extra ones were ignored",
                )
            values = {name: cell for name, cell in zip(header, row, strict=False) if name}
            yield from table.record(values, line)
    except csv.Error as error:
        yield ImportProblem(
            file, reader.line_num, f"cannot read this line as CSV: {error}; the rest was skipped"
        )


# -- JSON Lines ------------------------------------------------------------------------


def read_jsonl(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    data, problem = read_bytes(path)
    if data is None:
        if problem:
            yield problem
        return
    lines = _decode(data)
    if lines.bad:
        yield _encoding_problem(str(path), lines.bad)
    parsed: list[tuple[int, Any]] = []
    for number, raw in enumerate(lines.text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            parsed.append((number, json.loads(raw)))
        except json.JSONDecodeError as error:
            message = f"not valid JSON: {error.msg} (column {error.colno}); this line was skipped"
            parsed.append((number, ImportProblem(str(path), number, message)))
    header: dict[str, Any] = {}
    if parsed and isinstance(parsed[0][1], dict) and "@collection" in parsed[0][1]:
        value = parsed[0][1]["@collection"]
        header = value if isinstance(value, dict) else {}
        parsed = parsed[1:]
    record = _collection(path, collection, header)
    table = _Table(path, record.id)
    emitter = Emitter(record, str(path))
    yield from emitter.documents_of(_json_records(parsed, table, str(path)))
    yield from table.finish()
    yield from emitter.finish("records")


def _json_records(parsed: list[tuple[int, Any]], table: _Table, file: str) -> Iterator[ImportEvent]:
    unknown: set[str] = set()
    for number, value in parsed:
        if isinstance(value, ImportProblem):
            yield value
            continue
        if not isinstance(value, dict):
            yield ImportProblem(
                file, number, f"a JSON {type(value).__name__}, not an object; this line was skipped"
            )
            continue
        if "@collection" in value:
            yield ImportProblem(
                file, number, "'@collection' belongs on the first line only; this line was skipped"
            )
            continue
        unknown |= {key for key in value if key not in KNOWN}
        yield from table.record(value, number)
    if unknown:
        yield table.unknown(unknown)
