"""CSV and JSON Lines: the documented columns, and every way a table goes wrong."""

from __future__ import annotations

import json
from pathlib import Path

from reading_room.core.importers import tabular

from .conftest import run

HEADER = "ref,date,title,summary,text,persons,places,subjects,language,type,source,attachments\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_row_becomes_a_document(tmp_path: Path) -> None:
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "1.pdf").write_bytes(b"%PDF-1.4")
    path = write(
        tmp_path / "letters.csv",
        HEADER
        + '1,"Petrograd, January 3, 1918",A telegram,Short,"Line one.\n\nLine two.",'
        + '"Francis, David R.; Lansing, Robert",Petrograd,Loans; Loans,en,telegram,'
        + "File 861.51/1,scans/1.pdf\n",
    )
    result = run(tabular.read(path))
    assert result.events[0] is result.collection
    assert (result.collection.id, result.collection.title, result.collection.kind) == (
        "letters",
        "letters",
        "csv",
    )
    (document,) = result.documents
    assert document.ref == "letters/1"
    assert document.title == "A telegram"
    assert (document.date.text, document.date.start, document.date.precision) == (
        "Petrograd, January 3, 1918",
        "1918-01-03",
        "day",
    )
    assert document.body == "Line one.\n\nLine two."
    assert document.persons == ("Francis, David R.", "Lansing, Robert")
    assert document.subjects == ("Loans",)
    assert document.attachments == (str((tmp_path / "scans" / "1.pdf").resolve()),)
    assert (document.language, document.doc_type, document.source) == (
        "en",
        "telegram",
        "File 861.51/1",
    )
    assert (document.source_line, document.position) == (2, 1)
    assert not result.problems


def test_optional_columns_and_explicit_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.csv",
        "ref,title,date,date_start,date_end,section,place,notes\n"
        "a,T,summer 1956,1956-06,1956-08,Series 1,Belgrade,A note\n"
        "b,U,1956-10-23,,,,,\n"
        "c,V,about 1950,,,,,\n",
    )
    a, b, c = run(tabular.read(path)).documents
    assert (a.date.start, a.date.end, a.date.text) == ("1956-06-01", "1956-08-31", "summer 1956")
    assert (a.section, a.place, a.notes) == ("Series 1", "Belgrade", "A note")
    assert (b.date.start, b.date.precision) == ("1956-10-23", "day")
    assert c.date.start == "1950-01-01" and not c.date.certain


def test_refs_get_the_collection_prefix_once(tmp_path: Path) -> None:
    path = write(tmp_path / "box.csv", "ref,title\n7,A\nbox/8,B\nother/9,C\n")
    refs = [d.ref for d in run(tabular.read(path)).documents]
    assert refs == ["box/7", "box/8", "box/other/9"]
    overridden = [d.ref for d in run(tabular.read(path, "mine")).documents]
    assert overridden == ["mine/7", "mine/box/8", "mine/other/9"]


def test_a_row_without_ref_is_one_problem_and_the_rest_comes_through(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "ref,title\na,First\n,No ref\nb,Second\n")
    result = run(tabular.read(path))
    assert [d.ref for d in result.documents] == ["t/a", "t/b"]
    (problem,) = result.problems
    assert (problem.file, problem.line) == (str(path), 3)
    assert "no ref" in problem.message


def test_a_duplicate_ref_keeps_the_first_and_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "ref,title\na,First\nb,Other\na,Again\n")
    result = run(tabular.read(path))
    assert [d.title for d in result.documents] == ["First", "Other"]
    (problem,) = result.problems
    assert problem.line == 4 and "line 2" in problem.message and "'a'" in problem.message


def test_line_numbers_follow_quoted_fields_over_several_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", 'ref,title,text\na,A,"one\ntwo\nthree"\n,B,x\n')
    result = run(tabular.read(path))
    assert result.documents[0].source_line == 2
    assert [p.line for p in result.problems] == [5]


def test_unknown_columns_are_one_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "ref,title,colour,size\na,A,red,1\nb,B,blue,2\n")
    result = run(tabular.read(path))
    assert len(result.documents) == 2
    (problem,) = result.problems
    assert problem.line is None and "colour, size" in problem.message


