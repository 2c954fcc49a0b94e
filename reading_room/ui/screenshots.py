"""Render the window, offscreen, in the states people see — for the eyes of whoever changes it.

    python -m reading_room.ui.screenshots OUTDIR [--frus PATH] [--size 1440x900] [--dark]

On the sample collection and on an imported FRUS volume, six states each:
results page 2, a document with its matches highlighted, the timeline with a
date range, a facsimile, a document with my annotated passages and note (its
star lit), and the notes pane (one note detached, one on a document no longer in
the collection); the bookmarks pane as a seventh. Each installation is made in a
temporary folder; the user's own is never touched.
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
        window.open_user_data()
        _wait(self.app, lambda: window.user_panes.user.ready, what="my notes")
        window.set_library(library)
        self.idle(window)
        return window

    def idle(self, window: Any) -> None:
        _wait(
            self.app,
            lambda: (
                window.session.page is not None
                and not window.updating
                and not window.tasks.busy
                and not window.search_pane.typing
                and window.user_panes.user.saver.idle
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
    window.user_panes.user.close()
    window.deleteLater()
    shooter.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _phrases(body: str, count: int) -> list[tuple[int, int]]:
    """A whole sentence from each of the first paragraphs that have one: passages worth annotating."""
    import re

    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", body):
        # a sentence from its first capital to a full stop after a word (not "Mr." or "No.")
        sentence = re.search(
            r"(?:^|(?<=[.!?]\s))[A-Z][^.!?\n]{30,170}[a-z]{3}[.!?]", paragraph.group()
        )
        if sentence is not None:
            spans.append((paragraph.start() + sentence.start(), paragraph.start() + sentence.end()))
        if len(spans) == count:
            break
    return spans


def _rich_document(library: Any) -> Any:
    """A document with several long paragraphs (and, better, footnotes): the one to annotate."""
    from ..core.search.types import SearchRequest

    page = library.search(SearchRequest(page_size=200, with_facets=False, with_snippets=False))
    best, score = None, -1
    for hit in page.hits:
        view = library.document(hit.ref)
        paragraphs = len(_phrases(view.body, 3))
        value = paragraphs * 10 + (5 if view.notes.strip() else 0) - len(view.body) // 4000
        if value > score:
            best, score = view, value
    return best


def write_notes(notebook: Any, library: Any, annotated: Any) -> None:
    """A historian's notebook on this installation: passages, document notes, bookmarks,
    a passage whose words are gone (detached), a note on a document no longer there."""
    from ..core.search.types import SearchRequest
    from ..core.userdata import DocumentInfo

    texts = [
        "Compare with the **Brioni** minutes: the wording here is much softer.",
        "Source of the later claim in the memoirs? Check the date against the diary.",
        "Quoted in my chapter 3 draft.",
    ]
    for (start, end), text in zip(_phrases(annotated.body, 3), texts, strict=False):
        notebook.add_passage_note(annotated, text, start, end)
    notebook.add_document_note(
        annotated,
        "Key document for the argument on *non-alignment*.\n- ask the archive for the original\n"
        "- the summary misreads the second paragraph",
    )
    notebook.bookmark(annotated, list_name="Chapter 3", tags=["key", "1956"])
    page = library.search(SearchRequest(page_size=12, sort="date", with_facets=False))
    others = [library.document(hit.ref) for hit in page.hits if hit.ref != annotated.ref][:6]
    for number, view in enumerate(others):
        if number % 2 == 0:
            notebook.bookmark(view, list_name="Chapter 3" if number < 3 else "To read")
        if number < 3:
            notebook.add_document_note(
                view, f"Read for the {['spring', 'summer', 'autumn'][number]} chapter."
            )
    if others:
        lost = others[-1]
        notebook.add_passage_note(
            lost.ref,
            "The sentence I quoted from the first edition.",
            0,
            40,
            quote="a sentence the corrected edition no longer has",
            prefix="before it ",
            suffix=" and after",
        )
        notebook.passages(lost)  # looked for in the current text: not found, kept as detached
    gone = DocumentInfo(
        ref="withdrawn-1957/017",
        title="Letter withdrawn from the collection by its depositor",
        date_text="Zagreb, 4 March 1957",
        date_start="1957-03-04",
    )
    notebook.add_document_note(gone, "Kept from my first visit: the letter names the go-between.")
    notebook.bookmark(gone, list_name="To read")


def render_notes(shooter: Shooter, library: Any, name: str) -> None:
    """(5) a document with my annotated passages and note; (6) the notes pane; (7) bookmarks."""
    from PySide6.QtCore import QEvent

    window = shooter.window(library)
    user = window.user_panes.user
    annotated = _rich_document(library)
    if annotated is None:
        print(f"{name}: no document to annotate")
        return
    write_notes(user.notebook, library, annotated)
    user.refresh_bookmarks()
    shooter.idle(window)
    window.open_ref(annotated.ref)
    pane = window.document_pane
    _wait(
        shooter.app, lambda: getattr(pane.view, "ref", None) == annotated.ref, what="the document"
    )
    shooter.idle(window)
    entries = [e for e in pane.notes_panel.entries() if e.is_passage]
    if entries:
        pane.focus_note(entries[0].uid)
        span = pane.passages.span_of(entries[0].uid)
        if span is not None:  # the passages in view, a few lines below the top
            from PySide6.QtGui import QTextCursor

            cursor = QTextCursor(pane.browser.document())
            cursor.setPosition(span[0])
            bar = pane.browser.verticalScrollBar()
            bar.setValue(bar.value() + pane.browser.cursorRect(cursor).top() - 60)
    shooter.shot(window, f"{name}-5-document-notes")

    notes = window.user_panes.notes
    window.user_panes.show_tab(notes)
    notes.refresh()
    shooter.idle(window)
    notes.view.setCurrentIndex(notes.model.index(0))
    shooter.shot(window, f"{name}-6-notes-pane")

    window.user_panes.show_tab(window.user_panes.bookmarks)
    window.user_panes.bookmarks.choose_list("Chapter 3")
    shooter.idle(window)
    shooter.shot(window, f"{name}-7-bookmarks")
    window.close()
    window.tasks.shutdown()
    window.user_panes.user.close()
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
    window.user_panes.user.close()
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
        render_notes(shooter, library, "sample")
        if args.extras:
            render_extras(shooter, library, work)
        if args.dark:
            app.setPalette(dark_palette())
            render(shooter, library, "sample-dark", sample_queries)
            os.environ["READING_ROOM_HOME"] = str(work / "sample-dark")  # a notebook of its own
            render_notes(shooter, library, "sample-dark")
            os.environ["READING_ROOM_HOME"] = str(work / "sample")
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
        render_notes(shooter, library, "frus")
        library.close()
    print(f"{len(shooter.files)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
