"""``reading-room`` with no arguments: the window opens at once and the collections behind it.

Run in a child process, as a user runs it: ``run()`` owns the event loop, and the
process must also exit cleanly (a crash while Python shuts down is a crash too).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from ui_fixture import write_collection

from reading_room.core.library import Library

SCRIPT = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reading_room.ui import app as app_module

seen = {}

def watch():
    windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "session") and w.isVisible()]
    if windows:
        window = windows[0]
        seen.setdefault("opening", window.results.empty.text())
        if window.session.page is not None and not window.session.searching and window.user_panes.user.ready:
            print("OPENING", seen["opening"])
            print("PROFILE", window.user_panes.profile_label.text())
            print("HEADER", window.results.pager.header.text())
            window.search_pane.query_box.setText("treaty")
            window.search_pane.submit()
            QTimer.singleShot(300, QApplication.instance().quit)
            return
    QTimer.singleShot(20, watch)

QTimer.singleShot(0, watch)
if sys.argv[2:] == ["cli"]:  # as ``reading-room --db URL`` starts it
    from reading_room.cli import main
    code = main(["--db", sys.argv[1]])
else:
    code = app_module.run(db_url=sys.argv[1])
print("EXIT", code)
"""


@pytest.mark.parametrize("started", ["run", "cli"])
def test_run_opens_the_window_and_exits_cleanly(tmp_path: Path, started: str) -> None:
    """``cli``: the collections start opening before Qt loads (``core.opening``)."""
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    with Library.open(url, load_sample=False) as library:
        library.import_paths([write_collection(tmp_path)])
    env = dict(os.environ, READING_ROOM_NO_SAMPLE="1", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, url, started],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "OPENING <h2>Opening the collections…</h2>" in result.stdout
    assert "HEADER Results: 1 – 10 of 30" in result.stdout
    assert "PROFILE Profile: " in result.stdout  # my notes opened beside the collections
    assert "EXIT 0" in result.stdout
    settings = Path(os.environ["READING_ROOM_HOME"]) / "settings.ini"
    assert "treaty" in settings.read_text(encoding="utf-8")  # the last search, kept


def test_the_window_loads_without_sqlalchemy() -> None:
    """SQLAlchemy (0.4 s to load here) is loaded by the workers that open the databases, not
    by the GUI thread before the window shows."""
    code = (
        "import sys, reading_room.ui.app, reading_room.ui.main_window; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
