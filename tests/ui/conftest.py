"""Fixtures of the window tests: the fixture collection (see ui_fixture.py) and windows over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_fixture import make_window, open_library

from reading_room.core.library import Library


@pytest.fixture(scope="session")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    """The fixture collection, read-only, shared by the tests that only search it."""
    library = open_library(tmp_path_factory.mktemp("fixture-library"))
    yield library
    library.close()


@pytest.fixture
def own_library(tmp_path: Path) -> Iterator[Library]:
    """A fresh copy for tests that import into it."""
    folder = tmp_path / "library"
    folder.mkdir()
    library = open_library(folder)
    yield library
    library.close()


@pytest.fixture
def window(qtbot: Any, shared_library: Library) -> Iterator[Any]:
    window = make_window(qtbot, shared_library)
    yield window
    window.tasks.shutdown()


@pytest.fixture(autouse=True)
def _collect_qt_garbage(qapp: Any) -> Iterator[None]:
    """Free each test's parentless Qt objects while the application still exists.

    Left to the interpreter's final garbage collection, after QApplication is
    gone, PySide objects can crash the process on exit (rc 134/139) even
    though every test passed; QMimeData left on the clipboard does so every time.
    """
    yield
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    # mime data handed to the clipboard (Copy citation) is freed twice at exit otherwise
    QApplication.clipboard().clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def user_window(qtbot: Any, shared_library: Library) -> Iterator[Any]:
    """A window with my notes opened in the test's own (empty) user database."""
    from ui_fixture import make_user_window

    window = make_user_window(qtbot, shared_library)
    yield window
    window.user_panes.flush()
    window.tasks.shutdown()
    window.user_panes.user.close()
