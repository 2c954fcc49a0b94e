"""A folder of loose files — PDFs, plain text, Markdown — as one collection.

Each file is one document. The collection is the folder (id and title: the
folder's name); importing a single file puts it in its folder's collection, so
adding files one by one lands in the same place. Subfolders are collections of
their own (``plan`` makes one job per folder).

- ref: ``<collection>/<file stem>`` (``letters/1956-10-23_memo``); when two files
  share a stem (``memo.pdf`` and ``memo.txt``) both use their full name;
- title: the PDF's own title (its metadata), else the first line of text, else
  the file name;
- text: PDF text extracted page by page with pypdf, pages separated by a form
  feed (``\\f``); text files as they are, decoded as UTF-8, or, failing that, as
  Windows-1252 / Latin-1 with a warning (never refused);
- date: read from the file name when it holds one (``1956-10-23_memo.pdf``,
  ``19561023 memo.txt``, ``1956-10 report.pdf``, ``memo 1956.pdf``), flagged as
  such; else undated;
- attachments: the PDF itself (absolute path), for the viewer.

An encrypted or damaged PDF is one problem line; the other files go on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from .. import dates
from ..records import CollectionRecord, DateRange, DocumentRecord, ImportEvent, ImportProblem
from ._common import Emitter, clean, nfc

# pypdf reports damage through logging; without a handler anywhere, Python would
# print it on stderr next to our own one-line problem. The application's logging
# configuration, if any, still receives it.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

KIND = "files"
SUFFIXES = frozenset({".pdf", ".txt", ".md"})
PAGE_BREAK = "\f"

_FILE_DATE = re.compile(r"(?<!\d)(\d{4})(?:[-_.]?(\d{2})(?:[-_.]?(\d{2}))?)?(?!\d)")
_JUNK_TITLES = re.compile(r"^(?:untitled|microsoft word - .*|document\d*|\s*)$", re.I)


def importable(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".")


def folder_files(folder: Path) -> list[Path]:
    """The importable files directly in ``folder``, in name order."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and importable(p))
    except OSError:
        return []


