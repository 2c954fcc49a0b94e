"""Importers: source files in, plain records out.

``plan`` turns the paths a person chose (files and folders) into import jobs,
one per source, and says on one line each what it cannot import. A job's
``read`` yields, in order, one ``CollectionRecord``, then ``DocumentRecord``s,
with ``ImportProblem``s wherever something was wrong; it never raises for a bad
file. Each format lives in its own module with the same ``read(path,
collection=None)``: ``tei_frus``, ``tei_essay``, ``ead``, ``tabular`` (CSV and
JSON Lines) and ``files`` (PDF, plain text). The formats are described for
people in ``docs/import-formats.md``.

How ``plan`` decides:

- a folder is searched recursively; hidden files and folders, and README /
  LICENSE files (documentation of the data, not data), are passed over;
- ``.xml`` is sniffed: TEI with a ``div[@type="document"]`` is a FRUS volume,
  other TEI an essay, EAD (also inside a METS package) a finding aid;
- ``.csv`` / ``.tsv`` are tables, ``.jsonl`` / ``.ndjson`` JSON Lines;
- the ``.pdf``, ``.txt`` and ``.md`` files of one folder form ONE ``files`` job
  (one collection per folder); such a file named on its own is a job by itself,
  landing in its folder's collection all the same;
- files that a CSV / JSON Lines table in the same tree names as attachments are
  part of its records, not sources of their own;
- anything else is a problem line. Within a folder, files that fail for the
  same reason are reported together ("12 files … e.g. a.jpg, b.jpg"), so a
  folder of scans next to its CSV does not bury the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..records import ImportEvent, ImportProblem
from . import ead, files, tabular, tei_essay, tei_frus
from ._common import sniff_xml

__all__ = ["IMPORTERS", "ImportJob", "UNSUPPORTED", "detect", "plan"]

UNSUPPORTED = "not a format Reading Room can import (TEI, EAD, CSV, JSON Lines, PDF, plain text)"

IMPORTERS: dict[str, Callable[[Path, str | None], Iterator[ImportEvent]]] = {
    "tei_frus": tei_frus.read,
    "tei_essay": tei_essay.read,
    "ead": ead.read,
    "csv": tabular.read_csv,
    "jsonl": tabular.read_jsonl,
    "files": files.read,
}

_TABLE_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
_XML_SUFFIXES = frozenset({".xml", ".tei", ".ead"})
_DOCUMENTATION = frozenset({"readme", "license", "licence", "copying", "changelog"})


@dataclass(frozen=True)
class ImportJob:
    """One source to import: a file, or a folder of loose files for ``files``."""

    path: Path
    importer: str  # "tei_frus" | "tei_essay" | "ead" | "csv" | "jsonl" | "files"
    collection: str | None = None  # overrides the source's own collection id

    def read(self) -> Iterator[ImportEvent]:
        """First a CollectionRecord, then DocumentRecords; ImportProblems anywhere."""
        reader = IMPORTERS.get(self.importer)
        if reader is None:
            yield ImportProblem(str(self.path), None, f"no importer called {self.importer!r}")
            return
        try:
            yield from reader(self.path, self.collection)
        except Exception as error:  # noqa: BLE001 — a bad file must never show a traceback
            yield ImportProblem(
                str(self.path),
                None,
                f"could not be imported ({type(error).__name__}: {error}); please report this",
            )


def detect(path: Path) -> tuple[str | None, ImportProblem | None]:
    """The importer for one file, or the problem saying why there is none."""
    suffix = path.suffix.lower()
    if suffix in _XML_SUFFIXES:
        return sniff_xml(path)
    if suffix in _TABLE_SUFFIXES:
        return _TABLE_SUFFIXES[suffix], None
    if suffix in files.SUFFIXES:
        return "files", None
    return None, ImportProblem(str(path), None, UNSUPPORTED)


def plan(
    paths: Sequence[Path], collection: str | None = None
) -> tuple[list[ImportJob], list[ImportProblem]]:
    """The jobs that import ``paths`` (files and folders), and what cannot be imported."""
    jobs: list[ImportJob] = []
    problems: list[ImportProblem] = []
    seen: set[tuple[Path, str]] = set()

    def add(path: Path, importer: str) -> None:
        key = (path.resolve(), importer)
        if key not in seen:
            seen.add(key)
            jobs.append(ImportJob(path, importer, collection))

    for given in paths:
        path = Path(given)
        if path.is_dir():
            _plan_folder(path, add, problems)
        elif path.is_file():
            importer, problem = detect(path)
            if importer:
                add(path, importer)
            elif problem:
                problems.append(problem)
        else:
            problems.append(ImportProblem(str(path), None, "no such file or folder"))
    return jobs, problems


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.lower().split(".", 1)[0] in _DOCUMENTATION


def _plan_folder(
    root: Path, add: Callable[[Path, str], None], problems: list[ImportProblem]
) -> None:
    """Every source under ``root``. Files a table in the tree names as its
    attachments (scans, PDFs) belong to that table's records: they are neither
    imported again as loose files nor reported as unreadable."""
    loose: dict[Path, list[Path]] = {}
    failed: dict[Path, dict[str, list[Path]]] = {}
    tables: list[Path] = []
    for folder_name, folder_names, file_names in os.walk(root):
        folder_names[:] = sorted(name for name in folder_names if not name.startswith("."))
        folder = Path(folder_name)
        for name in sorted(file_names):
            if _skipped(name):
                continue
            path = folder / name
            importer, problem = detect(path)
            if importer == "files":
                loose.setdefault(folder, []).append(path)
            elif importer:
                add(path, importer)
                if importer in ("csv", "jsonl"):
                    tables.append(path)
            elif problem is not None and problem.line is not None:
                problems.append(problem)  # a line to point at: report it as it is
            elif problem is not None:
                failed.setdefault(folder, {}).setdefault(problem.message, []).append(path)
    attachments: set[Path] = set()
    if loose or failed:  # only those can be a table's attachments: else no table is read twice
        for table in tables:
            attachments |= tabular.attachments_of(table)

    def unclaimed(paths: list[Path]) -> list[Path]:
        return [p for p in paths if p.resolve() not in attachments] if attachments else paths

    for folder, paths in loose.items():
        if unclaimed(paths):
            add(folder, "files")
    for folder, reasons in failed.items():
        for message, paths in reasons.items():
            paths = unclaimed(paths)
            if len(paths) == 1:
                problems.append(ImportProblem(str(paths[0]), None, message))
            elif paths:
                examples = ", ".join(p.name for p in paths[:3]) + (", …" if len(paths) > 3 else "")
                problems.append(
                    ImportProblem(
                        str(folder), None, f"{len(paths)} files: {message} (e.g. {examples})"
                    )
                )