def test_a_missing_attachment_is_reported_and_the_record_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "ref,title,attachments\na,A,missing.pdf\n")
    result = run(tabular.read(path))
    (document,) = result.documents
    assert document.attachments == (str((tmp_path / "missing.pdf").resolve()),)
    (problem,) = result.problems
    assert problem.line == 2 and "missing.pdf" in problem.message


def test_untitled_records_are_imported_and_reported_once(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "ref,title\na,\nb,\nc,C\n")
    result = run(tabular.read(path))
    assert [d.title for d in result.documents] == ["(untitled)", "(untitled)", "C"]
    (problem,) = result.problems
    assert "2 record(s) without a title (line 2, 3)" in problem.message


def test_a_line_in_another_encoding_is_one_problem_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbfref,title\na,Caf\xc3\xa9\nb,Caf\xe9\nc,Fine\n")
    result = run(tabular.read(path))
    assert [(d.ref, d.title) for d in result.documents] == [("t/a", "Café"), ("t/c", "Fine")]
    (problem,) = result.problems
    assert (problem.file, problem.line) == (str(path), 3)
    assert "0xe9" in problem.message and "UTF-8" in problem.message


def test_an_empty_file_is_one_problem(tmp_path: Path) -> None:
    for name in ("empty.csv", "empty.jsonl"):
        path = tmp_path / name
        path.write_bytes(b"")
        result = run(tabular.read(path))
        assert not result.collections and not result.documents
        (problem,) = result.problems
        assert problem.file == str(path) and "empty" in problem.message


def test_a_header_without_records_leaves_no_collection(tmp_path: Path) -> None:
    result = run(tabular.read(write(tmp_path / "t.csv", HEADER)))
    assert not result.collections
    (problem,) = result.problems
    assert "no records" in problem.message


def test_a_csv_without_a_ref_column_is_refused_in_one_line(tmp_path: Path) -> None:
    result = run(tabular.read(write(tmp_path / "t.csv", "title,date\nA,1918\nB,1919\n")))
    assert not result.documents
    assert len(result.problems) == 2  # no 'ref' column; no records
    assert result.problems[0].line == 1 and "'ref' column" in result.problems[0].message


def test_semicolon_separated_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "ref;title;persons\na;A;X\n")
    (document,) = run(tabular.read(path)).documents
    assert (document.title, document.persons) == ("A", ("X",))


def jsonl(path: Path, *lines: object) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_json_lines_with_a_collection_line(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "data.jsonl",
        {"@collection": {"id": "alsop", "title": "Alsop letters", "description": "About."}},
        {
            "ref": "1",
            "title": "A",
            "date": "3 Jan. 1918",
            "persons": ["X", "Y"],
            "subjects": "s1; s2",
        },
        {"ref": "2", "title": "B", "date": 1956},
    )
    result = run(tabular.read(path))
    assert (result.collection.id, result.collection.title, result.collection.description) == (
        "alsop",
        "Alsop letters",
        "About.",
    )
    assert result.collection.kind == "jsonl"
    first, second = result.documents
    assert (first.ref, first.persons, first.subjects) == ("alsop/1", ("X", "Y"), ("s1", "s2"))
    assert first.date.start == "1918-01-03" and first.source_line == 2
    assert second.date.precision == "year" and second.source_line == 3
    assert not result.problems


def test_a_bad_json_line_is_one_problem_and_the_rest_comes_through(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "data.jsonl",
        {"ref": "1", "title": "A"},
        '{"ref": "2", "title": "B"',
        {"ref": "3", "title": "C"},
    )
    result = run(tabular.read(path))
    assert [d.ref for d in result.documents] == ["data/1", "data/3"]
    (problem,) = result.problems
    assert (problem.file, problem.line) == (str(path), 2)
    assert str(problem).startswith(f"{path}:2: not valid JSON: ")


def test_json_problems_per_line(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "data.jsonl",
        {"ref": "1", "title": "A", "colour": "red"},
        [1, 2],
        {"title": "no ref"},
        {"ref": "1", "title": "again"},
        {"@collection": {"id": "late"}},
    )
    result = run(tabular.read(path))
    assert [d.ref for d in result.documents] == ["data/1"]
    lines = sorted((p.line or 0, p.message.split(" ")[0]) for p in result.problems)
    assert [line for line, _ in lines] == [0, 2, 3, 4, 5]