def read(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    if path.is_dir():
        folder = path
        siblings = folder_files(folder)
        chosen = siblings
    elif path.is_file():
        folder = path.parent
        siblings = folder_files(folder) or [path]
        chosen = [path]
    else:
        yield ImportProblem(str(path), None, "no such file or folder")
        return
    collection_id = collection or nfc(folder.resolve().name) or "files"
    record = CollectionRecord(
        id=collection_id,
        title=nfc(folder.resolve().name) or collection_id,
        source_files=tuple(str(p) for p in chosen),
        kind=KIND,
    )
    stems: dict[str, int] = {}
    for sibling in siblings:
        stems[nfc(sibling.stem)] = stems.get(nfc(sibling.stem), 0) + 1
    positions = {p.name: n for n, p in enumerate(siblings, start=1)}
    emitter = Emitter(record, str(path))

    def documents() -> Iterator[ImportEvent]:
        for file in chosen:
            local = nfc(file.stem) if stems.get(nfc(file.stem), 0) <= 1 else nfc(file.name)
            yield from read_file(file, collection_id, local, positions.get(file.name, 0))

    yield from emitter.documents_of(documents())
    yield from emitter.finish("PDF or text files")


def read_file(
    path: Path, collection_id: str, local: str, position: int = 0
) -> Iterator[ImportEvent]:
    """One file as one document (or one problem)."""
    extra: dict[str, object] = {"file_name": path.name}
    attachments: tuple[str, ...] = ()
    if path.suffix.lower() == ".pdf":
        body, meta_title, problem = _pdf_text(path, extra)
        if problem is not None:
            yield problem
            return
        attachments = (str(path.resolve()),)
        if not body.strip():
            yield ImportProblem(
                str(path),
                None,
                "no text could be extracted (a scan without a text layer?); "
                "imported with its title only",
            )
    else:
        text, encoding_problem = _plain_text(path, extra)
        if encoding_problem is not None:
            yield encoding_problem
        if text is None:
            return
        body, meta_title = text, ""
    title = meta_title or _first_line(body) or _name_title(path)
    yield DocumentRecord(
        ref=f"{collection_id}/{local}",
        collection_id=collection_id,
        title=title,
        date=date_from_name(path.stem),
        body=body,
        doc_type="pdf" if path.suffix.lower() == ".pdf" else "text",
        attachments=attachments,
        extra=extra,
        source_file=str(path),
        position=position,
    )


def date_from_name(stem: str) -> DateRange:
    """``1956-10-23_memo`` → 23 October 1956, flagged as read from the file name."""
    for match in _FILE_DATE.finditer(stem):
        year, month, day = match.groups()
        iso = "-".join(part for part in (year, month, day) if part)
        parsed = dates.parse_iso(iso)
        if parsed is None and day:
            parsed = dates.parse_iso(f"{year}-{month}")
        if parsed is not None:
            return DateRange(
                match.group(0),
                parsed[0],
                parsed[1],
                parsed[2],
                True,
                "date read from the file name",
            )
    return DateRange()


_GAPS = re.compile(r"[ \t]+")


def _tidy(page: str) -> str:
    """pypdf marks wide gaps between words with tabs: plain spaces read better."""
    return "\n".join(_GAPS.sub(" ", line).strip() for line in page.splitlines()).strip()


def _name_title(path: Path) -> str:
    return clean(path.stem.replace("_", " ")) or path.name


def _first_line(text: str, limit: int = 120) -> str:
    for line in text.splitlines():
        line = clean(line.replace(PAGE_BREAK, " ")).lstrip("#").strip()
        if line:
            return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
    return ""


def _plain_text(path: Path, extra: dict[str, object]) -> tuple[str | None, ImportProblem | None]:
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, ImportProblem(str(path), None, f"cannot be read: {error.strerror or error}")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
        problem = None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        extra["encoding"] = encoding
        problem = ImportProblem(
            str(path),
            line,
            f"not UTF-8 (byte 0x{data[error.start]:02x}); read as {encoding} — "
            "check its accented letters",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text, problem


def _pdf_text(path: Path, extra: dict[str, object]) -> tuple[str, str, ImportProblem | None]:
    """(text, title from the metadata, problem that stops the import)."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))  # many PDFs are "encrypted" with no password
            except Exception:  # noqa: BLE001 — pypdf raises many kinds here
                opened = False
            if not opened:
                return (
                    "",
                    "",
                    ImportProblem(
                        str(path),
                        None,
                        "the PDF is encrypted with a password; skipped — save an unprotected copy and import that",
                    ),
                )
        pages = []
        for page in reader.pages:
            try:
                pages.append(_tidy(page.extract_text() or ""))
            except FileNotDecryptedError:
                raise
            except Exception:  # noqa: BLE001 — one bad page must not lose the rest
                pages.append("")
                extra["unreadable_pages"] = int(extra.get("unreadable_pages", 0)) + 1  # type: ignore[call-overload]
        extra["pages"] = len(pages)
        title = ""
        try:
            meta = reader.metadata
            title = clean(meta.title) if meta is not None and meta.title else ""
        except Exception:  # noqa: BLE001 — damaged metadata is not worth failing for
            title = ""
        if _JUNK_TITLES.match(title) or title.lower() in (path.name.lower(), path.stem.lower()):
            title = ""
        return PAGE_BREAK.join(pages), title, None
    except FileNotDecryptedError:
        return (
            "",
            "",
            ImportProblem(
                str(path),
                None,
                "the PDF is encrypted; skipped — save an unprotected copy and import that",
            ),
        )
    except Exception as error:  # noqa: BLE001 — pypdf signals damage with many exception types
        reason = clean(str(error)) or type(error).__name__
        return (
            "",
            "",
            ImportProblem(
                str(path),
                None,
                f"not a readable PDF ({reason}); skipped — open it in a PDF viewer and save it again",
            ),
        )
