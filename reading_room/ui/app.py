"""``reading-room`` with no arguments: the application, its window, and a clean exit.

The window shows at once, saying "Opening the collections…", while the library
opens on the write worker (it may rebuild the index or load the sample
collection the first time). Errors are logged to a file in the installation's
home; the window only ever shows their plain words.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ..core import paths
from ..core.opening import Opening
from .icons import app_icon
from .labels import group_digits_in_c_locale

ORGANISATION = "Reading Room"
APPLICATION = "reading-room"
DISPLAY_NAME = "Reading Room"


def log_path() -> str:
    return str(paths.log_path())


def configure_logging() -> None:
    root = logging.getLogger()
    if any(getattr(handler, "_reading_room", False) for handler in root.handlers):
        return
    try:
        handler: logging.Handler = logging.FileHandler(log_path(), encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler._reading_room = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The one QApplication, named so that settings and the desktop entry find it."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
        app.setApplicationDisplayName(DISPLAY_NAME)
        app.setDesktopFileName(APPLICATION)
        app.setWindowIcon(app_icon())
        group_digits_in_c_locale()
    assert isinstance(app, QApplication)
    return app


def run(
    db_url: str | None = None,
    argv: Sequence[str] | None = None,
    opening: Opening | None = None,
) -> int:
    """Open the window on the installation's collections; returns the exit code.

    ``opening``: the collections' opening, started before Qt was loaded (``reading-room``
    does so); without it, it starts when the window shows."""
    app, window = start(db_url, argv, opening)
    code = app.exec()
    dispose(window)
    return int(code)


def start(
    db_url: str | None = None,
    argv: Sequence[str] | None = None,
    opening: Opening | None = None,
) -> tuple[QApplication, Any]:
    """The application and its window, shown; my notes and the collections opening."""
    configure_logging()
    app = application(argv)
    from .main_window import MainWindow
    from .tasks import TaskManager

    share_the_interpreter()
    tasks = TaskManager()
    window = MainWindow(tasks)
    window.library_opened.connect(lambda _library: freeze_long_lived())
    window.show()
    # the collections first: the query box is usable as soon as they are open (with an
    # index in step with them, in a fraction of a second); then my notes
    window.open_library(db_url, opening=opening)
    window.open_user_data()
    return app, window


#: how long a worker thread may run Python before it must hand the interpreter back
SWITCH_INTERVAL = 0.001


def share_the_interpreter() -> None:
    """Let the GUI thread have the interpreter back sooner from a worker running Python.

    Reading a document (SQLAlchemy) or parsing a query is Python on a worker; every call
    Qt makes into Python on the GUI thread meanwhile — a delegate painting a row, a model
    giving a value — waits until the worker hands the interpreter over, which it is made
    to do only after the switch interval: 5 ms by default, and a repaint makes hundreds of
    such calls. At 1 ms the window answers sooner; the workers lose next to nothing.
    """
    sys.setswitchinterval(SWITCH_INTERVAL)


def freeze_long_lived() -> None:
    """Leave the objects that exist now out of the garbage collector's full passes.

    Once the collections are open, what exists (the library, its index and caches, the
    window) lives as long as the application: about 100,000 Python objects at 100,000
    documents, which every full collection — one every few searches — walked through
    again: 60 ms with the interpreter's lock held, on whichever thread it fell, and the
    window froze for as long. Frozen objects are still freed as soon as nothing refers to
    them; only cycles among them would outlive their use, and they live to the end anyway.
    An import unfreezes everything (``core.library``); the window says the collections are
    open again after it (``library_opened``), and what exists is frozen again.
    """
    gc.freeze()


def dispose(window: Any) -> None:
    """Stop the workers, then delete the window before Python tears the bindings down."""
    gc.unfreeze()  # the objects go as they always did, not as leftovers of the interpreter
    window.user_panes.flush()
    window.tasks.shutdown()
    window.user_panes.user.close()
    library = window.library
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    if library is not None:
        library.close()
    _release_clipboard()


def _release_clipboard() -> None:
    """Leave Qt's own copy of what we put on the clipboard (its text) at exit.

    Mime data made in Python (Copy citation puts text and HTML) is freed twice
    when the interpreter shuts down after QApplication, and the process dies
    with a segmentation fault; text set by Qt itself is not.
    """
    clipboard = QGuiApplication.clipboard()
    in_process = QGuiApplication.platformName() in ("offscreen", "minimal")  # never "owns" it
    data = clipboard.mimeData()
    if clipboard.ownsClipboard() or (in_process and data is not None and data.formats()):
        clipboard.setText(clipboard.text())


if __name__ == "__main__":
    sys.exit(run())
