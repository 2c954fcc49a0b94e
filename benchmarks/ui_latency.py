"""How fast the window answers: from a keystroke to the first page of results painted.

    python -m benchmarks.ui_latency --docs 100000      # the recorded figures
    python -m benchmarks.ui_latency                    # a 2,000-document smoke run

Builds (once, cached under ``benchmarks/work/ui-<docs>-seed<seed>/``) a collection
of FRUS-like documents recombined from the real FRUS volumes (``benchmarks.corpus``),
imported through ``Library.import_paths`` as a user would. Then it opens the real
``MainWindow`` offscreen and, for each query, types it key by key (40 ms apart,
the event loop running between keys, as a quick typist would) and measures:

* **Enter → painted**: Enter pressed after the last key, until the results
  list has painted the new first page (the search runs at once);
* **Enter → complete**: the same, until the facet lists and the timeline of
  the search are shown too (the window fills them after the list);
* **pause → painted**: no Enter; from the last key until the page is painted,
  which includes the 250 ms pause the window waits for before searching;
* **GUI block**: the longest gap between the ticks of a 5 ms timer on the GUI
  thread while the query is typed, searched and painted, facets and timeline
  included — how long the window could not have answered a key or repainted.

Then, for as many of the searches (``--documents``), it picks the first hit and
presses Enter on it, as a reader opens a document, and measures **Enter →
document shown** (read on a worker, laid out, its matches highlighted) and the
longest GUI-thread block meanwhile, until every match of a long document is
highlighted.

The section "UI latency" of ``benchmarks/RESULTS.md`` is replaced (or added).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WORK_DIR = REPO / "benchmarks" / "work"
RESULTS = REPO / "benchmarks" / "RESULTS.md"
SECTION = "UI latency (issue 3)"
KEY_INTERVAL = 0.040
TICK_MS = 5
STOP_WORDS = set(
    [
        "the",
        "and",
        "that",
        "this",
        "with",
        "from",
        "have",
        "which",
        "were",
        "been",
        "their",
        "there",
        "would",
        "could",
        "should",
        "about",
        "after",
        "other",
        "these",
        "those",
        "into",
        "than",
        "them",
        "they",
        "what",
        "when",
        "where",
        "will",
        "shall",
        "upon",
        "such",
        "only",
        "also",
        "very",
        "your",
        "said",
        "being",
        "under",
        "before",
        "most",
        "more",
        "some",
        "same",
        "made",
        "each",
    ]
)


# -- the collection -----------------------------------------------------------------------------


def build_collection(docs: int, seed: int, work: Path, log: Callable[[str], None]) -> Path:
    """The home of a ``docs``-document installation, built once and reused."""
    from benchmarks.corpus import SyntheticFrus, load_pool, write_jsonl_folder
    from reading_room.core.library import Library

    folder = work / f"ui-{docs}-seed{seed}"
    home = folder / "home"
    marker = folder / "build.json"
    key = {"docs": docs, "seed": seed, "version": 1}
    if marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("key") == key:
        return home
    log(f"building {docs:,} documents in {folder} (once; later runs reuse it)")
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    home.mkdir(parents=True)
    started = time.perf_counter()
    corpus = SyntheticFrus(load_pool(None, work), docs, seed)
    written = write_jsonl_folder(corpus, folder / "jsonl")
    log(f"  wrote {written:,} documents as JSON Lines in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    library = Library.open(_db_url(home), load_sample=False)
    report = library.import_paths([folder / "jsonl"])
    library.close()
    seconds = time.perf_counter() - started
    log(f"  imported: {report.summary()} ({seconds:.1f} s)")
    marker.write_text(
        json.dumps({"key": key, "import_seconds": seconds, "summary": report.summary()}),
        encoding="utf-8",
    )
    return home


def _db_url(home: Path) -> str:
    return f"sqlite:///{home / 'collections.sqlite3'}"


def choose_queries(library: Any, count: int, seed: int) -> list[str]:
    """Words of the collection's own text, a few two-word and prefix queries among them."""
    from reading_room.core.search.types import SearchRequest

    rng = random.Random(f"{seed}:ui-queries")
    sample = library.search(SearchRequest(query="", page_size=200, with_facets=False))
    words: list[str] = []
    for hit in sample.hits:
        view = library.document(hit.ref)
        words += [w.lower() for w in re.findall(r"[A-Za-z]{5,12}", view.body)]
    words = sorted({w for w in words if w not in STOP_WORDS})
    rng.shuffle(words)
    queries: list[str] = []
    for index, word in enumerate(words):
        if len(queries) >= count:
            break
        if index % 6 == 4 and index + 1 < len(words):
            queries.append(f"{word} {words[index + 1]}")
        elif index % 6 == 5:
            queries.append(word[:5] + "*")
        else:
            queries.append(word)
    return queries


