"""A small collection in which ``treaty`` has exactly 22 hits, and windows over it.

Thirty documents, "Document 01" … "Document 30": the first 22 mention a treaty,
the other eight a harvest. Odd ones name Tito and were written in Belgrade,
even ones Khrushchev in Moscow; the years run 1954 … 1962 in turn, so each
filter has a count that can be worked out here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from reading_room.core import paths
from reading_room.core.library import NO_SAMPLE_ENV, Library

QUERY = "treaty"
TOTAL = 22
COLLECTION = {"id": "fixture-treaties", "title": "Fixture: treaties and harvests"}


def record(i: int) -> dict[str, Any]:
    year = 1954 + (i - 1) % 9
    treaty = i <= TOTAL
    odd = i % 2 == 1
    return {
        "ref": f"doc{i:02d}",
        "date": f"{year}-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}",
        "title": f"Document {i:02d}",
        "summary": f"Summary of document {i}.",
        "text": (
            f"The delegation discussed the treaty at length in paragraph {i}. The treaty was signed."
            if treaty
            else f"The harvest of the cooperative farms was reported in paragraph {i}."
        ),
        "persons": ["Tito, Josip Broz"] if odd else ["Khrushchev, Nikita"],
        "places": ["Belgrade"] if odd else ["Moscow"],
        "subjects": ["Soviet-Yugoslav relations"],
        "language": "en" if i % 5 else "ru",
        "type": "telegram" if i % 3 else "memorandum",
        "source": f"Fixture archive, file {i}",
    }


RECORDS = [record(i) for i in range(1, 31)]


def year_of(item: dict[str, Any]) -> int:
    return int(item["date"][:4])


def write_collection(folder: Path) -> Path:
    path = folder / "fixture-treaties.jsonl"
    lines = [json.dumps({"@collection": COLLECTION})] + [json.dumps(r) for r in RECORDS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def open_library(folder: Path) -> Library:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(paths.HOME_ENV, str(folder))
        patch.setenv(NO_SAMPLE_ENV, "1")
        library = Library.open(f"sqlite:///{folder / 'collections.sqlite3'}", load_sample=False)
        report = library.import_paths([write_collection(folder)])
    assert report.ok, report.problems
    return library


class SlowLibrary:
    """The library with searches for one query held back, to see a late answer dropped."""

    def __init__(self, library: Library, slow_query: str, delay: float = 1.0) -> None:
        self._library = library
        self.slow_query = slow_query
        self.delay = delay
        self.slow_finished = False

    def search(self, request: Any) -> Any:
        if request.query == self.slow_query:
            time.sleep(self.delay)
            page = self._library.search(request)
            self.slow_finished = True
            return page
        return self._library.search(request)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._library, name)


def make_window(qtbot: Any, library: Any) -> Any:
    from reading_room.ui.main_window import MainWindow
    from reading_room.ui.settings import Settings
    from reading_room.ui.tasks import TaskManager

    tasks = TaskManager()
    window = MainWindow(tasks, Settings.open())
    window._test_tasks = tasks  # keep the manager alive as long as the window
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if library is not None:
        window.set_library(library)
        wait_idle(qtbot, window)
    return window


def wait_idle(qtbot: Any, window: Any, timeout: int = 10_000) -> None:
    """Until no search is pending: typed text searched, results shown, facets counted and listed."""
    qtbot.waitUntil(
        lambda: (
            window.session.page is not None
            and not window.search_pane.typing
            and not window.updating
            and window.session.page.page == window.session.request.page
        ),
        timeout=timeout,
    )


def make_user_window(qtbot: Any, library: Any) -> Any:
    """A window over ``library`` with my notes opened (the test's own user database)."""
    window = make_window(qtbot, library)
    window.open_user_data()
    user = window.user_panes.user
    qtbot.waitUntil(lambda: user.ready, timeout=10_000)
    wait_user_idle(qtbot, window)
    return window


def wait_user_idle(qtbot: Any, window: Any, timeout: int = 10_000) -> None:
    """Until every note is saved and every answer of the user database is shown."""
    user = window.user_panes.user
    qtbot.waitUntil(lambda: user.saver.idle and not window.tasks.busy, timeout=timeout)
    wait_idle(qtbot, window, timeout)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=timeout)


def open_document(qtbot: Any, window: Any, ref: str) -> Any:
    """Open one document by its reference and wait for it and my notes on it."""
    pane = window.document_pane
    window.open_ref(ref)
    qtbot.waitUntil(lambda: pane.view is not None and pane.view.ref == ref, timeout=10_000)
    wait_user_idle(qtbot, window)
    return pane


def ref(i: int) -> str:
    """The reference of "Document i" as the importer stores it."""
    return f"{COLLECTION['id']}/doc{i:02d}"
