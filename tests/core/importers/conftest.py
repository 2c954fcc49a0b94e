"""Corpora read once per session, and small builders for bad input.

Importer output is compared with facts the tests compute themselves, straight
from the XML with lxml, never with numbers copied from the importers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reading_room.core.importers import ead, tei_essay, tei_frus
from reading_room.core.records import CollectionRecord, DocumentRecord, ImportEvent, ImportProblem

TEI_NS = {"t": "http://www.tei-c.org/ns/1.0"}
EAD_NS = {"e": "urn:isbn:1-931666-22-9"}


@dataclass
class Imported:
    """One importer run, split by kind of event (in the order they came)."""

    events: list[ImportEvent]
    collections: list[CollectionRecord] = field(default_factory=list)
    documents: list[DocumentRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def collection(self) -> CollectionRecord:
        assert len(self.collections) == 1, self.collections
        return self.collections[0]

    @property
    def by_ref(self) -> dict[str, DocumentRecord]:
        return {document.ref: document for document in self.documents}


def run(events: Iterable[ImportEvent]) -> Imported:
    result = Imported(list(events))
    for event in result.events:
        if isinstance(event, CollectionRecord):
            result.collections.append(event)
        elif isinstance(event, DocumentRecord):
            result.documents.append(event)
        elif isinstance(event, ImportProblem):
            result.problems.append(event)
        else:  # pragma: no cover - a bug in an importer
            raise AssertionError(f"unexpected event {event!r}")
    return result


@pytest.fixture(scope="session")
def frus_volumes(corpora: Path) -> list[Path]:
    volumes = sorted((corpora / "frus" / "volumes").glob("*.xml"))
    assert len(volumes) == 10
    return volumes


@pytest.fixture(scope="session")
def frus(frus_volumes: list[Path]) -> dict[str, Imported]:
    """Every FRUS volume imported once: volume id → result."""
    return {path.stem: run(tei_frus.read(path)) for path in frus_volumes}


@pytest.fixture(scope="session")
def ead_files(corpora: Path) -> list[Path]:
    files = sorted((corpora / "loc-ead").glob("*.xml"))
    assert len(files) == 8
    return files


@pytest.fixture(scope="session")
def eads(ead_files: list[Path]) -> dict[str, Imported]:
    return {path.name: run(ead.read(path)) for path in ead_files}


@pytest.fixture(scope="session")
def milestones(corpora: Path) -> dict[str, Imported]:
    folder = corpora / "hsg-milestones" / "chapters"
    return {path.name: run(tei_essay.read(path)) for path in sorted(folder.glob("*.xml"))}


@pytest.fixture(scope="session")
def rdcr(corpora: Path) -> dict[str, Imported]:
    folder = corpora / "hsg-rdcr" / "articles"
    return {path.name: run(tei_essay.read(path)) for path in sorted(folder.glob("*.xml"))}


def minimal_pdf(pages: list[str], title: str | None = None) -> bytes:
    """A small valid PDF with real text (Helvetica, one line per ``\\n``), written
    by hand so the test needs neither Qt nor a PDF library that can draw."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    contents = []
    for text in pages:
        operations = ["BT /F1 12 Tf 72 720 Td 14 TL"]
        for line in text.split("\n"):
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            operations.append(f"({escaped}) Tj T*")
        operations.append("ET")
        stream = "\n".join(operations).encode("latin-1")
        contents.append(add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)))
    pages_id = len(objects) + len(contents) + 1
    kids = [
        add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id, font, content)
        )
        for content in contents
    ]
    kid_refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))) == pages_id
    info = add(b"<< /Title (%s) >>" % title.encode("latin-1")) if title else None
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    info_ref = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info_ref,
        xref,
    )
    return bytes(out)


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return minimal_pdf
