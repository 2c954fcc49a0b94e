"""The user database: profiles, passwords, durability, backups and recovery."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from reading_room.core import paths
from reading_room.core.userdata import (
    PasswordRequired,
    ProfileExists,
    ProfileNotEmpty,
    ProfileNotFound,
    UserStore,
    WrongPassword,
)
from reading_room.core.userdata.models import ProfileRow
from reading_room.core.userdata.notebook import Notebook
from reading_room.core.userdata.passwords import hash_password, verify_password
from reading_room.core.userdata.profiles import default_name

# -- where and how it is kept ----------------------------------------------------------


def test_user_database_lives_apart_from_the_collections(store: UserStore) -> None:
    assert store.file == paths.user_db_path()
    assert store.file != paths.collection_db_path()
    assert store.file.is_file()


def test_environment_names_another_user_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READING_ROOM_USER_DB", str(tmp_path / "elsewhere.sqlite3"))
    with UserStore() as other:
        assert other.file == tmp_path / "elsewhere.sqlite3"


def test_written_with_full_durability(store: UserStore) -> None:
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_schema_is_made_by_the_migrations_and_matches_the_models(store: UserStore) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from reading_room.core.userdata.models import UserBase

    with store.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        )
        assert compare_metadata(MigrationContext.configure(connection), UserBase.metadata) == []


# -- profiles and passwords --------------------------------------------------------------


def test_default_profile_is_the_os_user_without_password(store: UserStore) -> None:
    assert store.profiles() == []
    notebook = store.sign_in()
    assert notebook.name == default_name()
    assert not notebook.profile.has_password
    assert [p.name for p in store.profiles()] == [default_name()]
    assert store.sign_in().profile.uid == notebook.profile.uid  # created once


def test_named_profiles_and_their_passwords(store: UserStore) -> None:
    store.add_profile("Anna", "s3cret")
    store.add_profile("Boris")
    assert [(p.name, p.has_password) for p in store.profiles()] == [
        ("Anna", True),
        ("Boris", False),
    ]
    with pytest.raises(ProfileExists):
        store.add_profile("anna")
    with pytest.raises(PasswordRequired):
        store.sign_in("Anna")
    with pytest.raises(WrongPassword, match="Wrong password for profile 'Anna'."):
        store.sign_in("Anna", "guess")
    assert store.sign_in("anna", "s3cret").name == "Anna"
    assert store.sign_in("Boris").name == "Boris"
    with pytest.raises(ProfileNotFound, match="reading-room profiles add Carla"):
        store.sign_in("Carla")


def test_password_is_kept_only_as_a_salted_slow_hash(store: UserStore) -> None:
    store.add_profile("Anna", "s3cret")
    store.add_profile("Boris", "s3cret")
    with store.session() as session:
        hashes = dict(session.query(ProfileRow.name, ProfileRow.password_hash).all())
    assert all("s3cret" not in h for h in hashes.values())
    assert hashes["Anna"] != hashes["Boris"]  # a salt of its own
    assert hashes["Anna"].startswith("scrypt$16384$8$1$")
    assert verify_password("s3cret", hashes["Anna"])
    assert not verify_password("S3cret", hashes["Anna"])
    assert not verify_password("s3cret", "garbage")
    assert hash_password("x") != hash_password("x")


def test_changing_and_removing_a_password(store: UserStore) -> None:
    store.add_profile("Anna", "old")
    with pytest.raises(WrongPassword):
        store.set_password("Anna", "wrong", "new")
    store.set_password("Anna", "old", "new")
    with pytest.raises(WrongPassword):
        store.sign_in("Anna", "old")
    notebook = store.sign_in("Anna", "new")
    notebook.change_password("new", None)
    assert not store.profile("Anna").has_password
    assert store.sign_in("Anna").name == "Anna"


def test_removing_a_profile_needs_its_password_and_keeps_notes_unless_told(
    store: UserStore,
) -> None:
    store.add_profile("Anna", "pw")
    store.sign_in("Anna", "pw").add_document_note("x/d1", "mine")
    with pytest.raises(PasswordRequired):
        store.remove_profile("Anna")
    with pytest.raises(ProfileNotEmpty, match="1 note and 0 bookmarks"):
        store.remove_profile("Anna", "pw")
    store.remove_profile("Anna", "pw", delete_notes=True)
    assert store.profiles() == []
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM notes")).scalar() == 0


def test_rename_profile(store: UserStore) -> None:
    store.add_profile("Anna", "pw")
    store.add_profile("Boris")
    with pytest.raises(ProfileExists):
        store.rename_profile("Anna", "boris", "pw")
    with pytest.raises(WrongPassword):
        store.rename_profile("Anna", "Anya", "no")
    store.rename_profile("Anna", "Anya", "pw")
    assert store.sign_in("Anya", "pw").name == "Anya"


def test_a_notebook_cannot_be_made_without_signing_in(store: UserStore) -> None:
    with pytest.raises(TypeError, match="sign_in"):
        Notebook(store, 1)


# -- backups and recovery --------------------------------------------------------------


def _backups() -> list[str]:
    folder = paths.home() / "backups"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_at_most_one_backup_a_day_and_only_the_newest_kept() -> None:
    with UserStore(keep_backups=3) as store:
        store.sign_in().add_document_note("x/d1", "a note")
        assert store.backup(date(2024, 1, 1)) is not None
        assert store.backup(date(2024, 1, 1)) is None  # once a day
        for day in range(2, 7):
            store.backup(date(2024, 1, day))
    names = _backups()
    assert f"user-{date.today().isoformat()}.sqlite3" in names  # closing made today's
    assert len(names) == 3
    assert "user-2024-01-01.sqlite3" not in names


def _damage(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.write(b"this is not a database at all, it is garbage" * 30)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def test_damaged_database_is_set_aside_and_the_newest_backup_restored() -> None:
    with UserStore() as store:
        notebook = store.sign_in()
        kept = notebook.add_document_note("x/d1", "in yesterday's backup")
        store.backup(date(2000, 1, 1))
        store.backup()  # today's
        notebook.add_document_note("x/d2", "written after the backup")
        path = store.file
    assert path is not None
    _damage(path)
    with UserStore() as store:
        assert store.recovery_message is not None
        assert "damaged" in store.recovery_message
        assert f"backup of {date.today().isoformat()}" in store.recovery_message
        assert [n.text for n in store.sign_in().notes()] == [kept.text]
        aside = list(path.parent.glob("user.sqlite3.damaged-*"))
        assert len(aside) == 1 and aside[0].name in store.recovery_message
        assert b"garbage" in aside[0].read_bytes()


def test_damaged_database_without_backup_starts_afresh_and_keeps_the_damaged_one() -> None:
    path = paths.user_db_path()
    path.write_bytes(b"garbage" * 1000)
    with UserStore() as store:
        assert store.recovery_message is not None
        assert "no sound backup" in store.recovery_message
        assert store.sign_in().notes() == ()
    assert list(path.parent.glob("user.sqlite3.damaged-*"))


def test_damaged_backups_are_passed_over() -> None:
    with UserStore() as store:
        store.sign_in().add_document_note("x/d1", "old but sound")
        store.backup(date(2000, 1, 1))
    today = paths.home() / "backups" / f"user-{date.today().isoformat()}.sqlite3"
    today.write_bytes(b"garbage" * 1000)
    _damage(paths.user_db_path())
    with UserStore() as store:
        assert store.recovery_message is not None
        assert "backup of 2000-01-01" in store.recovery_message
        assert [n.text for n in store.sign_in().notes()] == ["old but sound"]


# -- a note survives the process being killed -------------------------------------------------


def test_note_saved_then_process_killed_is_there_afterwards() -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from reading_room.core.userdata import UserStore
        notebook = UserStore().sign_in()
        note = notebook.add_document_note("frus1918Russiav03/d2", "")
        for text in ("L", "Loan", "Loan of five hundred million"):
            notebook.update_note(note.uid, text)
        print("saved", note.uid, flush=True)
        time.sleep(60)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().split()
        assert line[0] == "saved", line
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(10)
    assert process.returncode == -signal.SIGKILL
    with UserStore() as store:
        assert store.recovery_message is None
        assert store.sign_in().note(line[1]).text == "Loan of five hundred million"
