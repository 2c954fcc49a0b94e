"""The command line as staff and scripts use it: output, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reading_room.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(twenty_two: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "import", str(twenty_two))
    assert code == 0, out
    return twenty_two


def test_import_prints_a_report_and_exits_0(
    twenty_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import", str(twenty_two))
    assert code == 0
    assert "Imported 30 documents (30 new, 0 updated)" in out
    assert err == ""


def test_import_of_bad_files_prints_one_line_each_and_exits_1(
    tmp_path: Path, twenty_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text(
        '<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<text><body><div type="document"><p>unclosed\n'
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    code, out, err = run(capsys, "import", str(broken), str(empty), str(twenty_two))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{broken}:") and "Traceback" not in err
    assert lines[1].startswith(str(empty))
    assert "30 new" in out


def test_search_text_output_reads_like_the_archive_listing(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "search", "legation", "--page", "2", "--sort", "date")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Results: 11 - 20 of 22"
    assert "11. 1960-05-" in out and "20. 1969-05-" in out
    assert "Report 11 on the legation" in out
    assert "t22/011 · t22" in out


def test_search_json(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "search", "legation", "--page", "3", "--json", "--person", "Edvard Kardelj"
    )
    data = json.loads(out)
    assert {"total", "page", "page_size", "first", "last", "hits", "facets", "years"} <= set(data)
    assert data["total"] == 11 and data["page"] == 2  # past the end → the last page
    assert (data["first"], data["last"]) == (11, 11)
    hit = data["hits"][0]
    assert {"ref", "date", "title", "snippet", "collection"} <= set(hit)
    # a field's own filter does not narrow its own facet (the alternatives stay visible) …
    assert {f["value"]: f["count"] for f in data["facets"]["person"]} == {
        "Edvard Kardelj": 11,
        "Koča Popović": 11,
    }
    # … but narrows every other facet
    assert {f["value"]: f["count"] for f in data["facets"]["place"]} == {"Belgrade": 11}


def test_search_filters_and_no_results(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "search", "legation", "--from", "1960", "--to", "1962-06")
    assert out.splitlines()[0] == "Results: 1 - 3 of 3"
    _, out, _ = run(capsys, "search", "legatoin")
    assert out.splitlines()[0] == "Results: 0 - 0 of 0"
    assert "Did you mean: legation" in out


def test_a_bad_date_is_one_line_and_exit_2(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "search", "legation", "--from", "19x6")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "19x6" in err


def test_show(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "t22/005")
    assert code == 0
    assert out.startswith("Report 5 on the legation\n")
    assert "Reference:   t22/005" in out
    code, out, _ = run(capsys, "show", "t22/005", "--json")
    assert json.loads(out)["persons"] == ["Edvard Kardelj"]
    code, _, err = run(capsys, "show", "t22/999")
    assert (
        code == 2
        and err.strip()
        == "reading-room: No document with reference 't22/999' in this installation."
    )


def test_stats_and_reindex(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--json")
    data = json.loads(out)
    assert data["documents"] == 30 and data["index_state"] == "up to date"
    code, out, _ = run(capsys, "reindex")
    assert code == 0 and out.strip() == "Indexed 30 documents."
    code, out, _ = run(capsys, "stats")
    assert "30 documents in 1 collection" in out


def test_db_option_points_at_another_database(
    tmp_path: Path, twenty_two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    run(capsys, "import", "--db", url, str(twenty_two))
    _, out, _ = run(capsys, "stats", "--json", "--db", url)
    assert json.loads(out)["documents"] == 30
    _, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["documents"] == 0


def test_a_database_that_cannot_be_opened_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "stats", "--db", "nosuchdialect://x")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_the_installed_command_answers_tito_right_after_install(tmp_path: Path) -> None:
    env = {**os.environ, "READING_ROOM_HOME": str(tmp_path / "fresh")}
    env.pop("READING_ROOM_NO_SAMPLE", None)
    result = subprocess.run(
        [sys.executable, "-m", "reading_room", "search", "Tito"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("Results: 1 - 10 of ")


def test_output_read_only_in_part_ends_quietly(tmp_path: Path) -> None:
    """``reading-room search Tito | head -1``: the reader closes the pipe before the results
    are written; the command stops without a traceback."""
    env = {**os.environ, "READING_ROOM_HOME": str(tmp_path / "fresh")}
    env.pop("READING_ROOM_NO_SAMPLE", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "reading_room", "search", "Tito", "--page-size", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before the command has started: its first write finds no reader
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert err == ""
