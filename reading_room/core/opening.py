"""The collections opened on a thread of their own from the first moment of the process.

``reading-room`` starts one before it loads Qt: opening the collections (loading tantivy,
reading the index's files, checking the index against the database) then runs beside the
loading of Qt and the building of the window, instead of after it. With an index in step
with a SQLite database, the opening needs no SQLAlchemy (``Library.open``, ``quick_state``)
and is over long before the window shows. Measured by hand on the million documents of the
benchmark (``benchmarks/window.py``), five starts each: the query box usable 1.0–1.2 s after
the process started with nothing in the page cache (1.8–2.1 s before, the same hour), 0.7–0.8 s
with the files cached (1.0–1.4 s).

The window's write worker takes the library over (``result``): it waits for the opening to
end and, while the index is being built or brought up to date, passes its progress on.
This module loads nothing heavy itself: the thread does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .library import Library

Progress = Callable[[int, int], None]


class Opening:
    """``Library.open(db_url, …, check_later=True)`` running on its own thread."""

    def __init__(self, db_url: str | None = None, *, load_sample: bool | None = None) -> None:
        self.db_url = db_url
        self._load_sample = load_sample
        self._future: Future[Library] = Future()
        self._progress: Progress | None = None
        self._thread = threading.Thread(target=self._open, name="opening", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            from .library import Library

            library = Library.open(
                self.db_url,
                load_sample=self._load_sample,
                index_progress=self._report,
                check_later=True,
            )
        except BaseException as error:  # handed to whoever takes the library
            self._future.set_exception(error)
            return
        self._future.set_result(library)

    def _report(self, done: int, total: int) -> None:
        progress = self._progress
        if progress is not None:
            progress(done, total)

    def result(self, progress: Progress | None = None) -> Library:
        """The open library, once it is open (its error, raised, if it could not be opened);
        ``progress`` hears of the index's building from now on."""
        self._progress = progress
        return self._future.result()

    def done(self) -> bool:
        return self._future.done()
