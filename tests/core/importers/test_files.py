"""A folder of PDFs and text files: one document per file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reading_room.core.importers import files

from .conftest import run


@pytest.fixture
def folder(tmp_path: Path, make_pdf: Callable[..., bytes]) -> Path:
    folder = tmp_path / "yugoslav-telegrams"
    folder.mkdir()
    (folder / "1956-10-23_memo.pdf").write_bytes(
        make_pdf(
            ["Memorandum of conversation\nBudapest, October 23, 1956", "Second page"],
            title="Memo on Hungary",
        )
    )
    (folder / "untitled.pdf").write_bytes(make_pdf(["First line here\nmore"]))
    (folder / "note.txt").write_text(
        "\n\nCable from Belgrade\n\nText of the cable.", encoding="utf-8"
    )
    (folder / "readme.md").write_text("# Notes on the set\n\nSome words.", encoding="utf-8")
    (folder / "picture.jpg").write_bytes(b"\xff\xd8")
    return folder


def test_every_file_of_the_folder_is_a_document(folder: Path) -> None:
    result = run(files.read(folder))
    assert result.events[0] is result.collection
    assert (result.collection.id, result.collection.title, result.collection.kind) == (
        "yugoslav-telegrams",
        "yugoslav-telegrams",
        "files",
    )
    refs = [d.ref for d in result.documents]
    assert refs == [
        "yugoslav-telegrams/1956-10-23_memo",
        "yugoslav-telegrams/note",
        "yugoslav-telegrams/readme",
        "yugoslav-telegrams/untitled",
    ]
    assert not result.problems


def test_a_pdf_gives_its_title_text_pages_and_itself(folder: Path) -> None:
    memo = run(files.read(folder)).by_ref["yugoslav-telegrams/1956-10-23_memo"]
    assert memo.title == "Memo on Hungary"
    assert memo.body == "Memorandum of conversation\nBudapest, October 23, 1956\fSecond page"
    assert memo.attachments == (str((folder / "1956-10-23_memo.pdf").resolve()),)
    assert (memo.date.start, memo.date.precision, memo.date.text) == (
        "1956-10-23",
        "day",
        "1956-10-23",
    )
    assert memo.date.flag == "date read from the file name"
    assert memo.extra["pages"] == 2


def test_titles_fall_back_on_the_first_line(folder: Path) -> None:
    documents = run(files.read(folder)).by_ref
    assert documents["yugoslav-telegrams/untitled"].title == "First line here"
    assert documents["yugoslav-telegrams/note"].title == "Cable from Belgrade"
    assert documents["yugoslav-telegrams/readme"].title == "Notes on the set"
    assert not documents["yugoslav-telegrams/note"].date.is_dated
    assert documents["yugoslav-telegrams/note"].attachments == ()


def test_a_damaged_pdf_is_one_problem_and_the_others_go_on(folder: Path) -> None:
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    result = run(files.read(folder))
    assert len(result.documents) == 4
    (problem,) = result.problems
    assert problem.file == str(folder / "broken.pdf") and problem.line is None
    assert "not a readable PDF" in problem.message


def test_an_encrypted_pdf_is_one_problem(folder: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(folder / "untitled.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with open(folder / "locked.pdf", "wb") as out:
        writer.write(out)
    result = run(files.read(folder))
    assert len(result.documents) == 4
    (problem,) = result.problems
    assert problem.file == str(folder / "locked.pdf") and "encrypted" in problem.message


def test_a_pdf_without_text_is_imported_and_reported(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scans" / "scan 1957.pdf"
    path.parent.mkdir()
    with open(path, "wb") as out:
        writer.write(out)
    result = run(files.read(path.parent))
    (document,) = result.documents
    assert document.title == "scan 1957" and document.date.precision == "year"
    (problem,) = result.problems
    assert "no text" in problem.message


def test_a_text_file_in_another_encoding_is_read_and_flagged(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "brief.txt").write_bytes("Brief an Müller\r\n\r\nGrüße".encode("cp1252"))
    (folder / "plain.txt").write_text("Plain", encoding="utf-8")
    result = run(files.read(folder))
    brief = result.by_ref["letters/brief"]
    assert brief.body == "Brief an Müller\n\nGrüße"
    assert brief.extra["encoding"] == "Windows-1252"
    (problem,) = result.problems
    assert (problem.file, problem.line) == (str(folder / "brief.txt"), 1)
    assert "read as Windows-1252" in problem.message
    assert len(result.documents) == 2


def test_files_sharing_a_stem_keep_their_full_names(
    tmp_path: Path, make_pdf: Callable[..., bytes]
) -> None:
    (tmp_path / "memo.txt").write_text("text", encoding="utf-8")
    (tmp_path / "memo.pdf").write_bytes(make_pdf(["pdf"]))
    refs = [d.ref for d in run(files.read(tmp_path)).documents]
    assert refs == [f"{tmp_path.name}/memo.pdf", f"{tmp_path.name}/memo.txt"]


def test_one_file_alone_lands_in_its_folders_collection(folder: Path) -> None:
    result = run(files.read(folder / "note.txt"))
    assert result.collection.id == "yugoslav-telegrams"
    (document,) = result.documents
    assert document.ref == "yugoslav-telegrams/note"
    assert document.position == run(files.read(folder)).by_ref[document.ref].position
    assert run(files.read(folder / "note.txt", "mine")).documents[0].ref == "mine/note"


@pytest.mark.parametrize(
    ("stem", "start", "end"),
    [
        ("1956-10-23_memo", "1956-10-23", "1956-10-23"),
        ("19561023 memo", "1956-10-23", "1956-10-23"),
        ("report 1956-10", "1956-10-01", "1956-10-31"),
        ("memo_1956", "1956-01-01", "1956-12-31"),
        ("memo", None, None),
        ("scan 12345", None, None),
    ],
)
def test_dates_in_file_names(stem: str, start: str | None, end: str | None) -> None:
    date = files.date_from_name(stem)
    assert (date.start, date.end) == (start, end)