# -- measuring ----------------------------------------------------------------------------------


@dataclass
class Sample:
    query: str
    mode: str
    latency: float  # seconds from the last key (or Enter) to the page painted
    block: float  # longest GUI-thread gap until the search is complete on screen, seconds
    total: int
    complete: float = 0.0  # seconds from the last key (or Enter) to facets and timeline shown
    size: int = 0  # characters of the document opened ("document" samples)


@dataclass
class Probe:
    """A 5 ms heartbeat on the GUI thread and a watch on the results list's paint events."""

    app: Any
    window: Any
    max_gap: float = 0.0
    last_tick: float = 0.0
    painted_for: str | None = None
    timer: Any = None
    filter: Any = None
    samples: list[Sample] = field(default_factory=list)

    def start(self) -> None:
        from PySide6.QtCore import QEvent, QObject, Qt, QTimer

        probe = self

        class PaintWatch(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    page = probe.window.results.model.page
                    if page is not None:
                        probe.painted_for = page.query
                return False

        self.filter = PaintWatch()
        self.window.results.view.viewport().installEventFilter(self.filter)
        self.window.results.empty.installEventFilter(self.filter)
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last_tick = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.window.results.view.viewport().removeEventFilter(self.filter)
        self.window.results.empty.removeEventFilter(self.filter)
        self.timer.deleteLater()
        self.filter.deleteLater()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last_tick)
        self.last_tick = now

    def reset_gap(self) -> None:
        self.app.processEvents()
        self.last_tick = time.perf_counter()
        self.max_gap = 0.0

    def pump(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.0005)

    def run(self, query: str, mode: str, timeout: float = 30.0) -> Sample:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        window = self.window
        box = window.search_pane.query_box
        box.setFocus()
        box.selectAll()
        self.painted_for = None
        self.reset_gap()
        started = time.perf_counter()
        for number, char in enumerate(query):
            if number:
                self.pump(KEY_INTERVAL)
            started = time.perf_counter()  # the last key counts
            QTest.keyClicks(box, char)
        if mode == "enter":
            self.pump(KEY_INTERVAL)
            started = time.perf_counter()
            QTest.keyClick(box, Qt.Key.Key_Return)
        end = started + timeout
        while time.perf_counter() < end:
            self.app.processEvents()
            page = window.session.page
            shown = window.results.model.page
            if (
                self.painted_for == query
                and page is not None
                and page.query == query
                and shown is not None
                and shown.query == query
            ):
                break
            time.sleep(0.0002)
        else:
            raise SystemExit(f"ui_latency: no page painted for {query!r} within {timeout} s")
        latency = time.perf_counter() - started
        while time.perf_counter() < end:  # then the facet lists and the timeline
            self.app.processEvents()
            if not _updating(window):
                self.app.processEvents()  # paints what the last step changed
                break
            time.sleep(0.0002)
        else:
            raise SystemExit(f"ui_latency: no facets shown for {query!r} within {timeout} s")
        complete = time.perf_counter() - started
        self._tick()
        sample = Sample(query, mode, latency, self.max_gap, window.session.page.total, complete)
        self.samples.append(sample)
        self.pump(0.05)
        return sample


