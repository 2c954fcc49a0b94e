"""``reading-room notes`` and ``reading-room profiles``: one profile's notes, never another's."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reading_room import cli_notes
from reading_room.cli import main
from reading_room.core import exports
from reading_room.core.userdata import UserStore

SECRET = "Anna's secret reading of the Sisson documents"


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def anna(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Profile "anna" (password "pw") with a bookmark and a note; "boris" without a password."""
    assert run(capsys, monkeypatch, "profiles", "add", "anna", "--password", stdin="pw\n")[0] == 0
    assert run(capsys, monkeypatch, "profiles", "add", "boris")[0] == 0
    with UserStore() as store:
        notebook = store.sign_in("anna", "pw")
        notebook.bookmark("frus1918Russiav03/d5", list_name="Sisson", tags=["forgery"])
        notebook.add_document_note("frus1918Russiav03/d5", SECRET)
        store.sign_in("boris").add_document_note("frus1918Russiav03/d6", "Boris's own note")


def test_formats_of_the_parser_are_those_of_the_exports() -> None:
    assert cli_notes.FORMATS == exports.FORMATS
    assert cli_notes.EXTENSIONS == exports.EXTENSIONS


def test_profiles_list_add_passwd_remove(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, anna: None
) -> None:
    code, out, _ = run(capsys, monkeypatch, "profiles", "list")
    assert code == 0
    assert "anna  (password)" in out and "boris" in out
    code, _, err = run(capsys, monkeypatch, "profiles", "add", "Anna")
    assert code == 2 and "already exists" in err
    # passwd: the current password first, then the new one
    code, _, err = run(capsys, monkeypatch, "profiles", "passwd", "anna", stdin="wrong\nnew\n")
    assert code == 2 and err.strip() == "reading-room: Wrong password for profile 'anna'."
    code, out, _ = run(capsys, monkeypatch, "profiles", "passwd", "anna", stdin="pw\nnew\n")
    assert code == 0 and "now has a password" in out
    code, out, _ = run(capsys, monkeypatch, "profiles", "passwd", "boris", stdin="bpw\n")
    assert code == 0
    code, _, err = run(capsys, monkeypatch, "profiles", "remove", "anna", stdin="new\n")
    assert code == 2 and "still holds 1 note and 1 bookmark" in err
    code, _, err = run(
        capsys, monkeypatch, "profiles", "remove", "anna", "--delete-notes", stdin="pw\n"
    )
    assert code == 2 and "Wrong password" in err
    code, out, _ = run(
        capsys, monkeypatch, "profiles", "remove", "anna", "--delete-notes", stdin="new\n"
    )
    assert code == 0
    code, _, _ = run(capsys, monkeypatch, "profiles", "rename", "boris", "Boris B", stdin="bpw\n")
    assert code == 0
    code, out, _ = run(capsys, monkeypatch, "profiles", "list")
    assert out.strip() == "Boris B  (password)"
    code, _, err = run(capsys, monkeypatch, "profiles", "remove", "nobody")
    assert code == 2 and "No profile named 'nobody'" in err


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_export_with_another_profile_holds_none_of_annas_notes(
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    anna: None,
    tmp_path: Path,
) -> None:
    out = tmp_path / f"boris{exports.EXTENSIONS[fmt]}"
    code, printed, _ = run(
        capsys, monkeypatch, "notes", "export", "--format", fmt, "--profile", "boris", str(out)
    )
    assert code == 0, printed
    text = out.read_text(encoding="utf-8-sig")
    assert "own note" in text
    assert SECRET not in text and "Sisson" not in text and "forgery" not in text
    assert [n.text for n in exports.read_export(text, fmt).notes] == ["Boris's own note"]


def test_a_protected_profile_needs_its_password(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, anna: None, tmp_path: Path
) -> None:
    out = tmp_path / "anna.md"
    code, _, err = run(
        capsys, monkeypatch, "notes", "export", "--profile", "anna", str(out), stdin="guess\n"
    )
    assert code == 2 and err.strip() == "reading-room: Wrong password for profile 'anna'."
    assert not out.exists()
    code, _, err = run(capsys, monkeypatch, "notes", "export", "--profile", "anna", str(out))
    assert code == 2 and "Wrong password" in err  # an empty line is no password
    code, printed, _ = run(
        capsys,
        monkeypatch,
        "notes",
        "export",
        "--profile",
        "anna",
        "--password-stdin",
        str(out),
        stdin="pw\n",
    )
    assert code == 0 and "1 note and 1 bookmark" in printed
    assert SECRET in out.read_text(encoding="utf-8")


def test_export_one_list_to_standard_output(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, anna: None
) -> None:
    code, out, err = run(
        capsys,
        monkeypatch,
        "notes",
        "export",
        "--format",
        "csl-json",
        "--list",
        "Sisson",
        "--profile",
        "anna",
        "-",
        stdin="pw\n",
    )
    assert code == 0, err
    (item,) = json.loads(out)
    assert item["id"] == "frus1918Russiav03/d5" and SECRET in item["note"]
    code, _, err = run(
        capsys,
        monkeypatch,
        "notes",
        "export",
        "--list",
        "Nope",
        "--profile",
        "anna",
        "-",
        stdin="pw\n",
    )
    assert code == 2 and "no bookmark list named 'Nope'" in err


def test_import_into_a_profile_then_again_adds_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, anna: None, tmp_path: Path
) -> None:
    out = tmp_path / "anna.ris"
    assert (
        run(capsys, monkeypatch, "notes", "export", "--profile", "anna", str(out), stdin="pw\n")[0]
        == 0
    )
    monkeypatch.setenv("READING_ROOM_USER_DB", str(tmp_path / "other-computer.sqlite3"))
    code, printed, _ = run(capsys, monkeypatch, "notes", "import", str(out))
    assert code == 0
    assert "Notes: 1 added" in printed and "Bookmarks: 1 added" in printed
    code, printed, _ = run(capsys, monkeypatch, "notes", "import", str(out))
    assert "Notes: 0 added, 0 updated, 1 already present" in printed
    code, _, err = run(capsys, monkeypatch, "notes", "import", str(tmp_path / "missing.ris"))
    assert code == 2 and "There is no file" in err


def test_boris_cannot_change_or_delete_annas_notes_from_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, anna: None, tmp_path: Path
) -> None:
    # an export of Anna's, obtained somehow, edited and imported by Boris changes only Boris's copy
    out = tmp_path / "anna.csv"
    assert (
        run(capsys, monkeypatch, "notes", "export", "--profile", "anna", str(out), stdin="pw\n")[0]
        == 0
    )
    out.write_text(
        out.read_text(encoding="utf-8-sig").replace(SECRET, "Boris was here"), encoding="utf-8"
    )
    code, _, _ = run(capsys, monkeypatch, "notes", "import", "--profile", "boris", str(out))
    assert code == 0
    with UserStore() as store:
        assert [n.text for n in store.sign_in("anna", "pw").notes()] == [SECRET]
        assert "Boris was here" in [n.text for n in store.sign_in("boris").notes()]
    # and the command line has no way to name a profile but by --profile with its password
    with pytest.raises(SystemExit):
        run(capsys, monkeypatch, "notes", "export", "--profile-id", "1", "-")


def test_a_recovered_database_is_reported(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reading_room.core import paths

    paths.user_db_path().write_bytes(b"garbage" * 100)
    code, _, err = run(capsys, monkeypatch, "profiles", "list")
    assert code == 0 and "damaged" in err and "set aside" in err
