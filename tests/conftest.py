"""Every test runs in its own installation folder, offscreen, without the sample."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("READING_ROOM_CORPORA", REPO.parent / "shared" / "corpora"))
if not CORPORA.is_dir():
    CORPORA = REPO.parent.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def reading_room_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("READING_ROOM_HOME", str(home))
    monkeypatch.delenv("READING_ROOM_DB", raising=False)
    return home


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.fail(f"shared corpora not found at {CORPORA}; set READING_ROOM_CORPORA")
    return CORPORA
