"""``reading-room`` with no arguments: the application, its window, and a clean exit.

The window shows at once, saying "Opening the collections…", while the library
opens on the write worker (it may rebuild the index or load the sample
collection the first time). Errors are logged to a file in the installation's
home; the window only ever shows their plain words.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ..core import paths
from .icons import app_icon

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
    assert isinstance(app, QApplication)
    return app


def run(db_url: str | None = None, argv: Sequence[str] | None = None) -> int:
    """Open the window on the installation's collections; returns the exit code."""
    configure_logging()
    app = application(argv)
    from .main_window import MainWindow
    from .tasks import TaskManager

    tasks = TaskManager()
    window = MainWindow(tasks)
    window.show()
    window.open_user_data()  # first: a quick check of my notes, then the collections
    window.open_library(db_url)
    code = app.exec()
    dispose(window)
    return int(code)


def dispose(window: Any) -> None:
    """Stop the workers, then delete the window before Python tears the bindings down."""
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
