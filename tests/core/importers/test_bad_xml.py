"""Damaged XML: one problem line with file and line, and nothing else from the file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reading_room.core.importers import ead, plan, tei_essay, tei_frus
from reading_room.core.records import ImportEvent, ImportProblem

READERS: dict[str, Callable[[Path, str | None], Iterator[ImportEvent]]] = {
    "tei_frus": tei_frus.read,
    "tei_essay": tei_essay.read,
    "ead": ead.read,
}


def only_problem(events: list[ImportEvent]) -> ImportProblem:
    assert len(events) == 1, events
    (problem,) = events
    assert isinstance(problem, ImportProblem)
    return problem


@pytest.fixture(scope="module")
def truncated_sources(corpora: Path) -> dict[str, bytes]:
    """The first half of a real file of each kind (the tests never write it into the project)."""
    sources = {
        "tei_frus": corpora / "frus" / "volumes" / "frus1918Russiav03.xml",
        "tei_essay": corpora / "hsg-milestones" / "chapters" / "1953-1960.xml",
        "ead": corpora / "loc-ead" / "eadmss.ms006002.2.xml",
    }
    return {kind: path.read_bytes()[: path.stat().st_size // 2] for kind, path in sources.items()}


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_truncated_file_gives_one_problem_with_its_line(
    kind: str, truncated_sources: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / f"half-{kind}.xml"
    data = truncated_sources[kind]
    path.write_bytes(data)
    problem = only_problem(list(READERS[kind](path)))
    assert problem.file == str(path)
    assert problem.line is not None and problem.line >= data.count(b"\n") - 1
    assert "nothing from this file was imported" in problem.message
    assert "\n" not in str(problem)
    jobs, problems = plan([path])  # still recognised; reading it says what is wrong
    assert [job.importer for job in jobs] == [kind] and problems == []


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_file_in_the_wrong_encoding_names_the_line_and_byte(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "latin.xml"
    path.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
        b"<text><body><p>Caf\xe9</p></body></text></TEI>\n"
    )
    problem = only_problem(list(READERS[kind](path)))
    assert (problem.file, problem.line) == (str(path), 3)
    assert "not valid UTF-8" in problem.message and "0xe9" in problem.message


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_an_empty_file_is_one_problem(kind: str, content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(content)
    problem = only_problem(list(READERS[kind](path)))
    assert problem.file == str(path) and "empty" in problem.message


@pytest.mark.parametrize("kind", sorted(READERS))
def test_a_non_xml_file_is_one_problem(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("Minutes of the meeting, 3 June 1955\n", encoding="utf-8")
    problem = only_problem(list(READERS[kind](path)))
    assert (problem.file, problem.line) == (str(path), 1)
    assert "not an XML file" in problem.message


def test_a_wellformed_file_without_documents_leaves_no_collection(tmp_path: Path) -> None:
    path = tmp_path / "shell.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frusShell"><text><body/></text></TEI>',
        encoding="utf-8",
    )
    problem = only_problem(list(tei_frus.read(path)))
    assert "no documents" in problem.message
    path.write_text('<ead xmlns="urn:isbn:1-931666-22-9"><archdesc/></ead>', encoding="utf-8")
    problem = only_problem(list(ead.read(path)))
    assert "nothing was imported" in problem.message


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>',
        encoding="utf-8",
    )
    events = list(tei_essay.read(path))
    assert not any("SECRET" in str(event) for event in events)
