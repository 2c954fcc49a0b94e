"""plan: which importer reads what, and one line for everything it cannot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from reading_room.core.importers import UNSUPPORTED, ImportJob, plan
from reading_room.core.records import CollectionRecord, DocumentRecord, ImportProblem


def test_the_shared_corpora_are_recognised(corpora: Path) -> None:
    jobs, problems = plan(
        [
            corpora / "frus",
            corpora / "loc-ead",
            corpora / "hsg-milestones",
            corpora / "hsg-rdcr" / "articles" / "serbia.xml",
        ]
    )
    kinds = Counter(job.importer for job in jobs)
    assert kinds == {"tei_frus": 10, "ead": 8, "tei_essay": 20}
    assert {job.path.name for job in jobs if job.importer == "ead"} >= {"eadmss.ms008095.4.xml"}
    # README files are documentation, not documents; checksums and bibliography records are not sources
    assert not any(job.path.name == "README.md" for job in jobs)
    messages = [str(problem) for problem in problems]
    assert f"{corpora / 'frus' / 'SHA256SUMS'}: {UNSUPPORTED}" in messages
    (bibliography,) = [m for m in messages if "bibliography" in m]
    assert bibliography.startswith(f"{corpora / 'frus' / 'bibliography'}: 7 files: ")
    assert "<volume>" in bibliography
    assert len(problems) == 3


def test_loose_files_of_a_folder_are_one_job_per_folder(
    tmp_path: Path, make_pdf: Callable[..., bytes]
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.pdf").write_bytes(make_pdf(["one"]))
    (tmp_path / "a" / "two.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "a" / "b" / "three.md").write_text("three", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "list.csv").write_text("ref,title\n1,A\n", encoding="utf-8")
    jobs, problems = plan([tmp_path / "a"])
    assert sorted((job.path, job.importer) for job in jobs) == [
        (tmp_path / "a", "files"),
        (tmp_path / "a" / "b", "files"),
        (tmp_path / "a" / "list.csv", "csv"),
    ]
    assert problems == []
    (single,), _ = plan([tmp_path / "a" / "one.pdf"])
    assert single == ImportJob(tmp_path / "a" / "one.pdf", "files")


def test_attachments_of_a_table_are_not_sources_of_their_own(
    tmp_path: Path, make_pdf: Callable[..., bytes]
) -> None:
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "1.pdf").write_bytes(make_pdf(["scan"]))
    (tmp_path / "scans" / "2.png").write_bytes(b"\x89PNG")
    (tmp_path / "data.jsonl").write_text(
        '{"ref": "1", "title": "A", "attachments": ["scans/1.pdf", "scans/2.png"]}\n',
        encoding="utf-8",
    )
    jobs, problems = plan([tmp_path])
    assert jobs == [ImportJob(tmp_path / "data.jsonl", "jsonl")]
    assert problems == []


def test_what_cannot_be_imported_is_one_line_each(tmp_path: Path) -> None:
    docx = tmp_path / "x.docx"
    docx.write_bytes(b"PK\x03\x04")
    notes = tmp_path / "notes.xml"
    notes.write_text("just some words", encoding="utf-8")
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    other = tmp_path / "visits.xml"
    other.write_text("<visits><visit/></visits>", encoding="utf-8")
    missing = tmp_path / "nowhere"
    jobs, problems = plan([docx, notes, empty, other, missing])
    assert jobs == []
    assert [str(p) for p in problems] == [
        f"{docx}: not a format Reading Room can import (TEI, EAD, CSV, JSON Lines, PDF, plain text)",
        f"{notes}:1: not an XML file (it does not start with '<'); check that this is the file you meant",
        f"{empty}: the file is empty; nothing to import",
        f"{other}: an XML file of a kind Reading Room cannot import (<visits>); it reads TEI and EAD",
        f"{missing}: no such file or folder",
    ]


def test_many_files_failing_alike_in_a_folder_are_reported_together(tmp_path: Path) -> None:
    for n in range(5):
        (tmp_path / f"page{n}.jpg").write_bytes(b"\xff\xd8")
    jobs, problems = plan([tmp_path])
    assert jobs == []
    (problem,) = problems
    assert problem.file == str(tmp_path)
    assert problem.message.startswith(
        f"5 files: {UNSUPPORTED} (e.g. page0.jpg, page1.jpg, page2.jpg, …)"
    )


def test_collection_overrides_every_job(tmp_path: Path, corpora: Path) -> None:
    (tmp_path / "t.csv").write_text("ref,title\n1,A\n", encoding="utf-8")
    milestone = corpora / "hsg-milestones" / "chapters" / "1750-1775.xml"
    jobs, _ = plan([tmp_path / "t.csv", milestone], collection="mine")
    assert [job.collection for job in jobs] == ["mine", "mine"]
    for job in jobs:
        events = list(job.read())
        assert isinstance(events[0], CollectionRecord) and events[0].id == "mine"
        documents = [e for e in events if isinstance(e, DocumentRecord)]
        assert documents and all(
            d.collection_id == "mine" and d.ref.startswith("mine/") for d in documents
        )


def test_a_job_never_raises(tmp_path: Path) -> None:
    (problem,) = list(ImportJob(tmp_path / "gone.xml", "tei_frus").read())
    assert isinstance(problem, ImportProblem) and problem.message == "no such file"
    (problem,) = list(ImportJob(tmp_path, "nonsense").read())
    assert "no importer" in problem.message
