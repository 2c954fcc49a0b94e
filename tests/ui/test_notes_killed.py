"""A note typed in the real window survives the process being killed (SIGKILL) right after.

The window runs in a child process, offscreen, as a user runs it; a note is typed into
the document note editor and, once the pause in typing has saved it — no closing, no
flushing — the process is killed with SIGKILL. A new store must read the note back.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ui_fixture import ref, write_collection

from reading_room.core.library import Library
from reading_room.core.userdata import UserStore

SCRIPT = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from reading_room.core.library import Library
from reading_room.ui.app import application
from reading_room.ui.main_window import MainWindow
from reading_room.ui.tasks import TaskManager

app = application()
window = MainWindow(TaskManager())
window.show()
window.set_library(Library.open(sys.argv[1], load_sample=False))
window.open_user_data()
state = {"step": "signing in"}

def step():
    user, pane = window.user_panes.user, window.document_pane
    settled = user.saver.idle and not window.tasks.busy
    if state["step"] == "signing in" and user.ready:
        window.open_ref(sys.argv[2])
        state["step"] = "opening"
    elif state["step"] == "opening" and pane.view is not None and settled:
        pane.notes_panel.editor.setFocus()
        QTest.keyClicks(pane.notes_panel.editor, sys.argv[3])
        print("TYPED", flush=True)
        state["step"] = "typed"
    elif state["step"] == "typed" and settled:
        print("SAVED", flush=True)  # by the pause in typing alone
        state["step"] = "waiting to be killed"
    QTimer.singleShot(10, step)

QTimer.singleShot(0, step)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_note_typed_just_before_a_sigkill_is_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    with Library.open(url, load_sample=False) as library:
        library.import_paths([write_collection(tmp_path)])
    text = "Typed a moment before the crash: the ambassador was right"
    env = dict(os.environ, READING_ROOM_NO_SAMPLE="1", QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, url, ref(4), text],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 90
        assert child.stdout is not None
        while "SAVED" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([child.stdout], [], [], 1.0)
            if ready:
                line = child.stdout.readline()
                if not line:
                    break
                seen.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        _, errors = child.communicate(timeout=30)
    assert seen == ["TYPED", "SAVED"], errors[-2000:]
    assert child.returncode == -signal.SIGKILL

    with UserStore() as store:
        notes = store.sign_in().notes(ref=ref(4))
    assert [note.text for note in notes] == [text]
