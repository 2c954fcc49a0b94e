"""Render the window, offscreen, in the states people see — for the eyes of whoever changes it.

    python -m reading_room.ui.screenshots OUTDIR [--frus PATH] [--size 1440x900] [--dark]

On the sample collection and on an imported FRUS volume, four states each:
results page 2, a document with its matches highlighted, the timeline with a
date range, a facsimile. Each installation is made in a temporary folder; the
user's own is never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_FRUS = Path("/work/shared/corpora/frus/volumes/frus1918Russiav03.xml")


def _wait(app: Any, predicate: Callable[[], bool], timeout: float = 30.0, what: str = "") -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if predicate():
            return
        time.sleep(0.01)
    raise SystemExit(f"screenshots: timed out waiting for {what or 'the window'}")


def _settle(app: Any, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def dark_palette() -> Any:
    """A dark palette like a desktop's dark theme, to check what follows the palette."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2b2e"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1f1f22"),
        (roles.AlternateBase, "#2a2a2e"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#333337"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.Highlight, "#3d7ad6"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.PlaceholderText, "#8d8d93"),
        (roles.Mid, "#505056"),
        (roles.Midlight, "#3a3a3f"),
        (roles.Dark, "#18181a"),
        (roles.Light, "#4a4a50"),
        (roles.ToolTipBase, "#333337"),
        (roles.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#77777c"))
    return palette


class Shooter:
    def __init__(self, app: Any, out: Path, size: tuple[int, int]) -> None:
        self.app = app
        self.out = out
        self.size = size
        self.files: list[Path] = []

    def window(self, library: Any) -> Any:
        from .main_window import MainWindow
        from .settings import Settings
        from .tasks import TaskManager

        window = MainWindow(TaskManager(), Settings.open())
        window.resize(*self.size)
        window.splitter.setSizes([230, 500, self.size[0] - 730])
        window.show()
        window.set_library(library)
        self.idle(window)
        return window

    def idle(self, window: Any) -> None:
        _wait(
            self.app,
            lambda: (
                window.session.page is not None
                and not window.session.searching
                and not window.tasks.busy
                and not window.search_pane.typing
            ),
            what="the search",
        )
        _settle(self.app, 0.2)

    def search(self, window: Any, query: str) -> None:
        from PySide6.QtTest import QTest

        box = window.search_pane.query_box
        box.setFocus()
        box.selectAll()
        QTest.keyClicks(box, query)
        QTest.keyClick(box, "\r")
        self.idle(window)

    def open(self, window: Any, number: int) -> None:
        window.results.select_number(number)
        hit = window.results.current_hit()
        window.open_hit(hit)
        pane = window.document_pane
        _wait(
            self.app,
            lambda: getattr(getattr(pane, "_view", None), "ref", None) == hit.ref,
            what="the document",
        )
        self.idle(window)

    def shot(self, window: Any, name: str) -> Path:
        _settle(self.app, 0.3)
        path = self.out / f"{name}.png"
        window.grab().save(str(path))
        self.files.append(path)
        print(path)
        return path


def _drag(widget: Any, first: int, last: int) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    y = widget.height() // 2
    start, end = QPoint(int(widget.x_of(first)), y), QPoint(int(widget.x_of(last)), y)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(widget, end)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def _best_query(library: Any, candidates: list[str], more_than: int) -> str:
    from ..core.search.types import SearchRequest

    for query in candidates:
        if library.search(SearchRequest(query=query, with_facets=False)).total > more_than:
            return query
    return ""


def _with_facsimile(library: Any) -> str | None:
    from ..core.search.types import SearchRequest

    page = library.search(
        SearchRequest(page_size=1000, sort="date", with_facets=False, with_snippets=False)
    )
    for hit in page.hits:
        if library.document(hit.ref).attachments:
            return hit.ref
    return None


def _number_of(library: Any, request: Any, ref: str) -> int:
    """Where a document stands in the whole result list of a search."""
    from dataclasses import replace

    page = library.search(
        replace(request, page=1, page_size=1000, with_facets=False, with_snippets=False)
    )
    return next((hit.number for hit in page.hits if hit.ref == ref), 1)


def _match_rich(window: Any) -> int:
    """The hit on the page whose snippet marks the most words (a good one to show)."""
    model = window.results.model
    best, count = 1, -1
    for row in range(model.rowCount()):
        hit = model.hit(row)
        marks = hit.snippet.count("<b>")
        if marks > count:
            best, count = hit.number, marks
    return best


def render(shooter: Shooter, library: Any, name: str, queries: list[str]) -> None:
    from PySide6.QtCore import QEvent

    window = shooter.window(library)
    query = _best_query(library, queries, 10)
    shooter.search(window, query)
    window.session.go_to_page(2)
    shooter.idle(window)
    shooter.open(window, window.session.page.first)
    shooter.shot(window, f"{name}-1-results-page-2")

    window.session.go_to_page(1)
    shooter.idle(window)
    shooter.open(window, _match_rich(window))
    pane = window.document_pane
    if hasattr(pane, "step_match") and pane.match_count() > 1:
        pane.step_match(1)
    shooter.shot(window, f"{name}-2-document-matches")

    years = sorted(window.timeline.years)
    if years:
        middle = years[len(years) // 2]
        first, last = max(years[0], middle - 1), min(years[-1], middle + 1)
        if len(years) <= 3:  # a short span: one year says more than all of them
            first = last = middle
        _drag(window.timeline, first, last)
        shooter.idle(window)
        if window.session.page.total:
            shooter.open(window, window.session.page.first)
    shooter.shot(window, f"{name}-3-timeline-range")

    ref = _with_facsimile(library)
    if ref is None:
        print(
            f"{name}: no document has a facsimile; the facsimile state is shown on the sample only"
        )
    else:
        window.session.clear_filters()
        window.search_pane.query_box.clear()
        shooter.search(window, "")
        number = _number_of(library, window.session.request, ref)
        window.session.go_to_number(number)
        _wait(
            shooter.app,
            lambda: getattr(getattr(pane, "_view", None), "ref", None) == ref,
            what="the facsimile document",
        )
        shooter.idle(window)
        if hasattr(pane, "tabs") and hasattr(pane, "facsimile"):
            pane.tabs.setCurrentWidget(pane.facsimile)
        _settle(shooter.app, 1.0)
        shooter.shot(window, f"{name}-4-facsimile")
    window.close()
    window.tasks.shutdown()
    window.deleteLater()
    shooter.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def render_extras(shooter: Shooter, library: Any, work: Path) -> None:
    """The states around the four: opening, no results, an import report, the help."""
    from PySide6.QtCore import QEvent

    from .help_dialog import HelpDialog
    from .main_window import MainWindow
    from .settings import Settings
    from .tasks import TaskManager

    opening = MainWindow(TaskManager(), Settings.open())
    opening.resize(*shooter.size)
    opening.show()
    opening.show_opening()
    shooter.shot(opening, "extra-opening")
    opening.close()
    opening.deleteLater()

    window = shooter.window(library)
    shooter.search(window, "tito")
    people = window.facets.lists["person"].model
    if "Nikita Khrushchev" in people.values():
        people.toggle(people.values().index("Nikita Khrushchev"))
        shooter.idle(window)
    shooter.search(window, "belgrde")
    shooter.shot(window, "extra-no-results")

    bad = work / "letters-with-a-bad-line.jsonl"
    bad.write_text(
        '{"ref": "x1", "title": "A letter", "date": "1957", "text": "On the harvest."}\n'
        "{this line is not JSON\n"
        '{"title": "A letter without a reference"}\n',
        encoding="utf-8",
    )
    dialog = window.show_import_dialog([str(bad)], start=True)
    _wait(shooter.app, lambda: not dialog.running, what="the import")
    _settle(shooter.app, 0.3)
    path = shooter.out / "extra-import-report.png"
    dialog.grab().save(str(path))
    shooter.files.append(path)
    print(path)
    dialog.accept()
    help_dialog = HelpDialog(window)
    help_dialog.show()
    _settle(shooter.app, 0.3)
    path = shooter.out / "extra-help.png"
    help_dialog.grab().save(str(path))
    shooter.files.append(path)
    print(path)
    help_dialog.close()
    window.close()
    window.tasks.shutdown()
    window.deleteLater()
    shooter.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reading_room.ui.screenshots", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument(
        "--frus", type=Path, default=DEFAULT_FRUS, help="a FRUS TEI volume to import"
    )
    parser.add_argument("--size", default="1440x900", help="window size, WIDTHxHEIGHT")
    parser.add_argument(
        "--dark", action="store_true", help="also render the sample with a dark palette"
    )
    parser.add_argument("--only", choices=("sample", "frus"), help="render one installation only")
    parser.add_argument(
        "--extras",
        action="store_true",
        help="also: opening, no results, an import report, the help",
    )
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="reading-room-shots-"))
    os.environ["READING_ROOM_HOME"] = str(work / "sample")
    os.environ.pop("READING_ROOM_DB", None)

    from ..core.library import Library
    from .app import application

    app = application(["reading-room-screenshots"])
    shooter = Shooter(app, args.out, (width, height))
    sample_queries = ["tito", "belgrade", "yugoslav*", "soviet", ""]

    if args.only in (None, "sample"):
        library = Library.open(
            f"sqlite:///{work / 'sample' / 'collections.sqlite3'}", load_sample=True
        )
        render(shooter, library, "sample", sample_queries)
        if args.extras:
            render_extras(shooter, library, work)
        if args.dark:
            app.setPalette(dark_palette())
            render(shooter, library, "sample-dark", sample_queries)
            app.setPalette(app.style().standardPalette())
        library.close()

    if args.only in (None, "frus"):
        os.environ["READING_ROOM_HOME"] = str(work / "frus")
        library = Library.open(
            f"sqlite:///{work / 'frus' / 'collections.sqlite3'}", load_sample=False
        )
        report = library.import_paths([args.frus])
        print(report.summary())
        render(shooter, library, "frus", ["petrograd", "embassy", "bolsheviki", "russia", ""])
        library.close()
    print(f"{len(shooter.files)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
