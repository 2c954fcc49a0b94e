"""Every export format: what it shows people and other tools, and that ours reads it back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from export_fixtures import D2, D3, GONE, FakeLibrary

from reading_room.core.citation import csl_item
from reading_room.core.exports import (
    EXTENSIONS,
    FORMATS,
    detect_format,
    export_notes,
    import_notes,
    read_export,
    render,
)
from reading_room.core.exports.ris import RIS_TYPES
from reading_room.core.userdata import BadExportFile, Notebook, UserStore
from reading_room.core.userdata.interchange import to_dict


def _comparable(data: Any) -> dict[str, Any]:
    raw = to_dict(data)
    raw["lists"] = sorted(raw["lists"], key=lambda item: item["name"])
    raw["bookmarks"] = sorted(raw["bookmarks"], key=lambda item: item["uid"])
    raw["notes"] = sorted(raw["notes"], key=lambda item: item["uid"])
    return raw


def _other_computer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> UserStore:
    monkeypatch.setenv("READING_ROOM_USER_DB", str(tmp_path / f"{name}.sqlite3"))
    return UserStore(backups_dir=tmp_path / f"{name}-backups")


# -- round trips --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_then_import_elsewhere_loses_nothing_and_duplicates_nothing(
    fmt: str,
    notebook: Notebook,
    library: FakeLibrary,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / f"notes{EXTENSIONS[fmt]}"
    result = export_notes(notebook, fmt, out, library=library)
    assert (result.notes, result.bookmarks, result.documents) == (5, 3, 4)
    expected = _comparable(notebook.export_data())
    if fmt in ("ris", "bibtex", "csl-json"):
        expected["lists"] = [item for item in expected["lists"] if item["name"] != "Empty list"]

    with _other_computer(tmp_path, monkeypatch, f"elsewhere-{fmt}") as elsewhere:
        other = elsewhere.sign_in()
        first = import_notes(other, out)
        assert (first.notes_added, first.bookmarks_added) == (5, 3)
        assert _comparable(other.export_data()) == expected
        second = import_notes(other, out)
        assert (second.notes_added, second.bookmarks_added, second.lists_added) == (0, 0, 0)
        assert (second.notes_present, second.bookmarks_present) == (5, 3)
        assert _comparable(other.export_data()) == expected
        # the passages work on the other computer as they did here
        (passage,) = other.passages(D2)
        assert passage.state == "exact"
        assert D2.body[passage.anchor.start : passage.anchor.end] == "highly appreciated"  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", FORMATS)
def test_import_into_the_same_profile_adds_nothing(
    fmt: str, notebook: Notebook, tmp_path: Path
) -> None:
    out = tmp_path / f"notes{EXTENSIONS[fmt]}"
    export_notes(notebook, fmt, out)
    before = _comparable(notebook.export_data())
    report = import_notes(notebook, out)
    assert report.notes_added == report.bookmarks_added == report.notes_updated == 0
    assert report.in_trash == 0
    assert _comparable(notebook.export_data()) == before


def test_newer_edits_come_back_and_older_ones_do_not_overwrite(
    notebook: Notebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "notes.md"
    export_notes(notebook, "md", out)
    with _other_computer(tmp_path, monkeypatch, "laptop") as laptop:
        other = laptop.sign_in()
        import_notes(other, out)
        note = next(n for n in other.notes() if n.text.startswith("A note on an unbookmarked"))
        other.update_note(note.uid, "Edited on the laptop")
        other.move(D3.ref, "Congress")
        back = tmp_path / "back.csv"
        export_notes(other, "csv", back)
    report = import_notes(notebook, back)
    assert (report.notes_updated, report.bookmarks_updated, report.lists_added) == (1, 1, 1)
    assert notebook.note(note.uid).text == "Edited on the laptop"
    assert notebook.get_bookmark(D3.ref).list_name == "Congress"  # type: ignore[union-attr]
    # the original, older export changes nothing back
    stale = import_notes(notebook, out)
    assert stale.notes_updated == stale.bookmarks_updated == 0
    assert notebook.note(note.uid).text == "Edited on the laptop"


def test_items_in_the_trash_are_not_brought_back_by_an_import(
    notebook: Notebook, tmp_path: Path
) -> None:
    out = tmp_path / "notes.json"
    export_notes(notebook, "csl-json", out)
    note = next(n for n in notebook.notes() if n.text.startswith("A note on an unbookmarked"))
    notebook.delete(note.uid)
    report = import_notes(notebook, out)
    assert report.in_trash == 1 and "trash" in report.summary()
    assert note.uid in [item.uid for item in notebook.trash()]


def test_export_of_one_list_or_some_documents(notebook: Notebook, tmp_path: Path) -> None:
    text, data, documents = render(notebook, "md", list_name="loans")
    assert {b.ref for b in data.bookmarks} == {D2.ref, D3.ref}
    assert {n.ref for n in data.notes} == {D2.ref, D3.ref}
    assert [item.name for item in data.lists] == ["Loans"]
    assert GONE.title not in text
    _, data, _ = render(notebook, "csv", refs=[GONE.ref])
    assert [b.ref for b in data.bookmarks] == [GONE.ref]
    assert [n.text for n in data.notes] == ["This document left the collection."]
    one = notebook.notes(ref=D3.ref)[0]
    _, data, _ = render(notebook, "ris", note_uids=[one.uid])
    assert [n.uid for n in data.notes] == [one.uid] and data.bookmarks == ()


# -- what other tools and people see ------------------------------------------------------


def test_markdown_is_readable_grouped_by_document_with_citations(
    notebook: Notebook, library: FakeLibrary
) -> None:
    text, _, _ = render(notebook, "md", library=library)
    assert text.startswith("# Notes and bookmarks of ")
    # by date: d2 (6 April) before d3 (13 April); undated documents last
    assert (
        text.index(f"## {D2.title}")
        < text.index(f"## {D3.title}")
        < text.index("## A telegram withdrawn")
    )
    assert (
        "Citation: " in text
        and "Foreign Relations of the United States, 1918, Russia, Volume III" in text
    )
    assert "Bookmarked in *Loans* · tags: loan, Treasury & Finance" in text
    assert "> highly appreciated" in text
    assert "=SUM(A1:A2) is not a formula here" in text
    assert "*(document no longer in the collection)*" in text
    assert "in the trash" not in text
    # the readable text says where the machine-readable copy is, and the comment stays closed
    assert "machine-readable copy" in text
    tail = text[text.rindex("<!-- reading-room-data") :]
    assert tail.count("-->") == 1 and tail.rstrip().endswith("-->")


def test_ris_parses_with_rispy(notebook: Notebook, library: FakeLibrary) -> None:
    text, _, _ = render(notebook, "ris", library=library)
    entries = {entry["id"]: entry for entry in rispy.loads(text)}
    assert set(entries) == {D2.ref, D3.ref, GONE.ref, "frus1918Russiav03/d7"}
    d2 = entries[D2.ref]
    assert d2["type_of_reference"] == RIS_TYPES[csl_item(D2)["type"]]  # "GEN" for a FRUS document
    assert d2["title"] == D2.title
    assert (
        d2["secondary_title"] == "Foreign Relations of the United States, 1918, Russia, Volume III"
    )
    assert d2["date"] == "1917/04/06/" and d2["year"] == "1917"
    assert d2["keywords"] == ["loan", "Treasury & Finance"]
    assert len(d2["notes"]) == 2
    assert any("<blockquote>highly appreciated</blockquote>" in n for n in d2["notes"])
    assert d2["custom8"].startswith("reading-room:")
    assert any("no longer in the collection" in n for n in entries[GONE.ref]["notes"])


def test_bibtex_parses_with_bibtexparser(notebook: Notebook, library: FakeLibrary) -> None:
    text, _, _ = render(notebook, "bibtex", library=library)
    parsed = bibtexparser.parse_string(text)
    assert parsed.failed_blocks == []
    entries = {entry.fields_dict["readingroom-ref"].value: entry for entry in parsed.entries}
    assert set(entries) == {D2.ref, D3.ref, GONE.ref, "frus1918Russiav03/d7"}
    d2 = entries[D2.ref]
    assert d2.entry_type == "misc"
    assert d2.fields_dict["title"].value == D2.title
    assert d2.fields_dict["date"].value == "1917-04-06"
    assert d2.fields_dict["keywords"].value == r"loan, Treasury \& Finance"
    note = d2.fields_dict["note"].value
    assert r"\{unbalanced brace, 50\% \textbackslash{} of it\}" in note
    assert "“highly appreciated” — =SUM(A1:A2)" in note
    assert "readingroom-data" in d2.fields_dict
    assert len({entry.key for entry in parsed.entries}) == 4


@pytest.mark.filterwarnings("ignore:The following arguments for Reference are unsupported")
def test_csl_json_renders_with_citeproc(notebook: Notebook, library: FakeLibrary) -> None:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    from reading_room.core.citation import style_path

    text, _, _ = render(notebook, "csl-json", library=library)
    items = json.loads(text)
    assert {item["id"] for item in items} == {D2.ref, D3.ref, GONE.ref, "frus1918Russiav03/d7"}
    d2 = next(item for item in items if item["id"] == D2.ref)
    assert {key: d2[key] for key in csl_item(D2)} == csl_item(D2)  # the item of the document view
    assert d2["issued"] == {"date-parts": [[1917, 4, 6]]}
    assert "“highly appreciated”" in d2["note"] and d2["keyword"] == "loan, Treasury & Finance"
    assert d2["custom"]["reading-room"]["format"] == "reading-room-notes"

    style = CitationStylesStyle(str(style_path()), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"].lower())]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 4
    assert any("Ambassador in Russia (Francis)" in entry and "1917" in entry for entry in rendered)


def test_csv_opens_as_rows_and_is_safe_in_a_spreadsheet(notebook: Notebook) -> None:
    text, _, _ = render(notebook, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["record"] for row in rows].count("note") == 5
    assert [row["record"] for row in rows].count("bookmark") == 3
    texts = [row["text"] for row in rows if row["record"] == "note"]
    assert "'=SUM(A1:A2) is not a formula here" in texts  # not run as a formula
    assert "''leading apostrophe" in texts
    assert not any(value.startswith(("=", "+", "@")) for row in rows for value in row.values())
    passage = next(row for row in rows if row["quote"] == "highly appreciated")
    assert passage["kind"] == "passage" and int(passage["start"]) == D2.body.index(
        "highly appreciated"
    )


def test_files_written_whole_with_a_bom_for_csv(notebook: Notebook, tmp_path: Path) -> None:
    export_notes(notebook, "csv", tmp_path / "n.csv")
    assert (tmp_path / "n.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    export_notes(notebook, "md", tmp_path / "n.md")
    assert not (tmp_path / "n.md").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not list(tmp_path.glob("*.partial"))


# -- reading back ------------------------------------------------------------------------


def test_format_is_told_by_name_or_contents(notebook: Notebook) -> None:
    for fmt in FORMATS:
        text, _, _ = render(notebook, fmt)
        assert detect_format(text, f"x{EXTENSIONS[fmt]}") == fmt
        assert detect_format(text) == fmt
        assert len(read_export(text).notes) == 5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.md", "# Just my own notes\n", "holds no Reading Room data"),
        ("x.ris", "TY  - JOUR\nTI  - From Zotero\nER  - \n", "holds no Reading Room notes"),
        ("x.bib", "@article{a, title={From Zotero}}\n", "holds no Reading Room notes"),
        ("x.json", '[{"id": "a", "type": "book"}]', "holds no Reading Room notes"),
        ("x.json", "{not json", "not a CSL-JSON file"),
        ("x.csv", "a,b\n1,2\n", "not a Reading Room export"),
        ("x.xyz", "hello", "not a Reading Room export"),
        ("x.md", '<!-- reading-room-data\n{"format": "other"}\n-->', "not a Reading Room export"),
        (
            "x.md",
            '<!-- reading-room-data\n{"format": "reading-room-notes", "version": 99}\n-->',
            "newer Reading Room",
        ),
        ("x.md", "<!-- reading-room-data\n{broken\n-->", "damaged"),
        ("x.bib", "@misc{a, readingroom-data = {!!notbase64}}", "holds no Reading Room notes"),
        ("x.bib", "@misc{a, readingroom-data = {aGVsbG8=}}", "damaged"),
    ],
)
def test_files_that_are_not_our_exports_are_refused_with_a_message(
    notebook: Notebook, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadExportFile, match=message):
        import_notes(notebook, path)


def test_a_bad_file_changes_nothing(notebook: Notebook, tmp_path: Path) -> None:
    text, _, _ = render(notebook, "csv")
    lines = text.splitlines()
    broken = "\r\n".join([*lines, "note,x,frus/d1,,,,,,,,document,text,,,,,,,not a time,"])
    path = tmp_path / "broken.csv"
    path.write_text(broken, encoding="utf-8")
    before = _comparable(notebook.export_data())
    with pytest.raises(BadExportFile, match="Line"):
        import_notes(notebook, path)
    assert _comparable(notebook.export_data()) == before
    with pytest.raises(BadExportFile, match="no file"):
        import_notes(notebook, tmp_path / "missing.md")


def test_marker_typed_into_a_note_does_not_confuse_the_markdown_import(
    notebook: Notebook, tmp_path: Path
) -> None:
    notebook.add_document_note(D3, "<!-- reading-room-data\n{}\n-->")
    out = tmp_path / "n.md"
    export_notes(notebook, "md", out)
    assert len(read_export(out.read_text(encoding="utf-8")).notes) == 6