def open_document(probe: Probe, query: str, timeout: float = 30.0) -> Sample | None:
    """Search ``query`` (not typed), then press Enter on its first hit: the document shown."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = probe.window
    pane = window.document_pane
    window.search_pane.query_box.setText(query)
    window.search_pane.submit()
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        probe.app.processEvents()
        page = window.session.page
        if page is not None and page.query == query and not _updating(window):
            break
        time.sleep(0.0005)
    probe.pump(0.05)
    hit = window.results.model.hit(0)
    if hit is None:
        return None
    view = window.results.view
    view.setFocus()
    window.results.select_number(hit.number)  # chosen without the preview a click would start
    probe.reset_gap()
    started = time.perf_counter()
    QTest.keyClick(view, Qt.Key.Key_Return)
    while time.perf_counter() < end:
        probe.app.processEvents()
        shown = getattr(pane, "view", None)
        if shown is not None and shown.ref == hit.ref:
            probe.app.processEvents()  # painted
            break
        time.sleep(0.0002)
    else:
        raise SystemExit(f"ui_latency: the document {hit.ref} was not shown within {timeout} s")
    latency = time.perf_counter() - started
    while time.perf_counter() < end and getattr(pane, "highlighting", False):
        probe.app.processEvents()  # the highlights further down a long document
        time.sleep(0.0002)
    complete = time.perf_counter() - started
    probe._tick()
    size = len(shown.body) + len(shown.notes) + len(shown.summary)
    sample = Sample(query, "document", latency, probe.max_gap, 1, complete, size)
    probe.pump(0.05)
    return sample


def _updating(window: Any) -> bool:
    """The window is still showing the search (windows before the facets came apart: never)."""
    return bool(getattr(window, "updating", False))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# -- reporting ----------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}"


def table(samples: list[Sample]) -> list[str]:
    lines = [
        "| measure | runs | median ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
    ]
    for mode, label, measure in (
        ("enter", "Enter → first page painted", "latency"),
        ("enter", "Enter → facets and timeline shown too", "complete"),
        ("pause", "last key → first page painted (incl. the 250 ms pause)", "latency"),
    ):
        values = [getattr(s, measure) for s in samples if s.mode == mode]
        if values:
            lines.append(
                f"| {label} | {len(values)} | {_ms(statistics.median(values))} | {_ms(percentile(values, 0.95))} | {_ms(max(values))} |"
            )
    blocks = [s.block for s in samples if s.mode != "document"]
    lines.append(
        f"| longest GUI-thread block per query (typing, searching, painting, facets) | {len(blocks)} | {_ms(statistics.median(blocks))} | {_ms(percentile(blocks, 0.95))} | {_ms(max(blocks))} |"
    )
    documents = [s for s in samples if s.mode == "document"]
    if documents:
        for label, values in (
            ("Enter on a hit → document shown", [s.latency for s in documents]),
            ("longest GUI-thread block while a document opens", [s.block for s in documents]),
        ):
            lines.append(
                f"| {label} | {len(values)} | {_ms(statistics.median(values))} | {_ms(percentile(values, 0.95))} | {_ms(max(values))} |"
            )
    return lines


def write_section(path: Path, section: str) -> None:
    """Replace the section (from its ``## `` heading to the next one) or append it.

    Its ``### `` subsections, written by hand (figures from before a change, say), are
    kept, after the new figures.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^## {re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    found = pattern.search(text)
    if found:
        kept = re.search(r"^### .*", found.group(), re.S | re.M)
        if kept:
            section = section.rstrip("\n") + "\n\n" + kept.group().rstrip("\n") + "\n"
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def machine() -> str:
    cores = os.cpu_count() or 0
    try:
        load = f", load average {os.getloadavg()[0]:.2f}"
    except OSError:
        load = ""
    from PySide6 import __version__ as pyside

    return f"{platform.processor() or platform.machine()}, {cores} cores, {platform.system()} {platform.release()}{load}; Python {platform.python_version()}, PySide6 {pyside}, offscreen"


def report(
    args: argparse.Namespace, samples: list[Sample], documents: int, collections: int
) -> str:
    from reading_room.ui.compat import affected

    searches = [s for s in samples if s.mode != "document"]
    totals = sorted(s.total for s in searches)
    queries = sorted({s.query for s in searches})
    opened = sorted(s.size for s in samples if s.mode == "document")
    lines = [
        f"## {SECTION}",
        "",
        f"Recorded {date.today().isoformat()} with:",
        "",
        "```sh",
        f"python -m benchmarks.ui_latency --docs {args.docs} --queries {args.queries}"
        + (f" --documents {args.documents}" if args.documents != 30 else ""),
        "```",
        "",
        f"- **Machine**: {machine()}.",
        f"- **Collection**: {documents:,} documents in {collections} collections (`benchmarks.corpus`, seed {args.seed}), imported with `Library.import_paths`.",
        f"- **Window**: the real `MainWindow`, {args.size}, offscreen; page size 10, facets, timeline and snippets as a user sees them; my notes open (an empty profile), as `reading-room` opens them.",
        *(
            [
                "- **Note**: PySide6 6.12 on CPython 3.11 frees `None` after a few thousand Qt calls "
                "(a PySide reference-count bug); `reading_room/ui/compat.py` guards against it, "
                "without which this run aborts part-way with `none_dealloc`."
            ]
            if affected()
            else []
        ),
        f"- **Queries**: {len(queries)} words, word pairs and prefixes from the collection's own text (median {statistics.median(totals):,.0f} hits, from {totals[0]:,} to {totals[-1]:,}); each typed key by key, {KEY_INTERVAL * 1000:.0f} ms apart, after 3 warm-up queries.",
        *(
            [
                f"- **Documents**: the first hit of {len(opened)} of those searches, opened with Enter (median {statistics.median(opened):,.0f} characters, from {opened[0]:,} to {opened[-1]:,})."
            ]
            if opened
            else []
        ),
        "",
        *table(samples),
        "",
        "*Enter → painted*: Enter pressed after the last key until the results list has painted the new page. "
        "*Enter → facets and timeline shown too*: until the facet lists and the timeline of the search are on screen as well (the window shows the hits first). "
        "*Last key → painted*: no Enter, the window waits for a 250 ms pause in the typing and then searches. "
        f"*GUI block*: the longest gap between ticks of a {TICK_MS} ms timer on the GUI thread from the first key of a query until its page, facets and timeline are shown — the search itself runs on worker threads, so this is the time spent handling a key event, laying out a page of hits and the facet lists and painting them. "
        "*Enter on a hit → document shown*: Enter on the first hit of a search until the document pane shows it (read on a worker, laid out, highlighted); its block lasts until every match of the document is highlighted.",
    ]
    return "\n".join(lines) + "\n"


# -- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.ui_latency", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--docs",
        type=int,
        default=2000,
        help="documents (default 2000, a smoke run; record with 100000)",
    )
    parser.add_argument("--queries", type=int, default=30, help="queries per measure (default 30)")
    parser.add_argument(
        "--documents",
        type=int,
        default=30,
        help="documents opened after the searches, one per search (default 30; 0: none)",
    )
    parser.add_argument("--seed", type=int, default=1917)
    parser.add_argument("--size", default="1440x900", help="window size (default 1440x900)")
    parser.add_argument("--work", type=Path, default=WORK_DIR)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument("--no-record", action="store_true", help="print the table only")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = build_collection(args.docs, args.seed, args.work, log)
    settings_home = Path(tempfile.mkdtemp(prefix="reading-room-ui-bench-"))
    os.environ["READING_ROOM_HOME"] = str(settings_home)  # the window's settings, not the user's

    from reading_room.core.library import Library
    from reading_room.ui import app as app_module
    from reading_room.ui.app import application, dispose

    # what `reading-room` does for the window's sake (windows from before those: nothing)
    freeze_long_lived = getattr(app_module, "freeze_long_lived", lambda: None)
    getattr(app_module, "share_the_interpreter", lambda: None)()
    from reading_room.ui.main_window import MainWindow
    from reading_room.ui.settings import Settings
    from reading_room.ui.tasks import TaskManager

    library = Library.open(_db_url(home), load_sample=False)
    collections = library.collections()
    documents = sum(c.documents for c in collections)
    queries = choose_queries(library, 2 * args.queries + 3, args.seed)
    app = application(["ui-latency"])
    window = MainWindow(TaskManager(), Settings.open(settings_home / "settings.ini"))
    width, height = (int(n) for n in args.size.split("x"))
    window.resize(width, height)
    window.show()
    opened = getattr(window, "library_opened", None)
    if opened is not None:  # as `reading-room` does
        opened.connect(lambda _library: freeze_long_lived())
    window.open_user_data()  # my notes, empty: each search counts its words in them too
    window.set_library(library)
    probe = Probe(app, window)
    probe.start()
    probe.pump(1.0)
    user = window.user_panes.user
    while not user.ready:
        probe.pump(0.05)
    log(f"{documents:,} documents; {len(queries)} queries")
    for query in queries[:3]:
        probe.run(query, "enter")
    probe.samples.clear()
    rest = queries[3:]
    for number, query in enumerate(rest):
        mode = "enter" if number % 2 == 0 else "pause"
        sample = probe.run(query, mode)
        print(
            f"  {mode:5} {_ms(sample.latency):>6} ms  complete {_ms(sample.complete):>6} ms  block {_ms(sample.block):>5} ms  {sample.total:>7,} hits  {query}",
            flush=True,
        )
    if args.documents:
        open_document(probe, queries[0])  # warm-up: the first document loads the text's fonts
    for query in rest[: args.documents]:
        sample = open_document(probe, query)
        if sample is not None:
            probe.samples.append(sample)
            print(
                f"  open  {_ms(sample.latency):>6} ms  complete {_ms(sample.complete):>6} ms  block {_ms(sample.block):>5} ms  {sample.size:>7,} characters  {query}",
                flush=True,
            )
    print()
    print("\n".join(table(probe.samples)))
    probe.stop()
    window.close()
    dispose(window)
    if not args.no_record:
        write_section(args.results, report(args, probe.samples, documents, len(collections)))
        log(f"recorded in {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
